import type { RestructuringKind } from '@settle/negotiation';

/*
 * Which of the restructurings the negotiation service offers the agent proposes on the phone, from
 * what the debtor said — and "part now, rest later" folded into it. Pure: the offers arrive as
 * arguments, the negotiation service alone decides what may be offered.
 */

/** One restructuring as the negotiation service offers it (minor units). */
export interface OfferedPlan {
  kind: RestructuringKind;
  currency: string;
  instalments: { dueDate: string; amountMinor: number }[];
  totalMinor: number;
  feeMinor: number;
}

/** What the debtor asked for, as the conversation engine passes it to propose_plan. */
export interface PlanAsk {
  /** Paid today by link ("part now"). */
  upfrontMinor?: number;
  /** When the rest can be paid ("rest later"), YYYY-MM-DD. */
  restDate?: string;
  /** What the debtor says they can afford per month. */
  affordableMinorPerMonth?: number;
  /** How many instalments the debtor wants. */
  instalmentCount?: number;
}

export interface OptionsQuery {
  sayCanPay?: { amountMinor: number; per: 'month' };
  preferences?: { deferralDays: number };
}

/** The proposal the agent speaks: the upfront part today, then the plan's instalments net of it. */
export interface PhoneProposal {
  kind: RestructuringKind;
  currency: string;
  upfrontMinor: number;
  instalments: { dueDate: string; amountMinor: number }[];
  totalMinor: number;
  feeMinor: number;
}

const DAY_MS = 86_400_000;

/** A settlement (a discount) is never proposed by the agent: it is a lever the tenant uses through the API. */
const PHONE_KINDS: readonly RestructuringKind[] = ['reduced_instalments', 'term_extension', 'deferral', 'payment_holiday'];

/** The negotiation request's affordability and preferences for this ask. */
export function optionsQueryFor(ask: PlanAsk, today: string): OptionsQuery {
  const query: OptionsQuery = {};
  if (ask.affordableMinorPerMonth !== undefined && ask.affordableMinorPerMonth > 0) query.sayCanPay = { amountMinor: ask.affordableMinorPerMonth, per: 'month' };
  if (ask.restDate) {
    const days = Math.round((Date.parse(`${ask.restDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
    if (days >= 1) query.preferences = { deferralDays: Math.min(days, 366) };
  }
  return query;
}

/** Kinds that answer the ask, best first. */
export function preferredKinds(ask: PlanAsk): RestructuringKind[] {
  if (ask.restDate) return ['deferral', 'payment_holiday', 'term_extension', 'reduced_instalments'];
  if (ask.instalmentCount !== undefined) return ['term_extension', 'reduced_instalments', 'deferral', 'payment_holiday'];
  return [...PHONE_KINDS];
}

/**
 * The offer to propose, or undefined when none answers the ask. Among the preferred kinds: the first
 * whose largest instalment the debtor can afford (when they said what they can afford), the one
 * closest to the wanted number of instalments (when they said that), else the first offered.
 */
export function choosePlan(offered: readonly OfferedPlan[], ask: PlanAsk): OfferedPlan | undefined {
  const upfront = ask.upfrontMinor ?? 0;
  const candidates = preferredKinds(ask)
    .map((kind) => offered.find((o) => o.kind === kind))
    .filter((o): o is OfferedPlan => o !== undefined && o.instalments.length > 0 && o.totalMinor > upfront);
  if (ask.affordableMinorPerMonth !== undefined) {
    const affordable = ask.affordableMinorPerMonth;
    return candidates.find((o) => Math.max(...o.instalments.map((i) => i.amountMinor)) <= affordable);
  }
  if (ask.instalmentCount !== undefined) {
    const wanted = ask.instalmentCount;
    return [...candidates].sort((a, b) => Math.abs(a.instalments.length - wanted) - Math.abs(b.instalments.length - wanted))[0];
  }
  return candidates[0];
}

/**
 * "Part now, rest later": the upfront part comes off the plan's first instalments, so what the
 * agent says (today + the instalments) adds up to exactly the plan the lender is sent.
 */
export function withUpfront(plan: OfferedPlan, upfrontMinor: number): PhoneProposal {
  if (!Number.isInteger(upfrontMinor) || upfrontMinor < 0) throw new RangeError('upfrontMinor must be a whole number ≥ 0');
  if (upfrontMinor >= plan.totalMinor) throw new RangeError('the upfront part covers the whole plan: send a payment link instead');
  let left = upfrontMinor;
  const instalments: PhoneProposal['instalments'] = [];
  for (const i of plan.instalments) {
    const taken = Math.min(left, i.amountMinor);
    left -= taken;
    if (i.amountMinor - taken > 0) instalments.push({ dueDate: i.dueDate, amountMinor: i.amountMinor - taken });
  }
  return { kind: plan.kind, currency: plan.currency, upfrontMinor, instalments, totalMinor: plan.totalMinor, feeMinor: plan.feeMinor };
}
