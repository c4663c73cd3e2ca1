import { feeCap } from '@settle/compliance';
import fc from 'fast-check';
import { IsoDate, daysBetween, isStrictlyIncreasing, maxDate } from './dates';
import { money } from './money';
import {
  ART22_RULE,
  ART35_RULE,
  AffordabilityInput,
  FORBEARANCE_KINDS,
  LenderAllows,
  RESTRUCTURING_KINDS,
  RestructuringInput,
  RestructuringKind,
  RestructuringOption,
  TenantPolicy,
  affordablePlan,
  restructuringOptions,
} from './options';
import { InstalmentPlan, dueDates, lastDueDate, largestInstalment, makePlan, planFromSchedule, smallestInstalment } from './plans';
import { arbJurisdiction, arbLender, arbPlan, arbTenant, arbToday, aroundToday } from './spec-helpers';

const eur = (minor: number) => money(minor, 'EUR');
const ALL = [...RESTRUCTURING_KINDS];
const amountsOf = (p: InstalmentPlan) => p.instalments.map((i) => i.amount.amountMinor);

const lender = (over: Partial<LenderAllows> = {}): LenderAllows => ({ kinds: ALL, maxInstalments: 6, maxExtensionDays: 90, maxSettlementDiscountBps: 1500, ...over });
const tenant = (over: Partial<TenantPolicy> = {}): TenantPolicy => ({
  minInstalmentMinor: 1500,
  maxExtensionDays: 120,
  maxReschedules: 2,
  settlementDiscountBps: { min: 500, max: 2000 },
  ...over,
});
/** €89.50 in 3 monthly instalments from 1 Dec 2026; today 25 Nov 2026 (CCD II Art. 35 in force). */
const plan3 = () => planFromSchedule(eur(8950), '2026-12-01', 3, { unit: 'month', every: 1 });
const input = (over: Partial<RestructuringInput> = {}): RestructuringInput => ({
  balance: eur(8950),
  remainingPlan: plan3(),
  lenderAllows: lender(),
  tenantPolicy: tenant(),
  reschedulesSoFar: 0,
  jurisdiction: 'DE',
  today: '2026-11-25',
  ...over,
});
const byKind = (options: RestructuringOption[], kind: RestructuringKind) => options.find((o) => o.kind === kind);

// ————————————————————————————————————————————————————————— reference model (written from the issue, not the code)

const EU = new Set(['DE', 'NL', 'FR', 'SE', 'IE', 'ES', 'IT']);
const ART35_FROM = '2026-11-20';

/** The statutory cap on all fees for the claim: a number, null (no numeric cap) or 'unknown' (cannot be computed). */
function referenceCap(jurisdiction: string, principalMinor: number, currency: string): number | null | 'unknown' {
  try {
    return feeCap(jurisdiction, { principalMinor, currency, kind: 'repayment_plan' })?.maxFeeMinor ?? null;
  } catch {
    return 'unknown';
  }
}

