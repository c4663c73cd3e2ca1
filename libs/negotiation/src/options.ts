import { DEFAULT_RULES, FeeCapResult, RuleBook, feeCap } from '@settle/compliance';
import { IsoDate, addDays, daysBetween, isStrictlyIncreasing, maxDate, parseDate, toDayNumber } from './dates';
import { BPS, Money, assertMoney, formatMajor, money, mulDiv } from './money';
import {
  InstalmentPlan,
  assertPlan,
  dueDates,
  extendTerm,
  instalmentsNeeded,
  largestInstalment,
  lastDueDate,
  paymentHoliday,
  planFromSchedule,
  pushDueDate,
  settle,
  settlementDiscount,
  smallestInstalment,
} from './plans';
import { Cadence } from './split';

/*
 * Which restructurings may be offered: the lender's allowed restructurings (from the platform
 * connector) ∩ the tenant's policy ∩ the jurisdiction (fee caps; EU CCD II Art. 35 forbearance).
 * Every option carries proofs that it lies within every bound; an option that fails any proof is
 * not offered. A refusal by these automated means always offers review by a person (GDPR Art. 22).
 */

export const RESTRUCTURING_KINDS = ['deferral', 'term_extension', 'reduced_instalments', 'payment_holiday', 'settlement'] as const;
export type RestructuringKind = (typeof RESTRUCTURING_KINDS)[number];

/** CCD II Art. 35 forbearance measures: deferral, longer term, reduced instalments, payment holiday. */
export const FORBEARANCE_KINDS: readonly RestructuringKind[] = ['deferral', 'term_extension', 'reduced_instalments', 'payment_holiday'];

export const ART22_RULE = 'eu.gdpr.art22.human_review';
export const ART35_RULE = 'eu.ccd2.art35.forbearance';

/** What the lender's platform allows for this debt (from the connector). */
export interface LenderAllows {
  kinds: readonly RestructuringKind[];
  /** Most instalments a plan may have. */
  maxInstalments: number;
  /** Most days the last due date may move beyond the extension baseline (see {@link EffectiveBounds}). */
  maxExtensionDays: number;
  maxSettlementDiscountBps: number;
  /** Most fee (minor units) the lender lets a restructuring add, if it limits it. */
  maxFeeMinor?: number;
}

/** The tenant's (the collecting business's) policy. Amounts in minor units of the balance's currency. */
export interface TenantPolicy {
  minInstalmentMinor: number;
  maxExtensionDays: number;
  maxReschedules: number;
  settlementDiscountBps: { min: number; max: number };
  /** Kinds the tenant offers (default all). Where Art. 35 applies it cannot switch off forbearance kinds. */
  kinds?: readonly RestructuringKind[];
  /** A fee the tenant proposes to add per restructuring (capped by the jurisdiction and the lender). */
  restructuringFeeMinor?: number;
  /** Re-split instalments in multiples of this (e.g. 100: whole euros). Default 1. */
  roundToMinor?: number;
}

export interface SayCanPay {
  amountMinor: number;
  per: 'week' | 'month';
}

export interface OfferPreferences {
  /** Deferral: how far to push the next due date (default 30; less if the bounds require). */
  deferralDays?: number;
  /** Payment holiday length in months (default 1; less if the bounds require). */
  holidayMonths?: number;
  /** Settlement: pay within this many days from today (default 14; less if the bounds require). */
  settlementDueInDays?: number;
  /** Settlement discount to offer (clamped into the allowed range; default the tenant's minimum). */
  settlementDiscountBps?: number;
}

export interface NegotiationContext {
  /** What the debtor owes now; must equal remainingPlan.total. */
  balance: Money;
  /** The unpaid instalments (overdue ones included). */
  remainingPlan: InstalmentPlan;
  lenderAllows: LenderAllows;
  tenantPolicy: TenantPolicy;
  reschedulesSoFar: number;
  /** 'DE', 'NL', 'US-MA', …: resolved by the compliance rule book (unknown → conservative default). */
  jurisdiction: string;
  today: IsoDate;
  /** Fees already charged on this claim, paid or not, counted against the cap (default remainingPlan.fee). */
  feesChargedSoFar?: Money;
  /** A rule book other than the shipped one (tests). */
  rules?: RuleBook;
}

/** The context with an optional remaining plan (affordability can work from the balance alone). */
type Ctx = Omit<NegotiationContext, 'remainingPlan'> & { remainingPlan?: InstalmentPlan };

export interface RestructuringInput extends NegotiationContext {
  /** What the debtor says they can pay: shapes the reduced_instalments option. */
  sayCanPay?: SayCanPay;
  preferences?: OfferPreferences;
}

