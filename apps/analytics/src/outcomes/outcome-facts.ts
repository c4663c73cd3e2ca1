import { EVENTS, EventEnvelope, isEvent } from '@settle/contracts';

/*
 * How voice and plan events fold into one row per call (call_fact) and one per plan (plan_fact).
 * Pure: the service turns a FactUpsert into one INSERT … ON CONFLICT. The consumer's inbox makes
 * each event count once, so increments are safe; `set` columns are the latest word.
 */

export type FactValue = string | number | null;

export interface FactUpsert {
  table: 'call_fact' | 'plan_fact';
  /** The row's id column and value. */
  key: ['call_id' | 'plan_id', string];
  tenantId: string;
  /** Columns the event states outright. */
  set: Record<string, FactValue>;
  /** Counters the event adds to. */
  add: Record<string, number>;
}

function call(event: EventEnvelope<{ callId: string; stepId: string; caseId: string }>, set: Record<string, FactValue> = {}, add: Record<string, number> = {}): FactUpsert {
  const { callId, stepId, caseId } = event.data;
  return { table: 'call_fact', key: ['call_id', callId], tenantId: event.tenantId, set: { step_id: stepId, case_id: caseId, ...set }, add };
}

function plan(event: EventEnvelope<{ planId: string; caseId?: string }>, set: Record<string, FactValue> = {}, add: Record<string, number> = {}): FactUpsert {
  const { planId, caseId } = event.data;
  return { table: 'plan_fact', key: ['plan_id', planId], tenantId: event.tenantId, set: { ...(caseId ? { case_id: caseId } : {}), ...set }, add };
}

/** The row change an event makes, or null for events that only count (event_count) or concern other figures. */
export function outcomeFactOf(event: EventEnvelope): FactUpsert | null {
  if (isEvent(event, EVENTS.callDialled)) return call(event, { dialled_at: event.occurredAt, provider: event.data.provider });
  if (isEvent(event, EVENTS.callAnswered)) return call(event, { answered_by: event.data.answeredBy });
  if (isEvent(event, EVENTS.callLinkSent)) return call(event, {}, { links_sent: 1 });
  if (isEvent(event, EVENTS.callPaymentSeen)) return call(event, {}, { payments_seen: 1 });
  if (isEvent(event, EVENTS.callEscalated)) return call(event, {}, { escalations: 1 });
  if (isEvent(event, EVENTS.callEnded)) {
    const d = event.data;
    return call(event, {
      ended_at: event.occurredAt, outcome: d.outcome, duration_seconds: d.durationSeconds, turns: d.turns, end_reason: d.endReason,
      telephony_micro_usd: d.cost.telephonyMicroUsd, llm_micro_usd: d.cost.llmMicroUsd, total_micro_usd: d.cost.totalMicroUsd,
      // `none` (never answered) does not overwrite what call.answered said.
      ...(d.answeredBy === 'none' ? {} : { answered_by: d.answeredBy }),
    });
  }
  if (isEvent(event, EVENTS.planAgreed)) {
    const d = event.data;
    return plan(event, {
      source: d.source, kind: d.kind, currency: d.total.currency, total_minor: d.total.amountMinor, fee_minor: d.fee.amountMinor,
      instalments: d.instalments.length, agreed_at: d.agreedAt, status: 'active',
    });
  }
  // A plan is in one currency, the one it was agreed in: payments add to paid_minor in it.
  if (isEvent(event, EVENTS.planInstalmentPaid)) return plan(event, {}, { instalments_paid: 1, paid_minor: event.data.amount.amountMinor });
  if (isEvent(event, EVENTS.planInstalmentMissed)) return plan(event, {}, { instalments_missed: 1 });
  if (isEvent(event, EVENTS.planCompleted)) return plan(event, { status: 'completed', ended_at: event.occurredAt });
  if (isEvent(event, EVENTS.planBroken)) {
    return plan(event, { status: 'broken', ended_at: event.occurredAt, outstanding_minor: event.data.outstanding.amountMinor });
  }
  return null;
}