function expectWithinEveryBound(o: RestructuringOption, inp: RestructuringInput): void {
  const { lenderAllows: l, tenantPolicy: t, remainingPlan, balance, today } = inp;
  const p = o.plan;
  const n = p.instalments.length;
  // The kind: the lender allows it; the tenant offers it, or Art. 35 makes it a must in the EU.
  expect(l.kinds).toContain(o.kind);
  const art35 = EU.has(inp.jurisdiction) && daysBetween(ART35_FROM, today) >= 0;
  expect(t.kinds === undefined || t.kinds.includes(o.kind) || (art35 && FORBEARANCE_KINDS.includes(o.kind))).toBe(true);
  expect(o.forbearance).toBe(FORBEARANCE_KINDS.includes(o.kind));
  expect(o.legalBasis.includes(ART35_RULE)).toBe(o.forbearance && art35);
  // Reschedules.
  expect(inp.reschedulesSoFar + 1).toBeLessThanOrEqual(t.maxReschedules);
  // Instalment count.
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(l.maxInstalments);
  // Extension beyond max(last due date, today), within both the lender's and the tenant's maximum.
  const baseline = maxDate(lastDueDate(remainingPlan), today);
  const ext = Math.max(0, daysBetween(baseline, lastDueDate(p)));
  expect(o.extensionDays).toBe(ext);
  expect(ext).toBeLessThanOrEqual(l.maxExtensionDays);
  expect(ext).toBeLessThanOrEqual(t.maxExtensionDays);
  // Minimum instalment (one payment of everything owed is exempt).
  if (n > 1) expect(smallestInstalment(p)).toBeGreaterThanOrEqual(t.minInstalmentMinor);
  // Dates.
  expect(isStrictlyIncreasing(dueDates(p))).toBe(true);
  expect(daysBetween(today, p.instalments[0].dueDate)).toBeGreaterThanOrEqual(0);
  // Money: the currency, and nothing created or lost.
  expect(p.currency).toBe(balance.currency);
  expect(p.instalments.every((i) => Number.isSafeInteger(i.amount.amountMinor) && i.amount.amountMinor >= 0 && i.amount.currency === balance.currency)).toBe(true);
  expect(amountsOf(p).reduce((a, b) => a + b, 0)).toBe(p.total.amountMinor);
  if (o.kind === 'settlement') {
    const bps = o.discountBps!;
    expect(bps).toBeGreaterThanOrEqual(t.settlementDiscountBps.min);
    expect(bps).toBeLessThanOrEqual(t.settlementDiscountBps.max);
    expect(bps).toBeLessThanOrEqual(l.maxSettlementDiscountBps);
    const exactTimes1e4 = BigInt(balance.amountMinor) * BigInt(10_000 - bps);
    // Rounded in the debtor's favour: pays at most the exact discounted amount, by less than one minor unit.
    expect(BigInt(p.total.amountMinor) * 10_000n <= exactTimes1e4).toBe(true);
    expect(BigInt(p.total.amountMinor + 1) * 10_000n > exactTimes1e4).toBe(true);
    expect(p.total.amountMinor + o.discountMinor!).toBe(balance.amountMinor);
    expect(o.feeAddedMinor).toBe(0);
    expect(n).toBe(1);
  } else {
    expect(p.total.amountMinor).toBe(balance.amountMinor + o.feeAddedMinor);
    expect(p.fee.amountMinor).toBe(remainingPlan.fee.amountMinor + o.feeAddedMinor);
  }
  // Fees: never above what the tenant proposed, the lender allows, or the jurisdiction caps.
  expect(o.feeAddedMinor).toBeLessThanOrEqual(t.restructuringFeeMinor ?? 0);
  if (l.maxFeeMinor !== undefined) expect(o.feeAddedMinor).toBeLessThanOrEqual(l.maxFeeMinor);
  const cap = referenceCap(inp.jurisdiction, balance.amountMinor - remainingPlan.fee.amountMinor, balance.currency);
  const charged = inp.feesChargedSoFar?.amountMinor ?? remainingPlan.fee.amountMinor;
  if (cap === 'unknown') expect(o.feeAddedMinor).toBe(0);
  else if (cap !== null && o.feeAddedMinor > 0) expect(charged + o.feeAddedMinor).toBeLessThanOrEqual(cap);
  // And the option's own proofs all hold.
  expect(o.proofs.length).toBeGreaterThan(0);
  expect(o.proofs.filter((pr) => !pr.holds)).toEqual([]);
}

// ————————————————————————————————————————————————————————— examples