export type ProofSource = 'lender' | 'tenant' | 'jurisdiction' | 'debtor' | 'invariant';

/** One checked bound: `actual relation limit` holds (options are only offered when all do). */
export interface BoundProof {
  bound: string;
  source: ProofSource;
  relation: '<=' | '>=' | '=' | 'in';
  actual: number | string;
  limit: number | string | readonly string[];
  holds: boolean;
}

export interface RestructuringOption {
  kind: RestructuringKind;
  plan: InstalmentPlan;
  /** Plain-language reason and summary, for the negotiator and the record. */
  why: string;
  /** A CCD II Art. 35 forbearance measure. */
  forbearance: boolean;
  /** Rule ids this option relies on (e.g. the Art. 35 forbearance duty). */
  legalBasis: string[];
  /** Fee this option adds (minor units); 0 for a settlement. */
  feeAddedMinor: number;
  /** Days the last due date moves beyond the extension baseline (0 if it does not). */
  extensionDays: number;
  discountBps?: number;
  discountMinor?: number;
  /** Every bound checked, all holding. */
  proofs: BoundProof[];
}

export interface HumanReview {
  required: boolean;
  reason?: string;
  /** The GDPR Art. 22 requirement that makes this review available. */
  ruleId: string;
}

export interface FeeDecision {
  proposedMinor: number;
  /** The fee each non-settlement option adds. */
  appliedMinor: number;
  /** The statutory maximum for all fees on the claim, or null where none is fixed in numbers. */
  capMinor: number | null;
  capRuleId?: string;
  capBasis?: string;
  /** Preconditions the jurisdiction sets before any fee may be charged (e.g. NL 14-day letter). */
  conditions: { id: string; text: string }[];
  note: string;
}

/** The intersection of the lender's, the tenant's and the jurisdiction's bounds. */
export interface EffectiveBounds {
  currency: string;
  maxInstalments: number;
  maxExtensionDays: number;
  /**
   * Extensions are measured from max(last due date of the remaining plan, today): a debt already
   * overdue cannot be extended from a date in the past.
   */
  extensionBaseline: IsoDate;
  minInstalmentMinor: number;
  /** Null when the tenant's minimum discount is above the lender's maximum. */
  settlementDiscountBps: { min: number; max: number } | null;
  maxReschedules: number;
  reschedulesSoFar: number;
  kinds: RestructuringKind[];
  eu: boolean;
  /** CCD II Art. 35 applies (EU jurisdiction, on or after the rule's effective date). */
  art35: boolean;
  fee: FeeDecision;
  roundToMinor: number;
}

export interface RestructuringResult {
  options: RestructuringOption[];
  notOffered: { kind: RestructuringKind; reasons: string[] }[];
  humanReview: HumanReview;
  bounds: EffectiveBounds;
}

export type AffordabilityResult =
  | { ok: true; option: RestructuringOption; humanReview: HumanReview; bounds: EffectiveBounds }
  | { ok: false; reasons: string[]; humanReview: HumanReview; bounds: EffectiveBounds };

// ————————————————————————————————————————————————————————————————— validation

function nonNegInt(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new RangeError(`${what} must be a non-negative integer, got ${String(v)}`);
  return v;
}

function checkKinds(kinds: readonly RestructuringKind[] | undefined, what: string): void {
  if (kinds === undefined) return;
  if (!Array.isArray(kinds)) throw new RangeError(`${what} must be a list`);
  for (const k of kinds) if (!RESTRUCTURING_KINDS.includes(k)) throw new RangeError(`${what}: unknown restructuring kind ${String(k)}`);
}

