import fc from 'fast-check';
import { addDays, daysBetween, isStrictlyIncreasing } from './dates';
import { Money, money } from './money';
import {
  InstalmentPlan,
  applyPayment,
  assertPlan,
  dueDates,
  extendTerm,
  instalmentsNeeded,
  largestInstalment,
  makePlan,
  paymentHoliday,
  planFromSchedule,
  pushDueDate,
  reduceInstalments,
  settle,
  settlementDiscount,
} from './plans';
import { splitMinor } from './split';
import { arbCadence, arbPlan } from './spec-helpers';

const eur = (minor: number) => money(minor, 'EUR');
const amountsOf = (p: InstalmentPlan) => p.instalments.map((i) => i.amount.amountMinor);
const monthly = { unit: 'month', every: 1 } as const;
/** €89.50 in 3 monthly instalments from 31 Jan 2027. */
const base = () => planFromSchedule(eur(8950), '2027-01-31', 3, monthly);

describe('InstalmentPlan values', () => {
  it('a plan from a schedule', () => {
    const p = base();
    expect(p.instalments).toEqual([
      { dueDate: '2027-01-31', amount: eur(2984) },
      { dueDate: '2027-02-28', amount: eur(2983) },
      { dueDate: '2027-03-31', amount: eur(2983) },
    ]);
    expect(p.total).toEqual(eur(8950));
    expect(p.fee).toEqual(eur(0));
    expect(p.currency).toBe('EUR');
  });

  it('makePlan and assertPlan refuse inconsistent plans', () => {
    expect(() => makePlan([{ dueDate: '2027-01-01', amount: eur(1) }, { dueDate: '2027-01-01', amount: eur(1) }], 'EUR')).toThrow(/strictly increasing/);
    expect(() => makePlan([{ dueDate: '2027-02-01', amount: eur(1) }, { dueDate: '2027-01-01', amount: eur(1) }], 'EUR')).toThrow(/strictly increasing/);
    expect(() => makePlan([{ dueDate: '2027-01-01', amount: money(1, 'USD') }], 'EUR')).toThrow(/currency/);
    expect(() => makePlan([{ dueDate: '2027-01-01', amount: eur(1) }], 'EUR', eur(2))).toThrow(/fee exceeds/);
    expect(() => makePlan([{ dueDate: '2027-02-30', amount: eur(1) }], 'EUR')).toThrow(RangeError);
    expect(() => assertPlan({ ...base(), total: eur(8951) })).toThrow(/≠ Σ instalments/);
    expect(() => assertPlan({ ...base(), fee: money(0, 'USD') })).toThrow(/currency/);
  });
});

describe('pushDueDate', () => {
  it('defers the next instalment; later ones keep their dates when not reached', () => {
    const p = pushDueDate(base(), 14);
    expect(dueDates(p)).toEqual(['2027-02-14', '2027-02-28', '2027-03-31']);
    expect(amountsOf(p)).toEqual([2984, 2983, 2983]);
  });

  it('when the deferred one reaches the next, the rest of the schedule moves by the same days', () => {
    // 31 Jan + 40 days = 12 Mar, which passes 28 Feb: 28 Feb and 31 Mar move 40 days too.
    expect(dueDates(pushDueDate(base(), 40))).toEqual(['2027-03-12', '2027-04-09', '2027-05-10']);
    // 31 Jan + 28 days lands on 28 Feb itself: that counts as reaching it.
    expect(dueDates(pushDueDate(base(), 28))).toEqual(['2027-02-28', '2027-03-28', '2027-04-28']);
    expect(dueDates(pushDueDate(base(), 27))).toEqual(['2027-02-27', '2027-02-28', '2027-03-31']);
  });

  it('can defer a later instalment, and adds a fee on the last one', () => {
    const p = pushDueDate(base(), 10, { index: 1, fee: eur(500) });
    expect(dueDates(p)).toEqual(['2027-01-31', '2027-03-10', '2027-03-31']);
    expect(amountsOf(p)).toEqual([2984, 2983, 3483]);
    expect(p.total).toEqual(eur(9450));
    expect(p.fee).toEqual(eur(500));
  });

  it('refuses bad arguments', () => {
    expect(() => pushDueDate(base(), -1)).toThrow(RangeError);
    expect(() => pushDueDate(base(), 1.5)).toThrow(RangeError);
    expect(() => pushDueDate(base(), 1, { index: 3 })).toThrow(/no instalment/);
    expect(() => pushDueDate(base(), 1, { fee: money(1, 'USD') })).toThrow(/currency mismatch/);
    expect(() => pushDueDate(makePlan([], 'EUR'), 1)).toThrow(/nothing left/);
  });
});

