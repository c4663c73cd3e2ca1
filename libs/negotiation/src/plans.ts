import { IsoDate, addDays, addMonths, daysBetween, isStrictlyIncreasing, parseDate } from './dates';
import { Money, add, assertBps, assertMoney, assertSameCurrency, money, mulDiv, sum, zero, BPS } from './money';
import { Cadence, SplitOptions, inferCadence, partBounds, scheduleDates, splitMinor } from './split';

/*
 * An instalment plan is a value (no id): what is still owed, when. Every operation returns a new
 * plan and conserves money: new total = old total + fee added (− paid, − settlement discount).
 */

export interface Instalment {
  readonly dueDate: IsoDate;
  readonly amount: Money;
}

export interface InstalmentPlan {
  readonly currency: string;
  /** Due dates strictly increasing; amounts ≥ 0 in `currency`. */
  readonly instalments: readonly Instalment[];
  /** Σ instalments, always (it includes `fee`). */
  readonly total: Money;
  /** The part of `total` that is fees (restructuring or collection fees), ≤ total. */
  readonly fee: Money;
}

export const MONTHLY: Cadence = { unit: 'month', every: 1 };

/** Default ceiling on instalment counts searched by {@link reduceInstalments}. */
export const DEFAULT_MAX_INSTALMENTS = 1_000;

/** Throws a RangeError unless the plan is internally consistent. */
export function assertPlan(plan: InstalmentPlan): void {
  if (!plan || !Array.isArray(plan.instalments)) throw new RangeError('not an instalment plan');
  assertMoney(plan.total, 'plan.total');
  assertMoney(plan.fee, 'plan.fee');
  if (plan.total.currency !== plan.currency || plan.fee.currency !== plan.currency) throw new RangeError('plan currency mismatch');
  plan.instalments.forEach((i, n) => {
    parseDate(i.dueDate);
    assertMoney(i.amount, `instalment ${n + 1}`);
  });
  const s = sum(plan.instalments.map((i) => i.amount), plan.currency);
  if (s.amountMinor !== plan.total.amountMinor) throw new RangeError(`plan total ${plan.total.amountMinor} ≠ Σ instalments ${s.amountMinor}`);
  if (plan.fee.amountMinor > plan.total.amountMinor) throw new RangeError('plan fee exceeds its total');
  if (!isStrictlyIncreasing(plan.instalments.map((i) => i.dueDate))) throw new RangeError('due dates must be strictly increasing');
}

/** A validated plan from its instalments; `fee` is the part of the total that is fees (default 0). */
export function makePlan(instalments: readonly Instalment[], currency: string, fee: Money = zero(currency)): InstalmentPlan {
  const copy = instalments.map((i) => ({ dueDate: i.dueDate, amount: money(i.amount.amountMinor, i.amount.currency) }));
  const plan: InstalmentPlan = { currency, instalments: copy, total: sum(copy.map((i) => i.amount), currency), fee };
  assertPlan(plan);
  return plan;
}

/** A plan of `dates.length` instalments splitting `total` exactly (see splitIntoInstalments). */
export function planOnDates(total: Money, dates: readonly IsoDate[], options: SplitOptions & { fee?: Money } = {}): InstalmentPlan {
  assertMoney(total, 'total');
  const amounts = splitMinor(total.amountMinor, dates.length, options);
  return makePlan(
    dates.map((dueDate, i) => ({ dueDate, amount: money(amounts[i], total.currency) })),
    total.currency,
    options.fee ?? zero(total.currency),
  );
}

/** A new plan: `total` in `n` instalments from `firstDue` on a cadence. */
export function planFromSchedule(
  total: Money,
  firstDue: IsoDate,
  n: number,
  cadence: Cadence,
  options: SplitOptions & { fee?: Money } = {},
): InstalmentPlan {
  return planOnDates(total, scheduleDates(firstDue, n, cadence), options);
}

export function dueDates(plan: InstalmentPlan): IsoDate[] {
  return plan.instalments.map((i) => i.dueDate);
}

export function lastDueDate(plan: InstalmentPlan): IsoDate {
  if (plan.instalments.length === 0) throw new RangeError('the plan has no instalments');
  return plan.instalments[plan.instalments.length - 1].dueDate;
}

export function largestInstalment(plan: InstalmentPlan): number {
  return plan.instalments.reduce((m, i) => Math.max(m, i.amount.amountMinor), 0);
}

export function smallestInstalment(plan: InstalmentPlan): number {
  return plan.instalments.reduce((m, i) => Math.min(m, i.amount.amountMinor), Number.POSITIVE_INFINITY);
}

