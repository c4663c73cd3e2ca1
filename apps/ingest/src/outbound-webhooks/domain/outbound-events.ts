import {
  CaseClosedV1, CaseEscalatedV1, CaseStatusChangedV1, EVENTS, EventDefinition, EventEnvelope, Money, PaymentLinkCheckoutStartedV1, PaymentLinkOpenedV1,
  PlanAgreedV1, PlanBrokenV1, PlanCompletedV1,
} from '@settle/contracts';
import { v5 as uuidv5 } from 'uuid';

/**
 * Which of Settle's internal events become a webhook to the tenant, under which public type, and
 * with which fields. One row per mapping: adding an outcome (say a promise event on a new topic)
 * is one more row — plus, for a topic not consumed yet, an `@EventPattern`
 * method in OutboundEventsConsumer (a unit test fails until it is there).
 *
 * Payloads carry only what the tenant already owns: Settle's ids for its account, case and plan, the
 * tenant's own references, amounts, dates, statuses and counts. Never contact details, names,
 * free-text reasons or payment link codes.
 */
export interface OutboundMapping<T extends object = object> {
  /** The internal event it is made from. */
  source: EventDefinition<T>;
  /** The public event type the tenant sees (and filters on). */
  type: string;
  /** Only events this accepts become webhooks (e.g. a status change to one status). */
  when?: (data: T) => boolean;
  /** The `data` of the webhook: ids, amounts, statuses. `caseId` and `accountId` are added for all. */
  data: (data: T) => Record<string, OutboundValue>;
}

type OutboundValue = string | number | boolean | Money | null | { number: number; dueDate: string; amount: Money }[];

function mapping<T extends object>(m: OutboundMapping<T>): OutboundMapping {
  return m as unknown as OutboundMapping;
}

const statusChange = (to: CaseStatusChangedV1['to']) => (d: CaseStatusChangedV1) => d.to === to;
/** The plan's ids, and the tenant's own references: the account's and the plan's on its platform. */
const planIds = (d: { planId: string; externalAccountRef: string; lenderPlanRef?: string }) => ({
  planId: d.planId, externalAccountRef: d.externalAccountRef, ...(d.lenderPlanRef ? { lenderPlanRef: d.lenderPlanRef } : {}),
});
const transition = (d: CaseStatusChangedV1) => ({ status: d.to, previousStatus: d.from ?? null });

export const OUTBOUND_MAPPINGS: readonly OutboundMapping[] = [
  mapping<PaymentLinkOpenedV1>({ source: EVENTS.paymentLinkOpened, type: 'payment_link.clicked', data: (d) => ({ channel: d.channel, stepId: d.stepId ?? null }) }),
  mapping<PaymentLinkCheckoutStartedV1>({ source: EVENTS.paymentLinkCheckoutStarted, type: 'payment_link.checkout_started', data: (d) => ({ channel: d.channel, stepId: d.stepId ?? null, amount: d.amount }) }),
  mapping<CaseStatusChangedV1>({ source: EVENTS.caseStatusChanged, type: 'case.promise_to_pay', when: statusChange('promised'), data: transition }),
  mapping<CaseStatusChangedV1>({ source: EVENTS.caseStatusChanged, type: 'case.resolved', when: statusChange('resolved'), data: transition }),
  mapping<CaseEscalatedV1>({ source: EVENTS.caseEscalated, type: 'case.escalated', data: (d) => ({ amountDue: d.amountDue, contactsSent: d.contactsSent }) }),
  mapping<CaseClosedV1>({ source: EVENTS.caseClosed, type: 'case.closed', data: (d) => ({ outcome: d.outcome, amountRecovered: d.amountRecovered, contactsSent: d.contactsSent }) }),
  mapping<PlanAgreedV1>({ source: EVENTS.planAgreed, type: 'plan.agreed', data: (d) => ({ ...planIds(d), kind: d.kind, source: d.source, total: d.total, fee: d.fee, instalments: d.instalments.map((i) => ({ number: i.number, dueDate: i.dueDate, amount: i.amount })), agreedAt: d.agreedAt }) }),
  mapping<PlanCompletedV1>({ source: EVENTS.planCompleted, type: 'plan.completed', data: (d) => ({ ...planIds(d), totalPaid: d.totalPaid }) }),
  mapping<PlanBrokenV1>({ source: EVENTS.planBroken, type: 'plan.broken', data: (d) => ({ ...planIds(d), missesSoFar: d.missesSoFar, outstanding: d.outstanding }) }),
];

/** Every public event type, for the endpoint's filter and the docs. */
export const OUTBOUND_EVENT_TYPES: readonly string[] = [...new Set(OUTBOUND_MAPPINGS.map((m) => m.type))];

/** The topics whose events can become webhooks: the consumer must handle each. */
export const OUTBOUND_SOURCE_TOPICS: readonly string[] = [...new Set(OUTBOUND_MAPPINGS.map((m) => m.source.topic))];

export const OUTBOUND_API_VERSION = 1;

/** The body a tenant receives, byte for byte what is signed. */
export interface OutboundEvent {
  /** Stable: the same internal event always gives the same id, across retries and replays. */
  id: string;
  type: string;
  apiVersion: number;
  /** When the fact happened (the internal event's occurredAt), UTC. */
  occurredAt: string;
  tenantId: string;
  data: { accountId: string; caseId: string | null } & Record<string, unknown>;
}

const OUTBOUND_EVENT_NAMESPACE = '8d5e0f3a-2b7c-4e61-9f14-3c0a6b2d9e57';

/** The webhook's id: a UUID v5 of the internal event id and the public type, so it never changes. */
export function outboundEventId(sourceEventId: string, type: string): string {
  return uuidv5(`${sourceEventId}:${type}`, OUTBOUND_EVENT_NAMESPACE);
}

/** The webhooks one internal event gives (none for most events). */
export function outboundEventsFor(event: EventEnvelope, mappings: readonly OutboundMapping[] = OUTBOUND_MAPPINGS): OutboundEvent[] {
  return mappings
    .filter((m) => m.source.type === event.type && m.source.version === event.version && (!m.when || m.when(event.data)))
    .map((m) => ({
      id: outboundEventId(event.id, m.type),
      type: m.type,
      apiVersion: OUTBOUND_API_VERSION,
      occurredAt: event.occurredAt,
      tenantId: event.tenantId,
      data: { accountId: event.accountId, caseId: event.caseId ?? ((event.data as { caseId?: string }).caseId ?? null), ...m.data(event.data) },
    }));
}

/** Whether an endpoint's filter lets a type through: an empty filter means every type. */
export function endpointWants(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.length === 0 || eventTypes.includes(type);
}