describe('paymentHoliday', () => {
  it('moves a monthly schedule on its anchor day', () => {
    expect(dueDates(paymentHoliday(base(), 1))).toEqual(['2027-02-28', '2027-03-31', '2027-04-30']);
    expect(dueDates(paymentHoliday(base(), 2))).toEqual(['2027-03-31', '2027-04-30', '2027-05-31']);
    // A schedule on the 31st that starts clamped on 28 Feb keeps its 31st.
    const clamped = paymentHoliday(base(), 1);
    expect(dueDates(paymentHoliday(clamped, 1))).toEqual(['2027-03-31', '2027-04-30', '2027-05-31']);
  });

  it('moves any other schedule uniformly, keeping its spacing', () => {
    const weekly = planFromSchedule(eur(8000), '2027-01-25', 4, { unit: 'week', every: 1 });
    // 25 Jan + 1 month = 25 Feb: 31 days.
    expect(dueDates(paymentHoliday(weekly, 1))).toEqual(['2027-02-25', '2027-03-04', '2027-03-11', '2027-03-18']);
    const irregular = makePlan(
      [
        { dueDate: '2027-01-10', amount: eur(100) },
        { dueDate: '2027-01-13', amount: eur(100) },
      ],
      'EUR',
    );
    expect(dueDates(paymentHoliday(irregular, 1))).toEqual(['2027-02-10', '2027-02-13']);
  });

  it('adds a fee on the last instalment; refuses a zero-month holiday', () => {
    expect(amountsOf(paymentHoliday(base(), 1, { fee: eur(100) }))).toEqual([2984, 2983, 3083]);
    expect(() => paymentHoliday(base(), 0)).toThrow(RangeError);
  });
});

describe('extendTerm', () => {
  it('adds instalments on the same cadence and re-splits the remaining balance', () => {
    const p = extendTerm(base(), 2);
    expect(dueDates(p)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
    expect(amountsOf(p)).toEqual([1790, 1790, 1790, 1790, 1790]);
  });

  it('re-splits a fee with the balance, in whole euros if asked', () => {
    const p = extendTerm(base(), 1, { fee: eur(500), roundTo: 100 });
    expect(amountsOf(p)).toEqual([2400, 2400, 2300, 2350]);
    expect(p.fee).toEqual(eur(500));
  });

  it('appends on another cadence when asked, and monthly after a one-instalment plan', () => {
    expect(dueDates(extendTerm(base(), 2, { cadence: { unit: 'week', every: 2 } }))).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-14', '2027-04-28']);
    const single = planFromSchedule(eur(5000), '2027-01-31', 1, monthly);
    expect(dueDates(extendTerm(single, 2))).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
  });

  it('extending by 0 re-splits evenly over the same dates', () => {
    const uneven = makePlan(
      [
        { dueDate: '2027-01-01', amount: eur(5000) },
        { dueDate: '2027-02-01', amount: eur(1000) },
      ],
      'EUR',
    );
    expect(amountsOf(extendTerm(uneven, 0))).toEqual([3000, 3000]);
  });
});

describe('reduceInstalments', () => {
  it('the fewest instalments none of which exceeds the ceiling', () => {
    const p = reduceInstalments(base(), eur(2000));
    expect(amountsOf(p)).toEqual([1790, 1790, 1790, 1790, 1790]);
    expect(amountsOf(reduceInstalments(base(), eur(1790)))).toHaveLength(5);
    expect(amountsOf(reduceInstalments(base(), eur(1789)))).toHaveLength(6);
  });

  it('never fewer instalments than now', () => {
    expect(amountsOf(reduceInstalments(base(), eur(100_000)))).toEqual([2984, 2983, 2983]);
  });

  it('refuses a ceiling nothing can meet', () => {
    expect(() => reduceInstalments(base(), eur(50), { roundTo: 100 })).toThrow(/no plan of at most/);
    expect(() => reduceInstalments(base(), eur(0))).toThrow(/no plan of at most/);
    expect(() => reduceInstalments(base(), eur(10), { maxInstalments: 12 })).toThrow(/at most 12/);
    expect(() => reduceInstalments(base(), money(2000, 'USD'))).toThrow(/currency mismatch/);
  });

  it('instalmentsNeeded is the smallest count at or above the floor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom(1, 100, 7),
        fc.constantFrom('spread' as const, 'first' as const, 'last' as const),
        fc.integer({ min: 1, max: 10 }),
        (total, ceiling, roundTo, remainderOn, atLeast) => {
          const n = instalmentsNeeded(total, ceiling, { roundTo, remainderOn, atLeast, maxInstalments: 300 });
          const fits = (k: number) => Math.max(...splitMinor(total, k, { roundTo, remainderOn })) <= ceiling;
          const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
          if (n === null) {
            expect(range(atLeast, 301).some(fits)).toBe(false);
          } else {
            expect(n).toBeGreaterThanOrEqual(atLeast);
            expect(fits(n)).toBe(true);
            expect(range(atLeast, n).some(fits)).toBe(false);
          }
        },
      ),
    );
  });
});