function validate(ctx: Ctx, requirePlan: boolean): void {
  assertMoney(ctx.balance, 'balance');
  if (requirePlan || ctx.remainingPlan) {
    if (!ctx.remainingPlan) throw new RangeError('remainingPlan is required');
    assertPlan(ctx.remainingPlan);
    if (ctx.remainingPlan.currency !== ctx.balance.currency) throw new RangeError(`currency mismatch: balance ${ctx.balance.currency}, plan ${ctx.remainingPlan.currency}`);
    if (ctx.remainingPlan.total.amountMinor !== ctx.balance.amountMinor) {
      throw new RangeError(`balance ${ctx.balance.amountMinor} ≠ remaining plan total ${ctx.remainingPlan.total.amountMinor}`);
    }
  }
  parseDate(ctx.today);
  const l = ctx.lenderAllows;
  const t = ctx.tenantPolicy;
  checkKinds(l.kinds, 'lenderAllows.kinds');
  checkKinds(t.kinds, 'tenantPolicy.kinds');
  nonNegInt(l.maxInstalments, 'lenderAllows.maxInstalments');
  nonNegInt(l.maxExtensionDays, 'lenderAllows.maxExtensionDays');
  nonNegInt(l.maxSettlementDiscountBps, 'lenderAllows.maxSettlementDiscountBps');
  if (l.maxFeeMinor !== undefined) nonNegInt(l.maxFeeMinor, 'lenderAllows.maxFeeMinor');
  nonNegInt(t.minInstalmentMinor, 'tenantPolicy.minInstalmentMinor');
  nonNegInt(t.maxExtensionDays, 'tenantPolicy.maxExtensionDays');
  nonNegInt(t.maxReschedules, 'tenantPolicy.maxReschedules');
  nonNegInt(t.settlementDiscountBps?.min, 'tenantPolicy.settlementDiscountBps.min');
  nonNegInt(t.settlementDiscountBps?.max, 'tenantPolicy.settlementDiscountBps.max');
  if (t.restructuringFeeMinor !== undefined) nonNegInt(t.restructuringFeeMinor, 'tenantPolicy.restructuringFeeMinor');
  if (t.roundToMinor !== undefined && nonNegInt(t.roundToMinor, 'tenantPolicy.roundToMinor') < 1) throw new RangeError('tenantPolicy.roundToMinor must be ≥ 1');
  nonNegInt(ctx.reschedulesSoFar, 'reschedulesSoFar');
  if (ctx.feesChargedSoFar) {
    assertMoney(ctx.feesChargedSoFar, 'feesChargedSoFar');
    if (ctx.feesChargedSoFar.currency !== ctx.balance.currency) throw new RangeError('feesChargedSoFar currency mismatch');
  }
}

// ————————————————————————————————————————————————————————————————— bounds

function decideFee(ctx: Ctx, existingFeeMinor: number, rules: RuleBook): FeeDecision {
  const proposed = ctx.tenantPolicy.restructuringFeeMinor ?? 0;
  const charged = ctx.feesChargedSoFar?.amountMinor ?? existingFeeMinor;
  const principalMinor = Math.max(0, ctx.balance.amountMinor - existingFeeMinor);
  const currency = ctx.balance.currency;
  let cap: FeeCapResult | null;
  try {
    try {
      // SE fixes a separate amount for a repayment plan; other schemes ignore the kind.
      cap = feeCap(ctx.jurisdiction, { principalMinor, currency, kind: 'repayment_plan' }, rules);
    } catch (e) {
      if (!(e instanceof RangeError) || !/unknown fee kind/.test(e.message)) throw e;
      cap = feeCap(ctx.jurisdiction, { principalMinor, currency }, rules);
    }
  } catch (e) {
    // A cap that cannot be computed (currency not the jurisdiction's, claim above the table) is
    // never guessed: no fee is added.
    return { proposedMinor: proposed, appliedMinor: 0, capMinor: 0, conditions: [], note: `no fee: the cap could not be determined (${(e as Error).message})` };
  }
  const lenderMax = ctx.lenderAllows.maxFeeMinor ?? Number.POSITIVE_INFINITY;
  const capLeft = cap === null ? Number.POSITIVE_INFINITY : Math.max(0, cap.maxFeeMinor - charged);
  const applied = Math.min(proposed, capLeft, lenderMax);
  const limits = [
    cap === null ? 'no statutory numeric cap' : `cap ${cap.maxFeeMinor} (${cap.ruleId}) less ${charged} already charged`,
    ...(ctx.lenderAllows.maxFeeMinor === undefined ? [] : [`lender maximum ${ctx.lenderAllows.maxFeeMinor}`]),
  ];
  return {
    proposedMinor: proposed,
    appliedMinor: applied,
    capMinor: cap === null ? null : cap.maxFeeMinor,
    capRuleId: cap?.ruleId,
    capBasis: cap?.basis,
    conditions: cap?.conditions ?? [],
    note: proposed === 0 ? 'no fee proposed' : `proposed ${proposed}, applied ${applied}: ${limits.join('; ')}`,
  };
}

