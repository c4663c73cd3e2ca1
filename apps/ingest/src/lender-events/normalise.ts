import { EVENTS, EventEnvelope, LenderEvent, accountIdFor, newEvent } from '@settle/contracts';

/**
 * The one normalisation path for lender events (webhook and Kafka alike): a lender event becomes
 * Settle's domain events. Pure: ids and time come from the caller.
 */
export function normaliseLenderEvent(tenantId: string, event: LenderEvent, receivedAt: Date): EventEnvelope[] {
  const accountId = accountIdFor(tenantId, event.account.externalRef);
  // The fact's own time, normalised to a UTC instant; the receipt time if the lender's is in the future.
  const stated = new Date(event.occurredAt);
  const occurredAt = stated.getTime() > receivedAt.getTime() ? receivedAt : stated;
  const origin = { tenantId, accountId, producer: 'ingest' as const, occurredAt };
  const fact = { externalAccountRef: event.account.externalRef, lenderEventId: event.eventId };
  switch (event.type) {
    case 'instalment.missed':
      return [
        newEvent(EVENTS.instalmentMissed, origin, {
          ...fact,
          contact: event.account.contact,
          instalment: event.instalment,
        }),
      ];
    case 'payment.received':
      return [
        newEvent(EVENTS.paymentReceived, origin, {
          ...fact,
          amount: event.payment.amount,
          paidAt: new Date(event.payment.paidAt).toISOString(),
          ...(event.payment.orderRef ? { orderRef: event.payment.orderRef } : {}),
          settlesBalance: event.payment.settlesBalance,
        }),
      ];
    case 'charge.disputed':
      return [newEvent(EVENTS.disputeOpened, origin, { ...fact, ...event.dispute })];
    case 'dispute.resolved':
      return [newEvent(EVENTS.disputeResolved, origin, { ...fact, disputeId: event.dispute.disputeId, outcome: event.dispute.outcome })];
    case 'account.updated':
      return [newEvent(EVENTS.accountUpdated, origin, { ...fact, ...event.changes })];
    case 'hardship.flagged':
      return [newEvent(EVENTS.hardshipFlagged, origin, { ...fact, ...event.hardship })];
    case 'account.closed':
      return [newEvent(EVENTS.accountClosed, origin, { ...fact, kind: event.closure.kind })];
  }
}