describe('settle', () => {
  it('one payment of the remainder less the discount, the discount rounded up (in the debtor’s favour)', () => {
    expect(settle(base(), 1000).instalments).toEqual([{ dueDate: '2027-01-31', amount: eur(8055) }]);
    // 3.33 % of €89.50 = €2.98035 → €2.99 off.
    expect(settle(base(), 333).total).toEqual(eur(8651));
    expect(settlementDiscount(eur(8950), 333)).toEqual(eur(299));
    expect(settle(base(), 0, { dueDate: '2027-01-15' }).instalments).toEqual([{ dueDate: '2027-01-15', amount: eur(8950) }]);
    expect(settle(base(), 10_000).total).toEqual(eur(0));
  });

  it('waives fees first', () => {
    const withFee = extendTerm(base(), 0, { fee: eur(500) });
    expect(settle(withFee, 300).fee).toEqual(eur(216)); // discount ⌈9450 × 3 %⌉ = 284
    expect(settle(withFee, 1000).fee).toEqual(eur(0));
  });

  it('refuses out-of-range discounts', () => {
    expect(() => settle(base(), 10_001)).toThrow(RangeError);
    expect(() => settle(base(), -1)).toThrow(RangeError);
    expect(() => settle(base(), 12.5)).toThrow(RangeError);
  });
});

describe('applyPayment', () => {
  it('pays instalments in order', () => {
    const p = applyPayment(base(), eur(3000));
    expect(p.instalments).toEqual([
      { dueDate: '2027-02-28', amount: eur(2967) },
      { dueDate: '2027-03-31', amount: eur(2983) },
    ]);
    expect(applyPayment(base(), eur(8950)).instalments).toEqual([]);
    expect(() => applyPayment(base(), eur(8951))).toThrow(/exceeds/);
  });
});

// ————————————————————————————————————————————————————————— properties

type Op =
  | { op: 'push'; days: number; index: number; fee: number }
  | { op: 'holiday'; months: number; fee: number }
  | { op: 'extend'; extra: number; fee: number; roundTo: number }
  | { op: 'reduce'; ceiling: number; fee: number; roundTo: number }
  | { op: 'settle'; bps: number }
  | { op: 'pay'; share: number };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('push' as const), days: fc.integer({ min: 0, max: 120 }), index: fc.nat(10), fee: fc.integer({ min: 0, max: 1000 }) }),
  fc.record({ op: fc.constant('holiday' as const), months: fc.integer({ min: 1, max: 6 }), fee: fc.integer({ min: 0, max: 1000 }) }),
  fc.record({ op: fc.constant('extend' as const), extra: fc.integer({ min: 0, max: 6 }), fee: fc.integer({ min: 0, max: 1000 }), roundTo: fc.constantFrom(1, 100) }),
  fc.record({ op: fc.constant('reduce' as const), ceiling: fc.integer({ min: 100, max: 20_000 }), fee: fc.integer({ min: 0, max: 1000 }), roundTo: fc.constantFrom(1, 100) }),
  fc.record({ op: fc.constant('settle' as const), bps: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ op: fc.constant('pay' as const), share: fc.integer({ min: 0, max: 100 }) }),
);

