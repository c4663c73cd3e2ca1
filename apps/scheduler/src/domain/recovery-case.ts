import type { CaseOutcome, ContactChannel, HoldKind, Money } from '@settle/contracts';
import { Workflow } from './workflow';

export type CaseStatus =
  | 'opened'
  | 'reminding'
  | 'disputed'
  | 'paused'
  | 'escalated'
  | 'promised'
  | 'plan_agreed'
  | 'resolved'
  | 'closed'
  | 'written_off';

/** Statuses in which the workflow contacts the debtor automatically. */
export const CONTACTING_STATUSES: readonly CaseStatus[] = ['opened', 'reminding'];

export const TERMINAL_STATUSES: readonly CaseStatus[] = ['resolved', 'closed', 'written_off'];

export interface Transition {
  from: CaseStatus | null;
  to: CaseStatus;
  /** The event that caused it. */
  causeEventId: string;
  reason: string;
  at: Date;
}

export interface OverdueInstalment {
  orderRef: string;
  merchantName: string;
  instalmentNumber: number;
  amountDue: Money;
  dueDate: string;
}

export interface RecoveryCaseState {
  id: string;
  tenantId: string;
  accountId: string;
  status: CaseStatus;
  workflowId: string;
  /** Index of the next workflow step to fire. */
  nextStep: number;
  currency: string;
  amountDueMinor: number;
  recoveredMinor: number;
  instalments: OverdueInstalment[];
  contactsSent: number;
  openedAt: Date;
  closedAt?: Date;
  outcome?: CaseOutcome;
  /** Disputes the lender has not resolved yet; contact waits for all of them. */
  openDisputes?: string[];
  /** Channels the debtor opted out of: effective at once, until they opt back in. */
  optedOut?: ContactChannel[];
  /** Why automated contact stopped (hardship, breathing space…), for the human who takes over. */
  holdReason?: string;
  /** Until when a time-limited hold (UK Breathing Space, a promise to pay) lasts. */
  holdUntil?: Date;
}

/** What the adapter must do after a change: timers to schedule or cancel, events to publish. */
export type CaseEffect =
  | { kind: 'schedule_step'; step: number; dueAt: Date }
  | { kind: 'cancel_pending_steps' }
  | { kind: 'case_closed'; outcome: CaseOutcome; reason: string }
  | { kind: 'escalate'; reason: string; suggestedNextStep: string }
  /** Wake the case at `at` (end of a breathing space, a promise's due date). */
  | { kind: 'schedule_wake'; at: Date }
  /** One contact outside the workflow: a missed plan instalment's reminder (see case-plan.ts). */
  | { kind: 'schedule_plan_reminder'; reminder: PlanReminder; dueAt: Date };

/** What a missed-plan-instalment reminder says: that instalment's amount and date, never the whole balance. */
export interface PlanReminder {
  planId: string;
  instalmentNumber: number;
  amountDue: Money;
  dueDate: string;
  action: 'remind' | 'move_to_end';
  /** The sms service's template for it (a tenant's own of that name, else the system default). */
  template: string;
  tone: 'friendly';
}

export interface CaseChange {
  state: RecoveryCaseState;
  transitions: Transition[];
  effects: CaseEffect[];
  /** Set when the event changed nothing, with why. */
  ignored?: string;
}

/**
 * The recovery case as a pure state machine: no I/O, no clock — every input arrives as an
 * argument, every consequence leaves as an effect.
 */
export class RecoveryCase {
  static open(
    init: { id: string; tenantId: string; accountId: string; workflow: Workflow; instalment: OverdueInstalment },
    cause: { eventId: string; at: Date },
  ): CaseChange {
    const state: RecoveryCaseState = {
      id: init.id,
      tenantId: init.tenantId,
      accountId: init.accountId,
      status: 'opened',
      workflowId: init.workflow.id,
      nextStep: 0,
      currency: init.instalment.amountDue.currency,
      amountDueMinor: init.instalment.amountDue.amountMinor,
      recoveredMinor: 0,
      instalments: [init.instalment],
      contactsSent: 0,
      openedAt: cause.at,
    };
    const first = init.workflow.steps[0];
    return {
      state,
      transitions: [{ from: null, to: 'opened', causeEventId: cause.eventId, reason: 'instalment missed', at: cause.at }],
      effects: first ? [{ kind: 'schedule_step', step: 0, dueAt: new Date(cause.at.getTime() + first.waitMs) }] : [],
    };
  }