/** The intersection of the lender's, the tenant's and the jurisdiction's bounds. */
export function effectiveBounds(ctx: Ctx): EffectiveBounds {
  const rules = ctx.rules ?? DEFAULT_RULES;
  const l = ctx.lenderAllows;
  const t = ctx.tenantPolicy;
  const resolved = rules.resolve(ctx.jurisdiction);
  const eu = resolved.ruleSet.some((r) => r.jurisdiction === 'EU');
  const art35Rule = rules.rule(ART35_RULE);
  const art35 = eu && art35Rule !== undefined && (!art35Rule.effectiveFrom || toDayNumber(ctx.today) >= toDayNumber(art35Rule.effectiveFrom));
  const tenantKinds = t.kinds ?? RESTRUCTURING_KINDS;
  const kinds = RESTRUCTURING_KINDS.filter((k) => l.kinds.includes(k) && (tenantKinds.includes(k) || (art35 && FORBEARANCE_KINDS.includes(k))));
  const discountMax = Math.min(t.settlementDiscountBps.max, l.maxSettlementDiscountBps, BPS);
  const existingFee = ctx.remainingPlan?.fee.amountMinor ?? 0;
  return {
    currency: ctx.balance.currency,
    maxInstalments: l.maxInstalments,
    maxExtensionDays: Math.min(l.maxExtensionDays, t.maxExtensionDays),
    extensionBaseline: ctx.remainingPlan && ctx.remainingPlan.instalments.length > 0 ? maxDate(lastDueDate(ctx.remainingPlan), ctx.today) : ctx.today,
    minInstalmentMinor: t.minInstalmentMinor,
    settlementDiscountBps: t.settlementDiscountBps.min <= discountMax ? { min: t.settlementDiscountBps.min, max: discountMax } : null,
    maxReschedules: t.maxReschedules,
    reschedulesSoFar: ctx.reschedulesSoFar,
    kinds,
    eu,
    art35,
    fee: decideFee(ctx, existingFee, rules),
    roundToMinor: t.roundToMinor ?? 1,
  };
}

// ————————————————————————————————————————————————————————————————— proofs

function proof(bound: string, source: ProofSource, actual: number, relation: '<=' | '>=' | '=', limit: number): BoundProof {
  const holds = relation === '<=' ? actual <= limit : relation === '>=' ? actual >= limit : actual === limit;
  return { bound, source, relation, actual, limit, holds };
}

function extensionDays(plan: InstalmentPlan, b: EffectiveBounds): number {
  return Math.max(0, daysBetween(b.extensionBaseline, lastDueDate(plan)));
}

interface Candidate {
  kind: RestructuringKind;
  plan: InstalmentPlan;
  /** What the plan must total: balance + fee added, or balance − discount. */
  expectedTotal: number;
  feeAddedMinor: number;
  discountBps?: number;
  discountMinor?: number;
  /** Extra proofs (affordability). */
  extra?: BoundProof[];
}

function proofsFor(c: Candidate, ctx: Ctx, b: EffectiveBounds): BoundProof[] {
  const l = ctx.lenderAllows;
  const t = ctx.tenantPolicy;
  const p = c.plan;
  const n = p.instalments.length;
  const ext = extensionDays(p, b);
  const dates = dueDates(p);
  const out: BoundProof[] = [
    { bound: 'kind allowed by the lender', source: 'lender', relation: 'in', actual: c.kind, limit: [...l.kinds], holds: l.kinds.includes(c.kind) },
    { bound: 'kind offered (tenant policy or Art. 35)', source: 'tenant', relation: 'in', actual: c.kind, limit: b.kinds, holds: b.kinds.includes(c.kind) },
    proof('reschedules', 'tenant', ctx.reschedulesSoFar + 1, '<=', t.maxReschedules),
    proof('instalments', 'lender', n, '<=', l.maxInstalments),
    proof('instalments', 'invariant', n, '>=', 1),
    proof('extension days', 'lender', ext, '<=', l.maxExtensionDays),
    proof('extension days', 'tenant', ext, '<=', t.maxExtensionDays),
    // One payment of everything owed may be below the minimum instalment; instalments may not.
    proof('smallest instalment', 'tenant', n === 0 ? 0 : smallestInstalment(p), '>=', n === 1 ? Math.min(t.minInstalmentMinor, p.total.amountMinor) : t.minInstalmentMinor),
    proof('first due date (day number) not before today', 'invariant', n === 0 ? -Infinity : toDayNumber(dates[0]), '>=', toDayNumber(ctx.today)),
    proof('due dates strictly increasing', 'invariant', isStrictlyIncreasing(dates) ? 1 : 0, '=', 1),
    proof('total conserved (balance + fee − discount)', 'invariant', p.total.amountMinor, '=', c.expectedTotal),
    proof('fee added', 'tenant', c.feeAddedMinor, '<=', t.restructuringFeeMinor ?? 0),
  ];
  if (c.feeAddedMinor > 0) {
    const charged = ctx.feesChargedSoFar?.amountMinor ?? ctx.remainingPlan?.fee.amountMinor ?? 0;
    if (b.fee.capMinor !== null) out.push(proof('fees on the claim', 'jurisdiction', charged + c.feeAddedMinor, '<=', b.fee.capMinor));
    if (l.maxFeeMinor !== undefined) out.push(proof('fee added', 'lender', c.feeAddedMinor, '<=', l.maxFeeMinor));
  }
  if (c.discountBps !== undefined) {
    out.push(
      proof('settlement discount bps', 'tenant', c.discountBps, '>=', t.settlementDiscountBps.min),
      proof('settlement discount bps', 'tenant', c.discountBps, '<=', t.settlementDiscountBps.max),
      proof('settlement discount bps', 'lender', c.discountBps, '<=', l.maxSettlementDiscountBps),
      proof('settlement discount = ⌈balance × bps / 10 000⌉', 'invariant', c.discountMinor ?? -1, '=', mulDiv(ctx.balance.amountMinor, c.discountBps, BPS, 'up')),
    );
  }
  return [...out, ...(c.extra ?? [])];
}

