/*
 * fast-check arbitraries shared by the domain specs. Test-only: not exported from index.ts.
 */
import fc from 'fast-check';
import { IsoDate, addDays, fromDayNumber, toDayNumber } from './dates';
import { money } from './money';
import { LenderAllows, RESTRUCTURING_KINDS, RestructuringKind, TenantPolicy } from './options';
import { InstalmentPlan, planFromSchedule } from './plans';
import { Cadence } from './split';

export const arbDate = (from: IsoDate = '2000-01-01', to: IsoDate = '2099-12-31'): fc.Arbitrary<IsoDate> =>
  fc.integer({ min: toDayNumber(from), max: toDayNumber(to) }).map(fromDayNumber);

export const arbCurrency = fc.constantFrom('EUR', 'JPY', 'KWD', 'SEK', 'USD', 'CLF');

export const arbCadence: fc.Arbitrary<Cadence> = fc.record({
  unit: fc.constantFrom('week' as const, 'month' as const),
  every: fc.integer({ min: 1, max: 3 }),
});

/** A plan of 1–8 instalments (BNPL-sized by default), with part of the total being fees. */
export const arbPlan = (opts: { currency?: fc.Arbitrary<string>; maxTotal?: number; firstDue?: fc.Arbitrary<IsoDate>; minTotal?: number } = {}): fc.Arbitrary<InstalmentPlan> =>
  fc
    .record({
      currency: opts.currency ?? arbCurrency,
      total: fc.integer({ min: opts.minTotal ?? 0, max: opts.maxTotal ?? 100_000 }),
      feeShare: fc.integer({ min: 0, max: 100 }),
      n: fc.integer({ min: 1, max: 8 }),
      firstDue: opts.firstDue ?? arbDate('2024-01-01', '2030-12-31'),
      cadence: arbCadence,
      roundTo: fc.constantFrom(1, 1, 100),
    })
    .map(({ currency, total, feeShare, n, firstDue, cadence, roundTo }) => {
      const fee = Math.min(total, Math.floor((total * feeShare) / 1000));
      return planFromSchedule(money(total, currency), firstDue, n, cadence, { roundTo, fee: money(fee, currency) });
    });

export const arbKinds = (minLength = 0): fc.Arbitrary<RestructuringKind[]> => fc.subarray([...RESTRUCTURING_KINDS], { minLength });

export const arbLender: fc.Arbitrary<LenderAllows> = fc.record(
  {
    kinds: fc.oneof({ weight: 3, arbitrary: fc.constant([...RESTRUCTURING_KINDS]) }, { weight: 2, arbitrary: arbKinds() }),
    maxInstalments: fc.oneof(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 8, max: 24 })),
    maxExtensionDays: fc.integer({ min: 0, max: 200 }),
    maxSettlementDiscountBps: fc.integer({ min: 0, max: 5000 }),
    maxFeeMinor: fc.integer({ min: 0, max: 3000 }),
  },
  { requiredKeys: ['kinds', 'maxInstalments', 'maxExtensionDays', 'maxSettlementDiscountBps'] },
);

export const arbTenant: fc.Arbitrary<TenantPolicy> = fc
  .record(
    {
      minInstalmentMinor: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 10_000 })),
      maxExtensionDays: fc.integer({ min: 0, max: 200 }),
      maxReschedules: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) }),
      discount: fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 })),
      kinds: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arbKinds() }),
      restructuringFeeMinor: fc.integer({ min: 0, max: 6000 }),
      roundToMinor: fc.constantFrom(1, 100),
    },
    { requiredKeys: ['minInstalmentMinor', 'maxExtensionDays', 'maxReschedules', 'discount'] },
  )
  .map(({ discount: [a, b], kinds, ...rest }) => ({ ...rest, ...(kinds ? { kinds } : {}), settlementDiscountBps: { min: a, max: a + b } }));

/** Jurisdiction and the currency the debt is in (including a mismatch: EUR in SE). */
export const arbJurisdiction = fc.constantFrom(
  ['DE', 'EUR'],
  ['NL', 'EUR'],
  ['FR', 'EUR'],
  ['SE', 'SEK'],
  ['SE', 'EUR'],
  ['IE', 'EUR'],
  ['GB', 'GBP'],
  ['US-MA', 'USD'],
  ['ZZ', 'JPY'],
  ['KW', 'KWD'],
);

export const arbToday = arbDate('2026-01-01', '2028-06-30');

/** A first due date around `today`: up to 60 days overdue or 60 days ahead. */
export const aroundToday = (today: IsoDate) => fc.integer({ min: -60, max: 60 }).map((d) => addDays(today, d));
