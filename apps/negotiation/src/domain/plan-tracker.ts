/*
 * Tracking an agreed plan, instalment by instalment: pure, no I/O and no clock. Payments pay the
 * oldest open instalment first; a missed instalment counts against the tenant's rule (e.g. one
 * miss → a reminder or the instalment moves to the end of the plan, two misses → the plan is broken).
 */

export type TrackedState = 'due' | 'paid' | 'missed';

export interface TrackedInstalment {
  number: number;
  dueDate: string;
  amountMinor: number;
  paidMinor: number;
  state: TrackedState;
}

export interface TrackedPlan {
  currency: string;
  instalments: TrackedInstalment[];
  misses: number;
  status: 'active' | 'completed' | 'broken';
}

export const MISS_ACTIONS = ['remind', 'move_to_end'] as const;
export type MissAction = (typeof MISS_ACTIONS)[number];

/** The tenant's rule for missed plan instalments. */
export interface PlanRule {
  /** Misses at which the plan is cancelled (≥ 1). */
  missesToBreak: number;
  /** What a miss below that does. */
  onMiss: MissAction;
  /** move_to_end: days after the last due date the moved instalment falls due (default 30). */
  moveByDays?: number;
}

export const DEFAULT_PLAN_RULE: PlanRule = { missesToBreak: 2, onMiss: 'remind' };

export type TrackingOutcome =
  | { kind: 'instalment_paid'; instalment: TrackedInstalment; remainingMinor: number }
  | { kind: 'completed'; totalPaidMinor: number }
  | { kind: 'instalment_missed'; instalment: TrackedInstalment; missesSoFar: number; action: MissAction }
  | { kind: 'broken'; missesSoFar: number; outstandingMinor: number; reason: string };

export interface TrackingResult {
  plan: TrackedPlan;
  outcomes: TrackingOutcome[];
  /** Set when the fact did not concern this plan, with why. */
  ignored?: string;
}

export function trackPlan(currency: string, instalments: readonly { dueDate: string; amountMinor: number }[]): TrackedPlan {
  if (instalments.length === 0) throw new RangeError('a plan has at least one instalment');
  return {
    currency,
    instalments: instalments.map((i, n) => ({ number: n + 1, dueDate: i.dueDate, amountMinor: i.amountMinor, paidMinor: 0, state: 'due' })),
    misses: 0,
    status: 'active',
  };
}

export function outstandingMinor(plan: TrackedPlan): number {
  return plan.instalments.reduce((s, i) => s + (i.amountMinor - i.paidMinor), 0);
}

function paidMinor(plan: TrackedPlan): number {
  return plan.instalments.reduce((s, i) => s + i.paidMinor, 0);
}

export function validateRule(rule: PlanRule): void {
  if (!Number.isInteger(rule.missesToBreak) || rule.missesToBreak < 1 || rule.missesToBreak > 12) throw new RangeError('missesToBreak must be an integer from 1 to 12');
  if (!MISS_ACTIONS.includes(rule.onMiss)) throw new RangeError(`onMiss must be one of ${MISS_ACTIONS.join(', ')}`);
  if (rule.moveByDays !== undefined && (!Number.isInteger(rule.moveByDays) || rule.moveByDays < 1 || rule.moveByDays > 366)) throw new RangeError('moveByDays must be an integer from 1 to 366');
}

/** Money received on the account: pays open instalments (missed ones first, then by due date). */
export function paymentReceived(plan: TrackedPlan, amountMinor: number, currency: string): TrackingResult {
  if (plan.status !== 'active') return { plan, outcomes: [], ignored: `plan is ${plan.status}` };
  if (currency !== plan.currency) return { plan, outcomes: [], ignored: `payment in ${currency}, plan in ${plan.currency}` };
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) return { plan, outcomes: [], ignored: 'nothing paid' };
  const next: TrackedPlan = { ...plan, instalments: plan.instalments.map((i) => ({ ...i })) };
  const order = [...next.instalments].filter((i) => i.state !== 'paid').sort((a, b) => (a.state === b.state ? cmp(a.dueDate, b.dueDate) : a.state === 'missed' ? -1 : 1));
  let left = amountMinor;
  const outcomes: TrackingOutcome[] = [];
  for (const inst of order) {
    if (left === 0) break;
    const take = Math.min(left, inst.amountMinor - inst.paidMinor);
    inst.paidMinor += take;
    left -= take;
    if (inst.paidMinor === inst.amountMinor) {
      inst.state = 'paid';
      outcomes.push({ kind: 'instalment_paid', instalment: { ...inst }, remainingMinor: 0 });
    }
  }
  const remaining = outstandingMinor(next);
  for (const o of outcomes) if (o.kind === 'instalment_paid') o.remainingMinor = remaining;
  if (remaining === 0) {
    next.status = 'completed';
    outcomes.push({ kind: 'completed', totalPaidMinor: paidMinor(next) });
  }
  return { plan: next, outcomes };
}

/**
 * The lender reports an instalment due on `dueDate` unpaid. It is this plan's if an open
 * instalment falls due on that date (or, failing that, the earliest open one due before it).
 */
export function instalmentMissed(plan: TrackedPlan, dueDate: string, rule: PlanRule): TrackingResult {
  validateRule(rule);
  if (plan.status !== 'active') return { plan, outcomes: [], ignored: `plan is ${plan.status}` };
  const open = plan.instalments.filter((i) => i.state === 'due');
  const match = open.find((i) => i.dueDate === dueDate) ?? open.filter((i) => cmp(i.dueDate, dueDate) <= 0).sort((a, b) => cmp(a.dueDate, b.dueDate))[0];
  if (!match) return { plan, outcomes: [], ignored: `no open plan instalment due on or before ${dueDate}` };
  const next: TrackedPlan = { ...plan, instalments: plan.instalments.map((i) => ({ ...i })), misses: plan.misses + 1 };
  const inst = next.instalments.find((i) => i.number === match.number)!;
  if (next.misses >= rule.missesToBreak) {
    inst.state = 'missed';
    next.status = 'broken';
    const outstanding = outstandingMinor(next);
    return {
      plan: next,
      outcomes: [{ kind: 'broken', missesSoFar: next.misses, outstandingMinor: outstanding, reason: `${next.misses} instalment(s) missed: the tenant rule cancels the plan at ${rule.missesToBreak}` }],
    };
  }
  if (rule.onMiss === 'move_to_end') {
    const last = next.instalments.reduce((m, i) => (cmp(i.dueDate, m) > 0 ? i.dueDate : m), next.instalments[0].dueDate);
    inst.dueDate = addDays(last, rule.moveByDays ?? 30);
    inst.state = 'due';
    next.instalments.sort((a, b) => cmp(a.dueDate, b.dueDate));
  } else {
    inst.state = 'missed';
  }
  return { plan: next, outcomes: [{ kind: 'instalment_missed', instalment: { ...inst, dueDate: match.dueDate }, missesSoFar: next.misses, action: rule.onMiss }] };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