function describeFailure(pr: BoundProof): string {
  const limit = Array.isArray(pr.limit) ? `[${pr.limit.join(', ')}]` : String(pr.limit);
  return `${pr.bound} (${pr.source}): ${String(pr.actual)} is not ${pr.relation} ${limit}`;
}

function failures(proofs: readonly BoundProof[]): string[] {
  return proofs.filter((p) => !p.holds).map(describeFailure);
}

// ————————————————————————————————————————————————————————————————— options

const fmt = (minor: number, currency: string) => `${formatMajor(money(minor, currency))} ${currency}`;

function toOption(c: Candidate, proofs: BoundProof[], b: EffectiveBounds, why: string): RestructuringOption {
  const forbearance = FORBEARANCE_KINDS.includes(c.kind);
  return {
    kind: c.kind,
    plan: c.plan,
    why,
    forbearance,
    legalBasis: forbearance && b.art35 ? [ART35_RULE] : [],
    feeAddedMinor: c.feeAddedMinor,
    extensionDays: extensionDays(c.plan, b),
    ...(c.discountBps === undefined ? {} : { discountBps: c.discountBps, discountMinor: c.discountMinor }),
    proofs,
  };
}

type Attempt = { ok: true; candidate: Candidate; proofs: BoundProof[] } | { ok: false; reasons: string[] };

/** The first candidate (in preference order) whose proofs all hold. */
function firstValid(candidates: Iterable<Candidate | string>, ctx: Ctx, b: EffectiveBounds): Attempt {
  // Reasons: any note, and what failed for the first and the last candidate tried (the ends of the range).
  const notes: string[] = [];
  let first: string[] | null = null;
  let last: string[] = [];
  for (const c of candidates) {
    if (typeof c === 'string') {
      notes.push(c);
      continue;
    }
    const proofs = proofsFor(c, ctx, b);
    const failed = failures(proofs);
    if (failed.length === 0) return { ok: true, candidate: c, proofs };
    first ??= failed;
    last = failed;
  }
  const reasons = [...new Set([...notes, ...(first ?? []), ...last])];
  return { ok: false, reasons: reasons.length > 0 ? reasons : ['no candidate plan'] };
}

/** The remaining plan with an overdue next instalment moved to today (the starting point, not an offer). */
function rebase(plan: InstalmentPlan, today: IsoDate): InstalmentPlan {
  const overdue = daysBetween(plan.instalments[0].dueDate, today);
  return overdue > 0 ? pushDueDate(plan, overdue) : plan;
}

function* countdown(from: number, to: number): Generator<number> {
  for (let i = from; i >= to; i--) yield i;
}

/**
 * The concrete restructurings that may be offered, one per kind at most, each proven within the
 * intersection of the lender's, the tenant's and the jurisdiction's bounds:
 * - deferral: the next due date pushed by `deferralDays` (30), or less if the bounds require;
 * - term_extension: the fewest extra instalments (usually one) on the plan's cadence;
 * - reduced_instalments: with `sayCanPay`, the affordable plan (see {@link affordablePlan});
 *   otherwise the smallest instalments the bounds allow (the most instalments);
 * - payment_holiday: `holidayMonths` (1) months without payments;
 * - settlement: one payment within `settlementDueInDays` (14) of the balance less the tenant's
 *   minimum discount (or `settlementDiscountBps`, clamped), rounded in the debtor's favour.
 * An overdue next instalment is first moved to today. A fee, if proposed, is capped by the
 * jurisdiction (feeCap), the lender, and the fees already charged; settlements carry none.
 * With the reschedule limit reached, or no option left, the answer is a refusal that requires
 * human review (GDPR Art. 22); in the EU (from CCD II Art. 35's effective date) so is an answer
 * without any forbearance option.
 */
