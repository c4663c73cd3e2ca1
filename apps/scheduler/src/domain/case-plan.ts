import { CaseChange, RecoveryCase, RecoveryCaseState } from './recovery-case';
import { Workflow } from './workflow';

/*
 * How an agreed instalment plan moves a recovery case (pure, like RecoveryCase): agreed → the
 * case is plan_agreed and automated contact stops; broken → the case re-enters the workflow,
 * reminding. Paid or missed single plan instalments are the negotiation service's to track.
 */

type Cause = { eventId: string; at: Date };

const unchanged = (state: RecoveryCaseState, ignored: string): CaseChange => ({ state, transitions: [], effects: [], ignored });

/**
 * What the case asks for becomes the plan's total (in the case's currency), so a payment of one plan
 * instalment does not resolve the case; paying the whole plan does.
 */
export function planAgreed(state: RecoveryCaseState, planId: string, cause: Cause, total?: { amountMinor: number; currency: string }): CaseChange {
  if (!RecoveryCase.isOpen(state)) return unchanged(state, `plan agreed on a ${state.status} case`);
  if (state.status === 'plan_agreed') return unchanged(state, 'the case already has an agreed plan');
  if (state.status === 'disputed') return unchanged(state, 'the case is disputed: the dispute decides first');
  return {
    state: {
      ...state,
      status: 'plan_agreed',
      holdReason: `plan ${planId}`,
      holdUntil: undefined,
      ...(total && total.currency === state.currency ? { amountDueMinor: total.amountMinor } : {}),
    },
    transitions: [{ from: state.status, to: 'plan_agreed', causeEventId: cause.eventId, reason: `instalment plan ${planId} agreed`, at: cause.at }],
    effects: [{ kind: 'cancel_pending_steps' }],
  };
}

/** The plan was cancelled by missed instalments: reminders resume where the workflow stood (from the start if it had run out). */
export function planBroken(state: RecoveryCaseState, workflow: Workflow, reason: string, cause: Cause): CaseChange {
  if (state.status !== 'plan_agreed') return unchanged(state, `plan broken on a ${state.status} case`);
  if (workflow.steps.length === 0) return unchanged(state, 'the workflow has no steps');
  const step = state.nextStep < workflow.steps.length ? state.nextStep : 0;
  return {
    state: { ...state, status: 'reminding', nextStep: step, holdReason: undefined, holdUntil: undefined },
    transitions: [{ from: 'plan_agreed', to: 'reminding', causeEventId: cause.eventId, reason: `plan broken: ${reason}`, at: cause.at }],
    effects: [{ kind: 'schedule_step', step, dueAt: cause.at }],
  };
}