/** Applies an operation, returning the new plan and what moved: fee added, paid, discount given. */
function apply(plan: InstalmentPlan, o: Op): { plan: InstalmentPlan; fee: number; paid: number; discount: number } | null {
  if (plan.instalments.length === 0) return null;
  const m = (x: number): Money => money(x, plan.currency);
  switch (o.op) {
    case 'push':
      return { plan: pushDueDate(plan, o.days, { index: o.index % plan.instalments.length, fee: m(o.fee) }), fee: o.fee, paid: 0, discount: 0 };
    case 'holiday':
      return { plan: paymentHoliday(plan, o.months, { fee: m(o.fee) }), fee: o.fee, paid: 0, discount: 0 };
    case 'extend':
      return { plan: extendTerm(plan, o.extra, { fee: m(o.fee), roundTo: o.roundTo }), fee: o.fee, paid: 0, discount: 0 };
    case 'reduce':
      try {
        return { plan: reduceInstalments(plan, m(o.ceiling), { fee: m(o.fee), roundTo: o.roundTo, maxInstalments: 60 }), fee: o.fee, paid: 0, discount: 0 };
      } catch (e) {
        if (e instanceof RangeError && /no plan of at most/.test(e.message)) return null;
        throw e;
      }
    case 'settle': {
      const next = settle(plan, o.bps);
      return { plan: next, fee: 0, paid: 0, discount: plan.total.amountMinor - next.total.amountMinor };
    }
    case 'pay': {
      const paid = Math.floor((plan.total.amountMinor * o.share) / 100);
      return { plan: applyPayment(plan, m(paid)), fee: 0, paid, discount: 0 };
    }
  }
}

