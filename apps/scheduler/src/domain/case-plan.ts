import { CaseChange, PlanReminder, RecoveryCase, RecoveryCaseState } from './recovery-case';
import { Workflow } from './workflow';

/*
 * How an agreed instalment plan moves a recovery case (pure, like RecoveryCase): agreed → the
 * case is plan_agreed and automated contact stops; broken → the case re-enters the workflow,
 * reminding. Paid or missed single plan instalments are the negotiation service's to track; a miss
 * that leaves the plan standing gets one friendly reminder for that instalment, and the case stays
 * plan_agreed (a miss that breaks the plan is reported as plan.broken alone: the workflow takes over).
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

/** A plan instalment the negotiation service reports missed (plan.instalment_missed). */
export interface PlanMiss {
  planId: string;
  instalmentNumber: number;
  amountDue: { amountMinor: number; currency: string };
  dueDate: string;
  missesSoFar: number;
  action: 'remind' | 'move_to_end';
}

/** The sms service's default template for each miss action (apps/sms, sms-templates.ts). */
export const PLAN_REMINDER_TEMPLATES: Record<PlanMiss['action'], string> = {
  remind: 'plan_instalment_missed',
  move_to_end: 'plan_instalment_moved_to_end',
};

/** The case waits on this plan: plan_agreed by it (planAgreed keeps the plan's id as the hold reason). */
function waitsOn(state: RecoveryCaseState, planId: string): string | undefined {
  if (state.status !== 'plan_agreed') return `the case is ${state.status}, not waiting on a plan`;
  if (state.holdReason !== `plan ${planId}`) return `the case waits on ${state.holdReason ?? 'no plan'}, not plan ${planId}`;
  return undefined;
}

/**
 * A plan instalment was missed and the plan stands: one reminder for that instalment (its amount, its
 * due date, a link to pay it), planned now through the ordinary contact path (gate, ledger, outbox).
 * The case's status and workflow position do not change.
 */
export function planInstalmentMissed(state: RecoveryCaseState, miss: PlanMiss, cause: Cause): CaseChange {
  if (!RecoveryCase.isOpen(state)) return unchanged(state, `plan instalment missed on a ${state.status} case`);
  const notWaiting = waitsOn(state, miss.planId);
  if (notWaiting) return unchanged(state, `plan instalment missed, no reminder: ${notWaiting}`);
  if (miss.amountDue.currency !== state.currency) return unchanged(state, `missed instalment in ${miss.amountDue.currency}, case in ${state.currency}`);
  if (!Number.isSafeInteger(miss.amountDue.amountMinor) || miss.amountDue.amountMinor <= 0) return unchanged(state, 'the missed instalment has nothing left to pay');
  const reminder: PlanReminder = {
    planId: miss.planId,
    instalmentNumber: miss.instalmentNumber,
    amountDue: { amountMinor: miss.amountDue.amountMinor, currency: miss.amountDue.currency },
    dueDate: miss.dueDate,
    action: miss.action,
    template: PLAN_REMINDER_TEMPLATES[miss.action],
    tone: 'friendly',
  };
  return { state, transitions: [], effects: [{ kind: 'schedule_plan_reminder', reminder, dueAt: cause.at }] };
}

/** Whether a planned plan reminder may still go out when it falls due: undefined, or why not (the plan broke, the case was paid…). */
export function planReminderStale(state: RecoveryCaseState, reminder: PlanReminder): string | undefined {
  if (!RecoveryCase.isOpen(state)) return `case is ${state.status}`;
  return waitsOn(state, reminder.planId);
}

/** A channel's last-moment gate deferred a plan reminder: the same reminder is planned again at `until`, if it still applies. */
export function planReminderDeferred(state: RecoveryCaseState, reminder: PlanReminder, until: Date): CaseChange {
  const stale = planReminderStale(state, reminder);
  if (stale) return unchanged(state, `deferred plan reminder dropped: ${stale}`);
  return { state, transitions: [], effects: [{ kind: 'schedule_plan_reminder', reminder, dueAt: until }] };
}
