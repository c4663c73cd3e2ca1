import { EVENTS, EventEnvelope, isEvent } from '@settle/contracts';
import type { SessionEvent } from '../../conversation/ports';

/** What a live call hears of an account event: the texted link opened, or money arrived. */
export function callSignalOf(event: EventEnvelope): SessionEvent | undefined {
  if (isEvent(event, EVENTS.paymentLinkOpened)) return { kind: 'link_clicked', code: event.data.code, at: event.occurredAt };
  if (isEvent(event, EVENTS.paymentReceived)) {
    const { amount, paidAt } = event.data;
    return { kind: 'payment_received', amountMinor: amount.amountMinor, currency: amount.currency, at: paidAt };
  }
  return undefined;
}