describe('restructuringOptions — examples', () => {
  it('DE, €89.50 in 3, a €5 fee proposed: one option of each kind, each within every bound', () => {
    const inp = input({ tenantPolicy: tenant({ restructuringFeeMinor: 500 }) });
    const r = restructuringOptions(inp);
    expect(r.options.map((o) => o.kind)).toEqual(['deferral', 'term_extension', 'reduced_instalments', 'payment_holiday', 'settlement']);
    expect(r.notOffered).toEqual([]);
    expect(r.humanReview).toEqual({ required: false, ruleId: ART22_RULE });
    expect(r.bounds).toMatchObject({ maxInstalments: 6, maxExtensionDays: 90, extensionBaseline: '2027-02-01', settlementDiscountBps: { min: 500, max: 1500 }, eu: true, art35: true });
    expect(r.bounds.fee).toMatchObject({ proposedMinor: 500, appliedMinor: 500, capMinor: 4635, capRuleId: 'de.rdg.13e.rvg_fee_cap' });

    const deferral = byKind(r.options, 'deferral')!;
    expect(deferral.plan.instalments.map((i) => [i.dueDate, i.amount.amountMinor])).toEqual([
      ['2026-12-31', 2984],
      ['2027-01-01', 2983],
      ['2027-02-01', 3483],
    ]);
    expect(deferral.why).toMatch(/due 2026-12-31 instead of 2026-12-01; a fee of 5.00 EUR/);
    expect(deferral.legalBasis).toEqual([ART35_RULE]);

    const longer = byKind(r.options, 'term_extension')!;
    expect(amountsOf(longer.plan)).toEqual([2363, 2363, 2362, 2362]);
    expect(longer.extensionDays).toBe(28);

    const reduced = byKind(r.options, 'reduced_instalments')!;
    expect(amountsOf(reduced.plan)).toEqual([1575, 1575, 1575, 1575, 1575, 1575]);

    const holiday = byKind(r.options, 'payment_holiday')!;
    expect(dueDates(holiday.plan)).toEqual(['2027-01-01', '2027-02-01', '2027-03-01']);

    const settlement = byKind(r.options, 'settlement')!;
    expect(settlement.plan.instalments).toEqual([{ dueDate: '2026-12-09', amount: eur(8502) }]);
    expect(settlement).toMatchObject({ discountBps: 500, discountMinor: 448, feeAddedMinor: 0, forbearance: false, legalBasis: [] });
    expect(settlement.why).toMatch(/negotiable up to 15%/);

    for (const o of r.options) expectWithinEveryBound(o, inp);
  });

  it('a requested settlement discount is clamped into the allowed range', () => {
    const r = restructuringOptions(input({ preferences: { settlementDiscountBps: 9000 } }));
    expect(byKind(r.options, 'settlement')).toMatchObject({ discountBps: 1500, discountMinor: 1343 });
  });

  it('the reschedule limit reached: no options, and a person must review (GDPR Art. 22)', () => {
    const r = restructuringOptions(input({ reschedulesSoFar: 2 }));
    expect(r.options).toEqual([]);
    expect(r.humanReview).toEqual({ required: true, reason: expect.stringMatching(/reschedule limit reached \(2 of 2\)/), ruleId: ART22_RULE });
    expect(restructuringOptions(input({ tenantPolicy: tenant({ maxReschedules: 0 }) })).humanReview.required).toBe(true);
  });

  it('no option fits: a refusal that requires human review, with the reasons', () => {
    const r = restructuringOptions(input({ lenderAllows: lender({ kinds: ['term_extension'], maxInstalments: 3 }) }));
    expect(r.options).toEqual([]);
    expect(r.humanReview.required).toBe(true);
    expect(r.humanReview.reason).toMatch(/term_extension: the plan already has 3 instalments/);
    expect(r.notOffered.find((n) => n.kind === 'deferral')?.reasons).toEqual(['the lender does not allow it']);
  });

  it('EU CCD II Art. 35: forbearance kinds the lender allows are offered even if the tenant only offers settlements', () => {
    const tenantSettlementOnly = tenant({ kinds: ['settlement'] });
    const r = restructuringOptions(input({ tenantPolicy: tenantSettlementOnly }));
    expect(r.options.map((o) => o.kind)).toEqual(['deferral', 'term_extension', 'reduced_instalments', 'payment_holiday', 'settlement']);
    expect(r.options.filter((o) => o.forbearance).every((o) => o.legalBasis.includes(ART35_RULE))).toBe(true);
    // … but not what the lender does not allow.
    const noHoliday = restructuringOptions(input({ tenantPolicy: tenantSettlementOnly, lenderAllows: lender({ kinds: ['deferral', 'settlement'] }) }));
    expect(noHoliday.options.map((o) => o.kind)).toEqual(['deferral', 'settlement']);
    // Before Art. 35 applies (20 Nov 2026), and outside the EU, the tenant's choice stands.
    const before = restructuringOptions(input({ tenantPolicy: tenantSettlementOnly, today: '2026-06-01' }));
    expect(before.bounds.art35).toBe(false);
    expect(before.options.map((o) => o.kind)).toEqual(['settlement']);
    const us = restructuringOptions(input({ tenantPolicy: tenantSettlementOnly, jurisdiction: 'US-MA', balance: money(8950, 'USD'), remainingPlan: planFromSchedule(money(8950, 'USD'), '2026-12-01', 3, { unit: 'month', every: 1 }) }));
    expect(us.bounds.eu).toBe(false);
    expect(us.options.map((o) => o.kind)).toEqual(['settlement']);
    expect(us.notOffered.find((n) => n.kind === 'deferral')?.reasons).toEqual(['the tenant policy does not offer it']);
  });

  it('EU: when no forbearance measure fits, a person must review even though a settlement is offered', () => {
    const r = restructuringOptions(input({ lenderAllows: lender({ kinds: ['term_extension', 'payment_holiday', 'settlement'], maxInstalments: 3, maxExtensionDays: 0 }) }));
    expect(r.options.map((o) => o.kind)).toEqual(['settlement']);
    expect(r.humanReview).toMatchObject({ required: true, reason: expect.stringMatching(/Art\. 35/) });
  });

  it('an overdue plan starts again from today: no option has a due date in the past', () => {
    const overdue = planFromSchedule(eur(8950), '2026-09-15', 3, { unit: 'month', every: 1 }); // 15 Sep, 15 Oct, 15 Nov
    const inp = input({ remainingPlan: overdue, lenderAllows: lender({ maxExtensionDays: 120 }) });
    const r = restructuringOptions(inp);
    expect(r.bounds.extensionBaseline).toBe('2026-11-25');
    // Moved to today first (25 Nov, 25 Dec, 25 Jan), then deferred 30 days, which reaches 25 Dec.
    expect(byKind(r.options, 'deferral')!.plan.instalments.map((i) => i.dueDate)).toEqual(['2026-12-25', '2027-01-24', '2027-02-24']);
    expect(byKind(r.options, 'settlement')!.plan.instalments[0].dueDate).toBe('2026-12-09');
    for (const o of r.options) expectWithinEveryBound(o, inp);
  });

  it('shortens a deferral, a holiday or the settlement date to fit the extension bound', () => {
    const inp = input({ lenderAllows: lender({ maxExtensionDays: 10 }), preferences: { deferralDays: 90, holidayMonths: 3 } });
    const r = restructuringOptions(inp);
    // Deferring 1 Dec by 31–90 days reaches 1 Jan and moves the whole plan beyond 10 days; 30 days does not.
    expect(dueDates(byKind(r.options, 'deferral')!.plan)).toEqual(['2026-12-31', '2027-01-01', '2027-02-01']);
    expect(byKind(r.options, 'deferral')!.extensionDays).toBe(0);
    expect(byKind(r.options, 'payment_holiday')).toBeUndefined();
    expect(r.notOffered.find((n) => n.kind === 'payment_holiday')?.reasons.join()).toMatch(/extension days \(lender\): 28 is not <= 10/);
    for (const o of r.options) expectWithinEveryBound(o, inp);
  });

  it('reduced instalments shaped by what the debtor can pay', () => {
    const r = restructuringOptions(input({ sayCanPay: { amountMinor: 2000, per: 'week' } }));
    const reduced = byKind(r.options, 'reduced_instalments')!;
    expect(reduced.plan.instalments.map((i) => [i.dueDate, i.amount.amountMinor])).toEqual([
      ['2026-12-01', 1790],
      ['2026-12-08', 1790],
      ['2026-12-15', 1790],
      ['2026-12-22', 1790],
      ['2026-12-29', 1790],
    ]);
    expect(reduced.proofs).toContainEqual({ bound: 'largest instalment', source: 'debtor', relation: '<=', actual: 1790, limit: 2000, holds: true });
  });

  it('reduced instalments are not offered when they would only repeat the term extension', () => {
    const r = restructuringOptions(input({ lenderAllows: lender({ maxInstalments: 4 }) }));
    expect(byKind(r.options, 'term_extension')).toBeDefined();
    expect(r.notOffered.find((n) => n.kind === 'reduced_instalments')?.reasons).toEqual(['the only reduction the bounds allow is the term extension already offered']);
  });

  it('settlement not offered when the tenant’s minimum discount is above the lender’s maximum', () => {
    const r = restructuringOptions(input({ lenderAllows: lender({ maxSettlementDiscountBps: 300 }) }));
    expect(r.bounds.settlementDiscountBps).toBeNull();
    expect(r.notOffered.find((n) => n.kind === 'settlement')?.reasons[0]).toMatch(/minimum discount \(500 bps\) is above the allowed maximum \(300 bps\)/);
  });

  it('the minimum instalment excludes plans with smaller instalments (but not a single payment of everything)', () => {
    const r = restructuringOptions(input({ tenantPolicy: tenant({ minInstalmentMinor: 3000 }) }));
    expect(r.options.map((o) => o.kind)).toEqual(['settlement']);
    expect(r.notOffered.find((n) => n.kind === 'deferral')?.reasons.join()).toMatch(/smallest instalment \(tenant\): 2983 is not >= 3000/);
    const tiny = input({ balance: eur(1000), remainingPlan: planFromSchedule(eur(1000), '2026-12-01', 1, { unit: 'month', every: 1 }) });
    expect(restructuringOptions(tiny).options.map((o) => o.kind)).toEqual(['deferral', 'payment_holiday', 'settlement']);
  });

  it('nothing owed: no options and nothing to review', () => {
    const r = restructuringOptions(input({ balance: eur(0), remainingPlan: makePlan([], 'EUR') }));
    expect(r.options).toEqual([]);
    expect(r.humanReview.required).toBe(false);
  });

  it('refuses inconsistent input', () => {
    expect(() => restructuringOptions(input({ balance: eur(8951) }))).toThrow(/≠ remaining plan total/);
    expect(() => restructuringOptions(input({ balance: money(8950, 'USD') }))).toThrow(/currency mismatch/);
    expect(() => restructuringOptions(input({ lenderAllows: lender({ kinds: ['write_off' as RestructuringKind] }) }))).toThrow(/unknown restructuring kind/);
    expect(() => restructuringOptions(input({ tenantPolicy: tenant({ minInstalmentMinor: 15.5 }) }))).toThrow(/non-negative integer/);
    expect(() => restructuringOptions(input({ reschedulesSoFar: -1 }))).toThrow(RangeError);
    expect(() => restructuringOptions(input({ today: '2026-02-30' }))).toThrow(RangeError);
    expect(() => restructuringOptions(input({ feesChargedSoFar: money(1, 'USD') }))).toThrow(/currency mismatch/);
    expect(() => restructuringOptions(input({ tenantPolicy: tenant({ roundToMinor: 0 }) }))).toThrow(/roundToMinor/);
  });
});