describe('plan operations — properties', () => {
  it('never create or lose money: new total + paid + discount = old total + fees added', () => {
    fc.assert(
      fc.property(arbPlan(), fc.array(arbOp, { minLength: 1, maxLength: 8 }), (start, ops) => {
        let plan = start;
        let paid = 0;
        let fees = 0;
        let discounts = 0;
        for (const o of ops) {
          const r = apply(plan, o);
          if (!r) continue;
          expect(r.plan.total.amountMinor + r.paid + r.discount).toBe(plan.total.amountMinor + r.fee);
          if (o.op !== 'settle' && o.op !== 'pay') expect(r.plan.fee.amountMinor).toBe(plan.fee.amountMinor + r.fee);
          plan = r.plan;
          paid += r.paid;
          fees += r.fee;
          discounts += r.discount;
          assertPlan(plan);
          expect(plan.currency).toBe(start.currency);
        }
        expect(plan.total.amountMinor + paid + discounts).toBe(start.total.amountMinor + fees);
      }),
      { numRuns: 500 },
    );
  });

  it('due dates stay strictly increasing and amounts non-negative integers', () => {
    fc.assert(
      fc.property(arbPlan(), arbOp, (plan, o) => {
        const r = apply(plan, o);
        if (!r) return;
        expect(isStrictlyIncreasing(dueDates(r.plan))).toBe(true);
        expect(r.plan.instalments.every((i) => Number.isSafeInteger(i.amount.amountMinor) && i.amount.amountMinor >= 0)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('pushDueDate moves the chosen date by exactly the days, never moves a date earlier, and keeps amounts', () => {
    fc.assert(
      fc.property(arbPlan(), fc.integer({ min: 0, max: 400 }), fc.nat(), (plan, days, i) => {
        const index = i % plan.instalments.length;
        const p = pushDueDate(plan, days, { index });
        expect(daysBetween(plan.instalments[index].dueDate, p.instalments[index].dueDate)).toBe(days);
        expect(p.instalments.every((x, k) => daysBetween(plan.instalments[k].dueDate, x.dueDate) >= 0)).toBe(true);
        expect(p.instalments.slice(0, index)).toEqual(plan.instalments.slice(0, index));
        expect(amountsOf(p)).toEqual(amountsOf(plan));
        const later = p.instalments.slice(index + 1).map((x, k) => daysBetween(plan.instalments[index + 1 + k].dueDate, x.dueDate));
        expect(later.every((d) => d === later[0] && (d === 0 || d === days))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('paymentHoliday moves every date later, by at least the holiday’s first-date shift', () => {
    fc.assert(
      fc.property(arbPlan(), fc.integer({ min: 1, max: 12 }), (plan, months) => {
        const p = paymentHoliday(plan, months);
        expect(daysBetween(plan.instalments[0].dueDate, p.instalments[0].dueDate)).toBeGreaterThanOrEqual(28 * months - 3);
        expect(p.instalments.every((x, k) => daysBetween(plan.instalments[k].dueDate, x.dueDate) > 0)).toBe(true);
        expect(amountsOf(p)).toEqual(amountsOf(plan));
      }),
      { numRuns: 500 },
    );
  });

  it('extendTerm keeps the first due date, adds exactly the extra instalments, and lasts longer', () => {
    fc.assert(
      fc.property(arbPlan(), fc.integer({ min: 1, max: 12 }), fc.option(arbCadence, { nil: undefined }), (plan, extra, cadence) => {
        const p = extendTerm(plan, extra, { cadence });
        expect(p.instalments).toHaveLength(plan.instalments.length + extra);
        expect(p.instalments[0].dueDate).toBe(plan.instalments[0].dueDate);
        expect(daysBetween(plan.instalments[plan.instalments.length - 1].dueDate, p.instalments[p.instalments.length - 1].dueDate)).toBeGreaterThan(0);
        expect(largestInstalment(p)).toBeLessThanOrEqual(Math.max(largestInstalment(plan), Math.ceil(plan.total.amountMinor / p.instalments.length)));
      }),
      { numRuns: 500 },
    );
  });

  it('reduceInstalments: no instalment above the ceiling, and one fewer instalment would not do', () => {
    fc.assert(
      fc.property(arbPlan(), fc.integer({ min: 1, max: 50_000 }), fc.constantFrom(1, 100), (plan, ceiling, roundTo) => {
        let p: InstalmentPlan;
        try {
          p = reduceInstalments(plan, money(ceiling, plan.currency), { roundTo, maxInstalments: 200 });
        } catch (e) {
          expect(String(e)).toMatch(/no plan of at most/);
          return;
        }
        const n = p.instalments.length;
        expect(largestInstalment(p)).toBeLessThanOrEqual(ceiling);
        expect(n).toBeGreaterThanOrEqual(plan.instalments.length);
        if (n > plan.instalments.length) expect(Math.max(...splitMinor(plan.total.amountMinor, n - 1, { roundTo }))).toBeGreaterThan(ceiling);
      }),
      { numRuns: 500 },
    );
  });

  it('settle: discount = ⌈total × bps / 10 000⌉, so the debtor never pays more than the exact discounted amount', () => {
    fc.assert(
      fc.property(arbPlan(), fc.integer({ min: 0, max: 10_000 }), (plan, bps) => {
        const p = settle(plan, bps);
        const t = plan.total.amountMinor;
        expect(p.instalments).toHaveLength(1);
        expect(p.total.amountMinor * 10_000).toBeLessThanOrEqual(t * (10_000 - bps));
        expect((p.total.amountMinor + 1) * 10_000).toBeGreaterThan(t * (10_000 - bps));
        expect(p.fee.amountMinor).toBeLessThanOrEqual(plan.fee.amountMinor);
        expect(p.fee.amountMinor).toBeLessThanOrEqual(p.total.amountMinor);
      }),
      { numRuns: 500 },
    );
  });

  it('settle due date defaults to the next due date', () => {
    fc.assert(
      fc.property(arbPlan(), fc.integer({ min: 0, max: 30 }), (plan, d) => {
        expect(settle(plan, 500).instalments[0].dueDate).toBe(plan.instalments[0].dueDate);
        expect(settle(plan, 500, { dueDate: addDays(plan.instalments[0].dueDate, d) }).instalments[0].dueDate).toBe(addDays(plan.instalments[0].dueDate, d));
      }),
      { numRuns: 100 },
    );
  });
});
