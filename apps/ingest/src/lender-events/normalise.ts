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
  switch (event.type) {
    case 'instalment.missed':
      return [
        newEvent(EVENTS.instalmentMissed, origin, {
          externalAccountRef: event.account.externalRef,
          lenderEventId: event.eventId,
          contact: event.account.contact,
          instalment: event.instalment,
        }),
      ];
    case 'payment.received':
      return [
        newEvent(EVENTS.paymentReceived, origin, {
          externalAccountRef: event.account.externalRef,
          lenderEventId: event.eventId,
          amount: event.payment.amount,
          paidAt: new Date(event.payment.paidAt).toISOString(),
          ...(event.payment.orderRef ? { orderRef: event.payment.orderRef } : {}),
          settlesBalance: event.payment.settlesBalance,
        }),
      ];
  }
}