describe('restructuring fees — capped by the jurisdiction (feeCap), the lender and the fees already charged', () => {
  const feeFor = (over: Partial<RestructuringInput>, fee = 500) => restructuringOptions(input({ tenantPolicy: tenant({ restructuringFeeMinor: fee }), ...over }));
  const sekPlan = (minor: number, fee = 0) => planFromSchedule(money(minor, 'SEK'), '2026-12-01', 3, { unit: 'month', every: 1 }, { fee: money(fee, 'SEK') });

  it('FR: no fee may be charged', () => {
    const r = feeFor({ jurisdiction: 'FR' });
    expect(r.bounds.fee).toMatchObject({ appliedMinor: 0, capMinor: 0, capRuleId: 'fr.cpce.l111-8.no_fees' });
    expect(r.options.every((o) => o.feeAddedMinor === 0)).toBe(true);
  });

  it('GB: no numeric cap, so the proposed fee stands unless the lender limits it', () => {
    const gbp = (m: number) => money(m, 'GBP');
    const over = { jurisdiction: 'GB', balance: gbp(8950), remainingPlan: planFromSchedule(gbp(8950), '2026-12-01', 3, { unit: 'month', every: 1 }) };
    expect(feeFor(over).bounds.fee).toMatchObject({ appliedMinor: 500, capMinor: null });
    expect(feeFor({ ...over, lenderAllows: lender({ maxFeeMinor: 200 }) }).bounds.fee.appliedMinor).toBe(200);
  });

  it('an unknown jurisdiction gets the conservative default: no fee', () => {
    expect(feeFor({ jurisdiction: 'ZZ' }).bounds.fee).toMatchObject({ appliedMinor: 0, capMinor: 0 });
  });

  it('SE: the repayment-plan fee (SEK 170), less fees already charged', () => {
    const over = { jurisdiction: 'SE', balance: money(50_000, 'SEK'), remainingPlan: sekPlan(50_000) };
    expect(feeFor(over, 20_000).bounds.fee).toMatchObject({ appliedMinor: 17_000, capMinor: 17_000, capRuleId: 'se.lag1981-739.fee_caps' });
    expect(feeFor({ ...over, feesChargedSoFar: money(10_000, 'SEK') }, 20_000).bounds.fee.appliedMinor).toBe(7000);
    expect(feeFor({ ...over, feesChargedSoFar: money(18_000, 'SEK') }, 20_000).bounds.fee.appliedMinor).toBe(0);
    // Fees already in the plan count as charged, and are not principal.
    expect(feeFor({ jurisdiction: 'SE', balance: money(50_000, 'SEK'), remainingPlan: sekPlan(50_000, 16_000) }, 20_000).bounds.fee.appliedMinor).toBe(1000);
  });

  it('a cap that cannot be computed is not guessed: no fee', () => {
    expect(feeFor({ jurisdiction: 'SE' }).bounds.fee).toMatchObject({ appliedMinor: 0, note: expect.stringMatching(/could not be determined.*SEK/) });
    const big = planFromSchedule(eur(6_000_000), '2026-12-01', 3, { unit: 'month', every: 1 });
    expect(feeFor({ balance: eur(6_000_000), remainingPlan: big }).bounds.fee).toMatchObject({ appliedMinor: 0, note: expect.stringMatching(/above the encoded fee table/) });
  });

  it('NL: the fee carries the 14-day-letter precondition', () => {
    const r = feeFor({ jurisdiction: 'NL' });
    expect(r.bounds.fee.appliedMinor).toBe(500);
    expect(r.bounds.fee.conditions.map((c) => c.id)).toEqual(['nl.bw6-96.fourteen_day_letter']);
  });

  it('a settlement never carries a fee', () => {
    expect(byKind(feeFor({}).options, 'settlement')!.feeAddedMinor).toBe(0);
  });
});