export function restructuringOptions(input: RestructuringInput): RestructuringResult {
  validate(input, true);
  const b = effectiveBounds(input);
  const review = (reason: string): HumanReview => ({ required: true, reason, ruleId: ART22_RULE });
  const plan = input.remainingPlan;
  const currency = input.balance.currency;

  if (input.reschedulesSoFar >= input.tenantPolicy.maxReschedules) {
    const reason = `reschedule limit reached (${input.reschedulesSoFar} of ${input.tenantPolicy.maxReschedules}): no automated restructuring; a person must review the request`;
    return { options: [], notOffered: RESTRUCTURING_KINDS.map((kind) => ({ kind, reasons: [reason] })), humanReview: review(reason), bounds: b };
  }
  if (plan.instalments.length === 0 || input.balance.amountMinor === 0) {
    return {
      options: [],
      notOffered: RESTRUCTURING_KINDS.map((kind) => ({ kind, reasons: ['nothing is owed'] })),
      humanReview: { required: false, reason: 'nothing is owed', ruleId: ART22_RULE },
      bounds: b,
    };
  }

  const base = rebase(plan, input.today);
  const fee = b.fee.appliedMinor;
  const feeMoney = money(fee, currency);
  const withFee = input.balance.amountMinor + fee;
  const pref = input.preferences ?? {};
  const roundTo = b.roundToMinor;
  const options: RestructuringOption[] = [];
  const notOffered: { kind: RestructuringKind; reasons: string[] }[] = [];
  const feeText = fee > 0 ? `; a fee of ${fmt(fee, currency)} is added to the last instalment` : '';

  for (const kind of RESTRUCTURING_KINDS) {
    if (!input.lenderAllows.kinds.includes(kind)) {
      notOffered.push({ kind, reasons: ['the lender does not allow it'] });
      continue;
    }
    if (!b.kinds.includes(kind)) {
      notOffered.push({ kind, reasons: ['the tenant policy does not offer it'] });
      continue;
    }
    let attempt: Attempt;
    let why: (c: Candidate) => string;
    switch (kind) {
      case 'deferral': {
        const days = nonNegInt(pref.deferralDays ?? 30, 'preferences.deferralDays');
        attempt = firstValid(
          (function* () {
            for (const d of countdown(days, 1)) yield { kind, plan: pushDueDate(base, d, { fee: feeMoney }), expectedTotal: withFee, feeAddedMinor: fee };
          })(),
          input,
          b,
        );
        why = (c) => {
          const next = c.plan.instalments[0];
          return `Deferral: the next instalment (${fmt(next.amount.amountMinor, currency)}) is due ${next.dueDate} instead of ${plan.instalments[0].dueDate}${feeText}.`;
        };
        break;
      }
      case 'payment_holiday': {
        const months = nonNegInt(pref.holidayMonths ?? 1, 'preferences.holidayMonths');
        attempt = firstValid(
          (function* () {
            for (const m of countdown(months, 1)) yield { kind, plan: paymentHoliday(base, m, { fee: feeMoney }), expectedTotal: withFee, feeAddedMinor: fee };
          })(),
          input,
          b,
        );
        why = (c) => `Payment holiday: no payment until ${c.plan.instalments[0].dueDate}; the ${c.plan.instalments.length} instalment(s) then follow as before, ending ${lastDueDate(c.plan)}${feeText}.`;
        break;
      }
      case 'term_extension': {
        const n = base.instalments.length;
        attempt = firstValid(
          (function* () {
            if (n >= input.lenderAllows.maxInstalments) yield `the plan already has ${n} instalments, the lender's maximum is ${input.lenderAllows.maxInstalments}`;
            for (let k = 1; n + k <= input.lenderAllows.maxInstalments; k++) {
              yield { kind, plan: extendTerm(base, k, { fee: feeMoney, roundTo }), expectedTotal: withFee, feeAddedMinor: fee };
            }
          })(),
          input,
          b,
        );
        why = (c) => `Longer term: ${c.plan.instalments.length} instalments instead of ${plan.instalments.length}, up to ${fmt(largestInstalment(c.plan), currency)} each, ending ${lastDueDate(c.plan)}${fee > 0 ? `; includes a fee of ${fmt(fee, currency)}` : ''}.`;
        break;
      }
      case 'reduced_instalments': {
        const sayCanPay = input.sayCanPay;
        if (sayCanPay) {
          attempt = affordableCandidate({ ...input, sayCanPay }, b, kind);
          why = (c) =>
            `Reduced instalments to fit what the debtor can pay (${fmt(sayCanPay.amountMinor, currency)} a ${sayCanPay.per}): ${c.plan.instalments.length} instalments of at most ${fmt(largestInstalment(c.plan), currency)}, ending ${lastDueDate(c.plan)}.`;
        } else {
          const n = base.instalments.length;
          attempt = firstValid(
            (function* () {
              if (n >= input.lenderAllows.maxInstalments) yield `the plan already has ${n} instalments, the lender's maximum is ${input.lenderAllows.maxInstalments}`;
              for (let k = input.lenderAllows.maxInstalments - n; k >= 1; k--) {
                yield { kind, plan: extendTerm(base, k, { fee: feeMoney, roundTo }), expectedTotal: withFee, feeAddedMinor: fee };
              }
            })(),
            input,
            b,
          );
          why = (c) => `Reduced instalments: the smallest the bounds allow, ${c.plan.instalments.length} instalments of at most ${fmt(largestInstalment(c.plan), currency)} (was ${fmt(largestInstalment(plan), currency)}), ending ${lastDueDate(c.plan)}.`;
        }
        const ext = options.find((o) => o.kind === 'term_extension');
        if (attempt.ok && ext && samePlan(ext.plan, attempt.candidate.plan)) attempt = { ok: false, reasons: ['the only reduction the bounds allow is the term extension already offered'] };
        break;
      }
      case 'settlement': {
        const range = b.settlementDiscountBps;
        if (!range) {
          attempt = { ok: false, reasons: [`the tenant's minimum discount (${input.tenantPolicy.settlementDiscountBps.min} bps) is above the allowed maximum (${Math.min(input.tenantPolicy.settlementDiscountBps.max, input.lenderAllows.maxSettlementDiscountBps)} bps)`] };
          why = () => '';
          break;
        }
        const bps = Math.min(range.max, Math.max(range.min, nonNegInt(pref.settlementDiscountBps ?? range.min, 'preferences.settlementDiscountBps')));
        const discount = settlementDiscount(input.balance, bps).amountMinor;
        const within = nonNegInt(pref.settlementDueInDays ?? 14, 'preferences.settlementDueInDays');
        attempt = firstValid(
          (function* () {
            for (const d of countdown(within, 0)) {
              yield {
                kind,
                plan: settle(base, bps, { dueDate: addDays(input.today, d) }),
                expectedTotal: input.balance.amountMinor - discount,
                feeAddedMinor: 0,
                discountBps: bps,
                discountMinor: discount,
              };
            }
          })(),
          input,
          b,
        );
        why = (c) => `Settlement: pay ${fmt(c.plan.total.amountMinor, currency)} by ${c.plan.instalments[0].dueDate} instead of ${fmt(input.balance.amountMinor, currency)} (${bps / 100}% off, ${fmt(discount, currency)}; negotiable up to ${range.max / 100}%).`;
        break;
      }
    }
    if (attempt.ok) options.push(toOption(attempt.candidate, attempt.proofs, b, why(attempt.candidate)));
    else notOffered.push({ kind, reasons: attempt.reasons });
  }

  let humanReview: HumanReview = { required: false, ruleId: ART22_RULE };
  if (options.length === 0) {
    humanReview = review(`no restructuring fits the lender's, the tenant's and the jurisdiction's bounds (${notOffered.map((n) => `${n.kind}: ${n.reasons[0]}`).join('; ')}); a person must review the request`);
  } else if (b.art35 && !options.some((o) => o.forbearance)) {
    humanReview = review(`CCD II Art. 35 requires reasonable forbearance, and no forbearance measure fits the bounds automatically; a person must review before any enforcement`);
  }
  return { options, notOffered, humanReview, bounds: b };
}