function requireInstalments(plan: InstalmentPlan): void {
  assertPlan(plan);
  if (plan.instalments.length === 0) throw new RangeError('nothing left to restructure: the plan has no instalments');
}

function feeOf(plan: InstalmentPlan, fee: Money | undefined): Money {
  const f = fee ?? zero(plan.currency);
  assertMoney(f, 'fee');
  assertSameCurrency(f, plan.total);
  return f;
}

/** Same amounts on new dates; a fee, if any, goes on the last instalment (paid last). */
function redate(plan: InstalmentPlan, dates: readonly IsoDate[], fee: Money): InstalmentPlan {
  const last = plan.instalments.length - 1;
  return makePlan(
    plan.instalments.map((inst, i) => ({ dueDate: dates[i], amount: i === last ? add(inst.amount, fee) : inst.amount })),
    plan.currency,
    add(plan.fee, fee),
  );
}

export interface FeeOption {
  /** A restructuring fee added to the plan (the caller caps it; see options.ts). */
  fee?: Money;
}

/**
 * Defers one instalment (default: the next one, index 0) by `days`. Later instalments keep their
 * dates, unless the deferred one would reach the next one (fall on or after it): then the rest of
 * the schedule moves by the same `days`, keeping its spacing, so due dates stay strictly
 * increasing. Amounts are unchanged; a fee goes on the last instalment.
 */
export function pushDueDate(plan: InstalmentPlan, days: number, options: FeeOption & { index?: number } = {}): InstalmentPlan {
  requireInstalments(plan);
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  const index = options.index ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= plan.instalments.length) throw new RangeError(`no instalment at index ${index}`);
  const old = dueDates(plan);
  const dates = [...old];
  dates[index] = addDays(old[index], days);
  const reachesNext = index + 1 < old.length && daysBetween(old[index + 1], dates[index]) >= 0;
  for (let i = index + 1; i < old.length; i++) dates[i] = reachesNext ? addDays(old[i], days) : old[i];
  return redate(plan, dates, feeOf(plan, options.fee));
}

/**
 * No payments for `months` months: the whole schedule moves `months` later. A regular monthly
 * schedule is regenerated on its anchor day (31 Jan, 29 Feb, 31 Mar + 1 month → 29 Feb, 31 Mar,
 * 30 Apr); any other schedule moves uniformly by the days between the first due date and the same
 * day `months` later, which keeps its spacing. A fee goes on the last instalment.
 */
export function paymentHoliday(plan: InstalmentPlan, months: number, options: FeeOption = {}): InstalmentPlan {
  requireInstalments(plan);
  if (!Number.isSafeInteger(months) || months < 1) throw new RangeError(`months must be a positive integer, got ${months}`);
  const old = dueDates(plan);
  const inferred = inferCadence(old);
  let dates: IsoDate[];
  if (inferred?.cadence.unit === 'month') {
    const first = addMonths(old[0], months, inferred.anchorDay);
    dates = scheduleDates(first, old.length, inferred.cadence, { anchorDay: inferred.anchorDay });
  } else {
    const shift = daysBetween(old[0], addMonths(old[0], months));
    dates = old.map((d) => addDays(d, shift));
  }
  return redate(plan, dates, feeOf(plan, options.fee));
}

export interface ResplitOptions extends FeeOption, SplitOptions {
  /**
   * The cadence of added instalments. Default: the plan's own (inferred) cadence, else monthly.
   * A regular plan continued on its own cadence keeps its anchor day.
   */
  cadence?: Cadence;
}

/** The dates of `plan` continued to `count` instalments (existing dates kept). */
function continuedDates(plan: InstalmentPlan, count: number, cadence?: Cadence): IsoDate[] {
  const old = dueDates(plan);
  if (count <= old.length) return old.slice(0, count);
  const inferred = inferCadence(old);
  const c = cadence ?? inferred?.cadence ?? MONTHLY;
  if (inferred && inferred.cadence.unit === c.unit && inferred.cadence.every === c.every) {
    return scheduleDates(old[0], count, c, { anchorDay: inferred.anchorDay });
  }
  return [...old, ...scheduleDates(old[old.length - 1], count - old.length + 1, c).slice(1)];
}

/**
 * A longer term: `extraInstalments` more instalments after the last one (on the plan's cadence,
 * see {@link ResplitOptions}) and the remaining balance (+ fee) re-split over all of them.
 */