describe('affordablePlan — examples', () => {
  const ctx = (over: Partial<AffordabilityInput> = {}): AffordabilityInput => ({
    balance: eur(8950),
    remainingPlan: plan3(),
    sayCanPay: { amountMinor: 2000, per: 'week' },
    lenderAllows: lender(),
    tenantPolicy: tenant(),
    reschedulesSoFar: 0,
    jurisdiction: 'DE',
    today: '2026-11-25',
    ...over,
  });

  it('€89.50 at €20 a week: 5 weekly instalments of €17.90', () => {
    const r = affordablePlan(ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(amountsOf(r.option.plan)).toEqual([1790, 1790, 1790, 1790, 1790]);
    expect(dueDates(r.option.plan)).toEqual(['2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22', '2026-12-29']);
    expect(r.option.kind).toBe('reduced_instalments');
    expect(r.humanReview.required).toBe(false);
  });

  it('monthly, in whole euros, from a given date', () => {
    const r = affordablePlan(ctx({ sayCanPay: { amountMinor: 3500, per: 'month' }, tenantPolicy: tenant({ roundToMinor: 100 }), firstDue: '2027-01-31' }));
    expect(r.ok && r.option.plan.instalments.map((i) => [i.dueDate, i.amount.amountMinor])).toEqual([
      ['2027-01-31', 3000],
      ['2027-02-28', 3000],
      ['2027-03-31', 2950],
    ]);
  });

  it('JPY and KWD', () => {
    const long = lender({ maxExtensionDays: 200 });
    const jpy = affordablePlan(ctx({ balance: money(30_000, 'JPY'), remainingPlan: undefined, jurisdiction: 'JP', sayCanPay: { amountMinor: 7000, per: 'month' }, tenantPolicy: tenant({ minInstalmentMinor: 1000 }), lenderAllows: long }));
    expect(jpy.ok && amountsOf(jpy.option.plan)).toEqual([6000, 6000, 6000, 6000, 6000]);
    expect(jpy.ok && dueDates(jpy.option.plan)[0]).toBe('2026-11-25');
    const kwd = affordablePlan(ctx({ balance: money(100_000, 'KWD'), remainingPlan: undefined, jurisdiction: 'KW', sayCanPay: { amountMinor: 30_000, per: 'month' }, lenderAllows: long }));
    expect(kwd.ok && amountsOf(kwd.option.plan)).toEqual([25_000, 25_000, 25_000, 25_000]);
  });

  it('one payment when the debtor can pay it all, even below the minimum instalment', () => {
    const r = affordablePlan(ctx({ balance: eur(1000), remainingPlan: undefined, sayCanPay: { amountMinor: 1200, per: 'month' } }));
    expect(r.ok && amountsOf(r.option.plan)).toEqual([1000]);
  });

  it('refuses, with reasons and human review, when the debtor can pay less than the minimum instalment', () => {
    const r = affordablePlan(ctx({ sayCanPay: { amountMinor: 1000, per: 'week' } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reasons).toEqual([
      'the debtor can pay 10.00 EUR a week, below the minimum instalment of 15.00 EUR',
      'paying 10.00 EUR a week takes at least 9 instalments; the lender allows at most 6',
    ]);
    expect(r.humanReview).toMatchObject({ required: true, ruleId: ART22_RULE, reason: expect.stringMatching(/a person must review/) });
  });

  it('refuses when it would take more instalments than the lender allows', () => {
    const r = affordablePlan(ctx({ sayCanPay: { amountMinor: 1600, per: 'month' }, lenderAllows: lender({ maxInstalments: 4 }) }));
    expect(!r.ok && r.reasons).toEqual(['paying 16.00 EUR a month takes at least 6 instalments; the lender allows at most 4']);
  });

  it('refuses when it would extend the term too far', () => {
    const r = affordablePlan(ctx({ sayCanPay: { amountMinor: 1600, per: 'month' }, lenderAllows: lender({ maxExtensionDays: 30 }) }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reasons.join()).toMatch(/extension days \(lender\): 89 is not <= 30/);
    expect(r.humanReview.required).toBe(true);
  });

  it('refuses at the reschedule limit, or when the lender allows no re-split', () => {
    expect(affordablePlan(ctx({ reschedulesSoFar: 2 }))).toMatchObject({ ok: false, reasons: ['reschedule limit reached (2 of 2)'], humanReview: { required: true } });
    expect(affordablePlan(ctx({ lenderAllows: lender({ kinds: ['settlement', 'deferral'] }) }))).toMatchObject({ ok: false, humanReview: { required: true } });
    expect(affordablePlan(ctx({ lenderAllows: lender({ kinds: ['term_extension'] }) }))).toMatchObject({ ok: true, option: { kind: 'term_extension' } });
  });

  it('adds a capped fee, re-split with the balance', () => {
    const r = affordablePlan(ctx({ tenantPolicy: tenant({ restructuringFeeMinor: 500 }) }));
    expect(r.ok && r.option.plan.total).toEqual(eur(9450));
    expect(r.ok && r.option.feeAddedMinor).toBe(500);
  });

  it('refuses bad input', () => {
    expect(() => affordablePlan(ctx({ sayCanPay: { amountMinor: 20.5, per: 'week' } }))).toThrow(RangeError);
    expect(() => affordablePlan(ctx({ sayCanPay: { amountMinor: 2000, per: 'day' as 'week' } }))).toThrow(RangeError);
  });
});

// ————————————————————————————————————————————————————————— properties

const arbSayCanPay = fc.record({ amountMinor: fc.integer({ min: 0, max: 50_000 }), per: fc.constantFrom('week' as const, 'month' as const) });

const arbInput: fc.Arbitrary<RestructuringInput> = fc.tuple(arbJurisdiction, arbToday).chain(([[jurisdiction, currency], today]) =>
  fc
    .record(
      {
        plan: arbPlan({ currency: fc.constant(currency), firstDue: aroundToday(today), minTotal: 1 }),
        lenderAllows: arbLender,
        tenantPolicy: arbTenant,
        reschedulesSoFar: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) }),
        extraFeesSoFar: fc.integer({ min: 0, max: 20_000 }),
        sayCanPay: arbSayCanPay,
        preferences: fc.record({ deferralDays: fc.integer({ min: 1, max: 60 }), holidayMonths: fc.integer({ min: 1, max: 3 }), settlementDueInDays: fc.integer({ min: 0, max: 30 }), settlementDiscountBps: fc.integer({ min: 0, max: 5000 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: ['plan', 'lenderAllows', 'tenantPolicy', 'reschedulesSoFar'] },
    )
    .map(({ plan, extraFeesSoFar, ...rest }) => ({
      ...rest,
      balance: plan.total,
      remainingPlan: plan,
      jurisdiction,
      today,
      ...(extraFeesSoFar === undefined ? {} : { feesChargedSoFar: money(plan.fee.amountMinor + extraFeesSoFar, currency) }),
    })),
);

describe('restructuringOptions — properties', () => {
  it('every option respects every bound of the intersection (lender ∩ tenant ∩ jurisdiction)', () => {
    let offered = 0;
    let refused = 0;
    fc.assert(
      fc.property(arbInput, (inp) => {
        const r = restructuringOptions(inp);
        offered += r.options.length;
        if (r.options.length === 0) refused++;
        for (const o of r.options) expectWithinEveryBound(o, inp);
        const { lenderAllows: l, tenantPolicy: t } = inp;
        const discountMax = Math.min(t.settlementDiscountBps.max, l.maxSettlementDiscountBps);
        expect(r.bounds).toMatchObject({
          currency: inp.balance.currency,
          maxInstalments: l.maxInstalments,
          maxExtensionDays: Math.min(l.maxExtensionDays, t.maxExtensionDays),
          extensionBaseline: maxDate(lastDueDate(inp.remainingPlan), inp.today),
          minInstalmentMinor: t.minInstalmentMinor,
          settlementDiscountBps: t.settlementDiscountBps.min <= discountMax ? { min: t.settlementDiscountBps.min, max: discountMax } : null,
          maxReschedules: t.maxReschedules,
          eu: EU.has(inp.jurisdiction),
          art35: EU.has(inp.jurisdiction) && daysBetween(ART35_FROM, inp.today) >= 0,
        });
        expect(new Set(r.options.map((o) => o.kind)).size).toBe(r.options.length);
        expect([...r.options.map((o) => o.kind), ...r.notOffered.map((n) => n.kind)].sort()).toEqual([...RESTRUCTURING_KINDS].sort());
        expect(r.notOffered.every((n) => n.reasons.length > 0)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    // The generator reaches both valid options and refusals.
    expect(offered).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(100);
  });

  it('a refusal always offers human review; the reschedule limit always refuses', () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const r = restructuringOptions(inp);
        if (r.options.length === 0) expect(r.humanReview).toMatchObject({ required: true, reason: expect.any(String), ruleId: ART22_RULE });
        if (inp.reschedulesSoFar >= inp.tenantPolicy.maxReschedules) expect(r.options).toEqual([]);
        const art35 = EU.has(inp.jurisdiction) && daysBetween(ART35_FROM, inp.today) >= 0;
        if (art35 && !r.options.some((o) => o.forbearance)) expect(r.humanReview.required).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('in the EU with Art. 35 in force, the tenant cannot switch off a forbearance kind the lender allows', () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const withAll = restructuringOptions({ ...inp, tenantPolicy: { ...inp.tenantPolicy, kinds: undefined } });
        const settlementOnly = restructuringOptions({ ...inp, tenantPolicy: { ...inp.tenantPolicy, kinds: ['settlement'] } });
        const art35 = EU.has(inp.jurisdiction) && daysBetween(ART35_FROM, inp.today) >= 0;
        const forbearance = (r: typeof withAll) => r.options.filter((o) => o.forbearance);
        if (art35) expect(forbearance(settlementOnly)).toEqual(forbearance(withAll));
        else expect(forbearance(settlementOnly)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('fees never exceed the jurisdiction’s cap, the lender’s limit or the tenant’s proposal', () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const { fee } = restructuringOptions(inp).bounds;
        const cap = referenceCap(inp.jurisdiction, inp.balance.amountMinor - inp.remainingPlan.fee.amountMinor, inp.balance.currency);
        const charged = inp.feesChargedSoFar?.amountMinor ?? inp.remainingPlan.fee.amountMinor;
        expect(fee.appliedMinor).toBeGreaterThanOrEqual(0);
        expect(fee.appliedMinor).toBeLessThanOrEqual(inp.tenantPolicy.restructuringFeeMinor ?? 0);
        if (inp.lenderAllows.maxFeeMinor !== undefined) expect(fee.appliedMinor).toBeLessThanOrEqual(inp.lenderAllows.maxFeeMinor);
        if (cap === 'unknown') expect(fee.appliedMinor).toBe(0);
        else if (cap !== null && fee.appliedMinor > 0) expect(charged + fee.appliedMinor).toBeLessThanOrEqual(cap);
        // The most that can be applied is applied.
        if (cap !== 'unknown') {
          const room = cap === null ? Infinity : Math.max(0, cap - charged);
          expect(fee.appliedMinor).toBe(Math.min(inp.tenantPolicy.restructuringFeeMinor ?? 0, room, inp.lenderAllows.maxFeeMinor ?? Infinity));
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Does a plan fit the debtor and every bound (the reference for affordability)? */
function affordableFits(p: InstalmentPlan, inp: AffordabilityInput, baseline: IsoDate): boolean {
  const n = p.instalments.length;
  return (
    largestInstalment(p) <= inp.sayCanPay.amountMinor &&
    (n === 1 || smallestInstalment(p) >= inp.tenantPolicy.minInstalmentMinor) &&
    n <= inp.lenderAllows.maxInstalments &&
    Math.max(0, daysBetween(baseline, lastDueDate(p))) <= Math.min(inp.lenderAllows.maxExtensionDays, inp.tenantPolicy.maxExtensionDays)
  );
}

describe('affordablePlan — properties', () => {
  it('never above what the debtor can pay, never below the minimum, the fewest instalments, within every bound', () => {
    let accepted = 0;
    fc.assert(
      fc.property(arbInput, arbSayCanPay, (raw, sayCanPay) => {
        const inp: AffordabilityInput = { ...raw, sayCanPay };
        const r = affordablePlan(inp);
        if (!r.ok) {
          expect(r.reasons.length).toBeGreaterThan(0);
          expect(r.humanReview).toMatchObject({ required: true, ruleId: ART22_RULE });
          return;
        }
        accepted++;
        const p = r.option.plan;
        const baseline = maxDate(lastDueDate(inp.remainingPlan!), inp.today);
        expect(affordableFits(p, inp, baseline)).toBe(true);
        expect(largestInstalment(p)).toBeLessThanOrEqual(inp.sayCanPay.amountMinor);
        if (p.instalments.length > 1) expect(smallestInstalment(p)).toBeGreaterThanOrEqual(inp.tenantPolicy.minInstalmentMinor);
        expectWithinEveryBound(r.option, { ...raw, remainingPlan: inp.remainingPlan! });
        expect(['reduced_instalments', 'term_extension']).toContain(r.option.kind);
        // Fewest: no shorter plan on the same schedule fits.
        const first = p.instalments[0].dueDate;
        const cadence = { unit: inp.sayCanPay.per, every: 1 } as const;
        for (let n = 1; n < p.instalments.length; n++) {
          const shorter = planFromSchedule(p.total, first, n, cadence, { roundTo: inp.tenantPolicy.roundToMinor ?? 1 });
          expect(affordableFits(shorter, inp, baseline)).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(200);
  });

  it('a debtor who can pay more never gets more instalments', () => {
    fc.assert(
      fc.property(arbInput, arbSayCanPay, fc.integer({ min: 0, max: 10_000 }), (raw, sayCanPay, more) => {
        const a = affordablePlan({ ...raw, sayCanPay });
        const b = affordablePlan({ ...raw, sayCanPay: { ...sayCanPay, amountMinor: sayCanPay.amountMinor + more } });
        if (a.ok && b.ok) expect(b.option.plan.instalments.length).toBeLessThanOrEqual(a.option.plan.instalments.length);
      }),
      { numRuns: 300 },
    );
  });

  it('the first due date is never before today, and is the next due date when that is later', () => {
    fc.assert(
      fc.property(arbInput, arbSayCanPay, (raw, sayCanPay) => {
        const r = affordablePlan({ ...raw, sayCanPay });
        if (r.ok) expect(r.option.plan.instalments[0].dueDate).toBe(maxDate(raw.today, raw.remainingPlan.instalments[0].dueDate));
      }),
      { numRuns: 200 },
    );
  });
});