  static isOpen(state: RecoveryCaseState): boolean {
    return !TERMINAL_STATUSES.includes(state.status);
  }

  /** Another instalment fell overdue on an open case: it joins the amount due (delinquency per instalment). */
  static instalmentMissed(state: RecoveryCaseState, instalment: OverdueInstalment): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `case is ${state.status}`);
    if (instalment.amountDue.currency !== state.currency) return unchanged(state, `currency ${instalment.amountDue.currency} differs from the case's ${state.currency}`);
    const known = state.instalments.some((i) => i.orderRef === instalment.orderRef && i.instalmentNumber === instalment.instalmentNumber);
    if (known) return unchanged(state, 'instalment already on the case');
    const next = { ...state, instalments: [...state.instalments, instalment], amountDueMinor: state.amountDueMinor + instalment.amountDue.amountMinor };
    return { state: next, transitions: [], effects: [] };
  }

  static paymentReceived(state: RecoveryCaseState, payment: { amount: Money; settlesBalance: boolean }, cause: { eventId: string; at: Date }): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `payment for a ${state.status} case`);
    if (payment.amount.currency !== state.currency) return unchanged(state, `payment in ${payment.amount.currency}, case in ${state.currency}`);
    const recoveredMinor = state.recoveredMinor + payment.amount.amountMinor;
    const amountDueMinor = Math.max(0, state.amountDueMinor - payment.amount.amountMinor);
    if (payment.settlesBalance || amountDueMinor === 0) {
      const reason = payment.settlesBalance ? 'the lender reports the balance settled' : 'payments cover the amount due';
      return {
        state: { ...state, recoveredMinor, amountDueMinor: 0, status: 'resolved', outcome: 'resolved', closedAt: cause.at },
        transitions: [{ from: state.status, to: 'resolved', causeEventId: cause.eventId, reason, at: cause.at }],
        effects: [{ kind: 'cancel_pending_steps' }, { kind: 'case_closed', outcome: 'resolved', reason }],
      };
    }
    // A partial payment lowers what is asked for; the workflow carries on for the remainder.
    return { state: { ...state, recoveredMinor, amountDueMinor }, transitions: [], effects: [] };
  }

  /** A workflow step was handed to its channel: the case is reminding and the next step is planned. */
  static stepDispatched(state: RecoveryCaseState, workflow: Workflow, step: number, cause: { eventId: string; at: Date }): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `case is ${state.status}`);
    if (step !== state.nextStep) return unchanged(state, `step ${step} is not the next step (${state.nextStep})`);
    const transitions: Transition[] =
      state.status === 'opened' ? [{ from: 'opened', to: 'reminding', causeEventId: cause.eventId, reason: `step ${step} dispatched`, at: cause.at }] : [];
    const following = workflow.steps[step + 1];
    return {
      state: { ...state, status: 'reminding', nextStep: step + 1 },
      transitions,
      effects: following ? [{ kind: 'schedule_step', step: step + 1, dueAt: new Date(cause.at.getTime() + following.waitMs) }] : [],
    };
  }

  static contactSent(state: RecoveryCaseState): CaseChange {
    return { state: { ...state, contactsSent: state.contactsSent + 1 }, transitions: [], effects: [] };
  }

  /** The gate refused a step for good (an opted-out channel…): skip to the following step. */
  static stepSkipped(state: RecoveryCaseState, workflow: Workflow, step: number, cause: Cause): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `case is ${state.status}`);
    if (step !== state.nextStep) return unchanged(state, `step ${step} is not the next step (${state.nextStep})`);
    const following = workflow.steps[step + 1];
    return {
      state: { ...state, nextStep: step + 1 },
      transitions: [],
      effects: following ? [{ kind: 'schedule_step', step: step + 1, dueAt: new Date(cause.at.getTime() + following.waitMs) }] : [],
    };
  }

  /** A dispute pauses all contact until every open dispute is resolved. */
  static disputeOpened(state: RecoveryCaseState, disputeId: string, cause: Cause): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `dispute for a ${state.status} case`);
    const openDisputes = [...new Set([...(state.openDisputes ?? []), disputeId])];
    if (state.status === 'disputed') return { state: { ...state, openDisputes }, transitions: [], effects: [] };
    return move(state, 'disputed', cause, 'the debtor disputes a charge', { openDisputes }, [{ kind: 'cancel_pending_steps' }]);
  }

  /**
   * Upheld: the debtor was right and the case closes. Rejected: once no dispute is left open the
   * workflow resumes at the step it had reached, now.
   */
  static disputeResolved(state: RecoveryCaseState, disputeId: string, outcome: 'upheld' | 'rejected', workflow: Workflow, cause: Cause): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `dispute resolution for a ${state.status} case`);
    if (!(state.openDisputes ?? []).includes(disputeId)) return unchanged(state, `dispute ${disputeId} is not open on this case`);
    const openDisputes = (state.openDisputes ?? []).filter((d) => d !== disputeId);
    if (outcome === 'upheld') {
      const reason = `dispute ${disputeId} upheld: nothing is owed on it`;
      return close(state, 'closed', cause, reason, { openDisputes });
    }
    if (openDisputes.length > 0 || state.status !== 'disputed') return { state: { ...state, openDisputes }, transitions: [], effects: [] };
    return RecoveryCase.resumeContact({ ...state, openDisputes }, workflow, cause, `dispute ${disputeId} rejected: the debt stands`);
  }

  /**
   * Hardship, vulnerability or bereavement: automated contact stops and a human takes the case.
   * A UK Breathing Space stops all contact until it ends, then the workflow resumes.
   */
  static hardshipFlagged(state: RecoveryCaseState, kind: HoldKind, until: Date | undefined, cause: Cause): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `${kind} flagged on a ${state.status} case`);
    if (kind === 'breathing_space') {
      const end = until ?? new Date(cause.at.getTime() + 60 * DAY);
      return move(state, 'paused', cause, `breathing space until ${end.toISOString().slice(0, 10)}`, { holdReason: kind, holdUntil: end }, [
        { kind: 'cancel_pending_steps' },
        { kind: 'schedule_wake', at: end },
      ]);
    }
    const reason = `${kind} flagged: automated contact stops, a human takes over`;
    return move(state, 'escalated', cause, reason, { holdReason: kind }, [
      { kind: 'cancel_pending_steps' },
      { kind: 'escalate', reason, suggestedNextStep: SUGGESTIONS[kind] },
    ]);
  }

  /** A timer set by the case itself came due: the end of a breathing space or of a promise. */
  static woken(state: RecoveryCaseState, workflow: Workflow, cause: Cause): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `case is ${state.status}`);
    if (!state.holdUntil || cause.at.getTime() < state.holdUntil.getTime()) return unchanged(state, 'no hold has ended');
    if (state.status === 'paused') return RecoveryCase.resumeContact(state, workflow, cause, `${state.holdReason ?? 'hold'} ended`);
    if (state.status === 'promised') return RecoveryCase.resumeContact(state, workflow, cause, 'promise to pay broken: no payment by its date', 0);
    return unchanged(state, `nothing to wake in a ${state.status} case`);
  }

  /** The debtor promised to pay by a date: reminders wait; a broken promise re-enters at step 0. */
  static promised(state: RecoveryCaseState, by: Date, cause: Cause): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `promise on a ${state.status} case`);
    return move(state, 'promised', cause, `promise to pay by ${by.toISOString().slice(0, 10)}`, { holdReason: 'promise', holdUntil: by }, [
      { kind: 'cancel_pending_steps' },
      { kind: 'schedule_wake', at: by },
    ]);
  }

  static optedOut(state: RecoveryCaseState, optOut: ContactChannel[], optIn: ContactChannel[]): CaseChange {
    const current = new Set(state.optedOut ?? []);
    for (const c of optOut) current.add(c);
    for (const c of optIn) current.delete(c);
    return { state: { ...state, optedOut: [...current].sort() }, transitions: [], effects: [] };
  }

  static accountClosed(state: RecoveryCaseState, kind: 'closed' | 'written_off', cause: Cause): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `case is already ${state.status}`);
    return close(state, kind, cause, kind === 'written_off' ? 'the lender wrote the account off' : 'the lender closed the account');
  }

  /** Manual actions from the lender's agents. */
  static pause(state: RecoveryCaseState, reason: string, cause: Cause): CaseChange {
    if (!RecoveryCase.isOpen(state) || state.status === 'paused') return unchanged(state, `cannot pause a ${state.status} case`);
    return move(state, 'paused', cause, reason, { holdReason: 'manual', holdUntil: undefined }, [{ kind: 'cancel_pending_steps' }]);
  }

  static resume(state: RecoveryCaseState, workflow: Workflow, reason: string, cause: Cause): CaseChange {
    if (!['paused', 'escalated'].includes(state.status)) return unchanged(state, `cannot resume a ${state.status} case`);
    return RecoveryCase.resumeContact(state, workflow, cause, reason);
  }

  static escalate(state: RecoveryCaseState, reason: string, cause: Cause): CaseChange {
    if (!RecoveryCase.isOpen(state) || state.status === 'escalated') return unchanged(state, `cannot escalate a ${state.status} case`);
    return move(state, 'escalated', cause, reason, {}, [
      { kind: 'cancel_pending_steps' },
      { kind: 'escalate', reason, suggestedNextStep: 'call the debtor with the case file at hand' },
    ]);
  }

  static close(state: RecoveryCaseState, reason: string, cause: Cause): CaseChange {
    if (!RecoveryCase.isOpen(state)) return unchanged(state, `case is already ${state.status}`);
    return close(state, 'closed', cause, reason);
  }

  private static resumeContact(state: RecoveryCaseState, workflow: Workflow, cause: Cause, reason: string, atStep = state.nextStep): CaseChange {
    const step = Math.min(atStep, workflow.steps.length);
    const to: CaseStatus = state.contactsSent > 0 || state.nextStep > 0 || step > 0 ? 'reminding' : 'opened';
    const effects: CaseEffect[] = step < workflow.steps.length ? [{ kind: 'schedule_step', step, dueAt: cause.at }] : [];
    return move(state, to, cause, reason, { nextStep: step, holdReason: undefined, holdUntil: undefined }, effects);
  }
}