export function extendTerm(plan: InstalmentPlan, extraInstalments: number, options: ResplitOptions = {}): InstalmentPlan {
  requireInstalments(plan);
  if (!Number.isSafeInteger(extraInstalments) || extraInstalments < 0) throw new RangeError(`extraInstalments must be a non-negative integer, got ${extraInstalments}`);
  const fee = feeOf(plan, options.fee);
  const dates = continuedDates(plan, plan.instalments.length + extraInstalments, options.cadence);
  return planOnDates(add(plan.total, fee), dates, { ...options, fee: add(plan.fee, fee) });
}

/**
 * Reduced instalments: the fewest instalments (never fewer than now) such that none exceeds
 * `maxPerInstalment`, by re-splitting the balance (+ fee) as {@link extendTerm} does. Throws a
 * RangeError when no count up to `maxInstalments` (default 1 000) achieves it — e.g. a ceiling
 * below the rounding unit.
 */
export function reduceInstalments(
  plan: InstalmentPlan,
  maxPerInstalment: Money,
  options: ResplitOptions & { maxInstalments?: number } = {},
): InstalmentPlan {
  requireInstalments(plan);
  assertMoney(maxPerInstalment, 'maxPerInstalment');
  assertSameCurrency(maxPerInstalment, plan.total);
  const count = instalmentsNeeded(add(plan.total, feeOf(plan, options.fee)).amountMinor, maxPerInstalment.amountMinor, {
    ...options,
    atLeast: plan.instalments.length,
  });
  if (count === null) {
    throw new RangeError(`no plan of at most ${options.maxInstalments ?? DEFAULT_MAX_INSTALMENTS} instalments keeps each ≤ ${maxPerInstalment.amountMinor}`);
  }
  return extendTerm(plan, count - plan.instalments.length, options);
}

/** The fewest instalments n ≥ atLeast whose split of `totalMinor` has no part above `maxMinor`, or null. */
export function instalmentsNeeded(
  totalMinor: number,
  maxMinor: number,
  options: SplitOptions & { atLeast?: number; maxInstalments?: number } = {},
): number | null {
  const cap = options.maxInstalments ?? DEFAULT_MAX_INSTALMENTS;
  const from = Math.max(options.atLeast ?? 1, 1, maxMinor > 0 ? Math.ceil(totalMinor / maxMinor) : 1);
  for (let n = from; n <= cap; n++) if (partBounds(totalMinor, n, options).max <= maxMinor) return n;
  return null;
}

/**
 * Settlement: one payment of the remainder less `discountBps` basis points. The discount is
 * rounded up to the next minor unit (in the debtor's favour), and waives fees first. Due on
 * `dueDate` (default: the next due date).
 */
export function settle(plan: InstalmentPlan, discountBps: number, options: { dueDate?: IsoDate } = {}): InstalmentPlan {
  requireInstalments(plan);
  assertBps(discountBps, 'discountBps');
  const discount = settlementDiscount(plan.total, discountBps);
  const pay = plan.total.amountMinor - discount.amountMinor;
  const dueDate = options.dueDate ?? plan.instalments[0].dueDate;
  parseDate(dueDate);
  return makePlan([{ dueDate, amount: money(pay, plan.currency) }], plan.currency, money(Math.max(0, plan.fee.amountMinor - discount.amountMinor), plan.currency));
}

/** ⌈total × bps / 10 000⌉: the settlement discount, rounded in the debtor's favour. */
export function settlementDiscount(total: Money, discountBps: number): Money {
  assertBps(discountBps, 'discountBps');
  return money(mulDiv(total.amountMinor, discountBps, BPS, 'up'), total.currency);
}

/**
 * What remains after a payment: it pays instalments in due-date order (fully paid ones leave the
 * plan, as do any with nothing to pay; a partly paid one is reduced). Payments are taken as principal first, so the plan's fee
 * only shrinks once the total falls below it. Paying more than the total is an error.
 */
export function applyPayment(plan: InstalmentPlan, paid: Money): InstalmentPlan {
  assertPlan(plan);
  assertMoney(paid, 'payment');
  assertSameCurrency(paid, plan.total);
  if (paid.amountMinor > plan.total.amountMinor) throw new RangeError(`payment ${paid.amountMinor} exceeds the balance ${plan.total.amountMinor}`);
  let left = paid.amountMinor;
  const rest: Instalment[] = [];
  for (const inst of plan.instalments) {
    const take = Math.min(left, inst.amount.amountMinor);
    left -= take;
    const remaining = inst.amount.amountMinor - take;
    if (remaining > 0) rest.push({ dueDate: inst.dueDate, amount: money(remaining, plan.currency) });
  }
  const total = plan.total.amountMinor - paid.amountMinor;
  return makePlan(rest, plan.currency, money(Math.min(plan.fee.amountMinor, total), plan.currency));
}
