import type { CaseOutcome, Money } from '@settle/contracts';
import { Workflow } from './workflow';

export type CaseStatus = 'opened' | 'reminding' | 'resolved' | 'closed' | 'written_off';

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
}

/** What the adapter must do after a change: timers to schedule or cancel, events to publish. */
export type CaseEffect =
  | { kind: 'schedule_step'; step: number; dueAt: Date }
  | { kind: 'cancel_pending_steps' }
  | { kind: 'case_closed'; outcome: CaseOutcome; reason: string };

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
}

function unchanged(state: RecoveryCaseState, why: string): CaseChange {
  return { state, transitions: [], effects: [], ignored: why };
}