type Cause = { eventId: string; at: Date };

const DAY = 24 * 60 * 60 * 1000;

const SUGGESTIONS: Record<HoldKind, string> = {
  hardship: 'offer forbearance (reduced instalments, a payment holiday or more time) and signpost free debt advice',
  vulnerability: 'contact through a trained agent; adapt channel and pace to the debtor’s needs',
  bereavement: 'pause collection; speak with the estate or next of kin only through a trained agent',
  breathing_space: 'no contact until the breathing space ends',
};

function move(state: RecoveryCaseState, to: CaseStatus, cause: Cause, reason: string, patch: Partial<RecoveryCaseState>, effects: CaseEffect[]): CaseChange {
  return {
    state: { ...state, ...patch, status: to },
    transitions: [{ from: state.status, to, causeEventId: cause.eventId, reason, at: cause.at }],
    effects,
  };
}

function close(state: RecoveryCaseState, outcome: 'closed' | 'written_off', cause: Cause, reason: string, patch: Partial<RecoveryCaseState> = {}): CaseChange {
  return move(state, outcome, cause, reason, { ...patch, outcome, closedAt: cause.at }, [
    { kind: 'cancel_pending_steps' },
    { kind: 'case_closed', outcome, reason },
  ]);
}

/** Days the oldest overdue instalment is past its due date, at `now`. */
export function daysPastDue(state: RecoveryCaseState, now: Date): number {
  const oldest = state.instalments.reduce<string | undefined>((min, i) => (!min || i.dueDate < min ? i.dueDate : min), undefined);
  if (!oldest) return 0;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(`${oldest}T00:00:00Z`)) / DAY));
}

function unchanged(state: RecoveryCaseState, why: string): CaseChange {
  return { state, transitions: [], effects: [], ignored: why };
}