function samePlan(a: InstalmentPlan, b: InstalmentPlan): boolean {
  return a.instalments.length === b.instalments.length && a.instalments.every((x, i) => x.dueDate === b.instalments[i].dueDate && x.amount.amountMinor === b.instalments[i].amount.amountMinor);
}

// ————————————————————————————————————————————————————————————————— affordability

export interface AffordabilityInput extends Omit<NegotiationContext, 'remainingPlan'> {
  /** The unpaid plan, if any: it sets the extension baseline, the existing fee and the default first due date. */
  remainingPlan?: InstalmentPlan;
  sayCanPay: SayCanPay;
  /** First due date of the new plan (default: the remaining plan's next due date, not before today). */
  firstDue?: IsoDate;
}

const CADENCE_OF: Record<SayCanPay['per'], Cadence> = { week: { unit: 'week', every: 1 }, month: { unit: 'month', every: 1 } };

function affordableCandidate(input: AffordabilityInput, b: EffectiveBounds, kind: RestructuringKind): Attempt {
  const { sayCanPay } = input;
  if (!sayCanPay || (sayCanPay.per !== 'week' && sayCanPay.per !== 'month')) throw new RangeError("sayCanPay.per must be 'week' or 'month'");
  const canPay = nonNegInt(sayCanPay.amountMinor, 'sayCanPay.amountMinor');
  const currency = input.balance.currency;
  const fee = b.fee.appliedMinor;
  const existingFee = input.remainingPlan?.fee.amountMinor ?? 0;
  const total = input.balance.amountMinor + fee;
  const firstDue =
    input.firstDue ?? (input.remainingPlan && input.remainingPlan.instalments.length > 0 ? maxDate(input.remainingPlan.instalments[0].dueDate, input.today) : input.today);
  parseDate(firstDue);
  const maxN = input.lenderAllows.maxInstalments;
  const roundTo = b.roundToMinor;

  const pre: string[] = [];
  if (total > canPay && canPay < input.tenantPolicy.minInstalmentMinor) {
    pre.push(`the debtor can pay ${fmt(canPay, currency)} a ${sayCanPay.per}, below the minimum instalment of ${fmt(input.tenantPolicy.minInstalmentMinor, currency)}`);
  }
  const needed = instalmentsNeeded(total, canPay, { roundTo, maxInstalments: Math.max(maxN, 1) });
  if (needed === null) {
    const atLeast = canPay > 0 ? Math.ceil(total / canPay) : Infinity;
    pre.push(`paying ${fmt(canPay, currency)} a ${sayCanPay.per} takes at least ${atLeast} instalments; the lender allows at most ${maxN}`);
  }
  if (pre.length > 0) return { ok: false, reasons: pre };

  const candidate = (n: number): Candidate => {
    const plan = planFromSchedule(money(total, currency), firstDue, n, CADENCE_OF[sayCanPay.per], { roundTo, fee: money(existingFee + fee, currency) });
    return {
      kind,
      plan,
      expectedTotal: total,
      feeAddedMinor: fee,
      extra: [proof('largest instalment', 'debtor', largestInstalment(plan), '<=', canPay)],
    };
  };
  return firstValid(
    (function* () {
      for (let n = needed!; n <= maxN; n++) yield candidate(n);
    })(),
    input,
    b,
  );
}

/**
 * The plan with the fewest instalments (on the debtor's weekly or monthly rhythm) whose
 * instalments never exceed what the debtor says they can pay and never fall below the tenant's
 * minimum instalment, within the maximum extension and every other bound; or a refusal with its
 * reasons, which requires human review (GDPR Art. 22).
 */
export function affordablePlan(input: AffordabilityInput): AffordabilityResult {
  validate(input, false);
  const b = effectiveBounds(input);
  const refuse = (reasons: string[]): AffordabilityResult => ({
    ok: false,
    reasons,
    humanReview: { required: true, reason: `automated affordability check refused: ${reasons.join('; ')}; a person must review the request`, ruleId: ART22_RULE },
    bounds: b,
  });
  if (input.reschedulesSoFar >= input.tenantPolicy.maxReschedules) {
    return refuse([`reschedule limit reached (${input.reschedulesSoFar} of ${input.tenantPolicy.maxReschedules})`]);
  }
  if (input.balance.amountMinor === 0) return { ok: false, reasons: ['nothing is owed'], humanReview: { required: false, reason: 'nothing is owed', ruleId: ART22_RULE }, bounds: b };
  const kind = (['reduced_instalments', 'term_extension'] as const).find((k) => b.kinds.includes(k));
  if (!kind) return refuse(['neither reduced instalments nor a longer term is allowed by the lender and the tenant policy']);
  const attempt = affordableCandidate(input, b, kind);
  if (!attempt.ok) return refuse(attempt.reasons);
  const c = attempt.candidate;
  const currency = input.balance.currency;
  const why = `Affordable plan: ${c.plan.instalments.length} ${input.sayCanPay.per}ly instalment(s) of at most ${fmt(largestInstalment(c.plan), currency)} (the debtor can pay ${fmt(input.sayCanPay.amountMinor, currency)}), from ${c.plan.instalments[0].dueDate} to ${lastDueDate(c.plan)}.`;
  return { ok: true, option: toOption(c, attempt.proofs, b, why), humanReview: { required: false, ruleId: ART22_RULE }, bounds: b };
}

