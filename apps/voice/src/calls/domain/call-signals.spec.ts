import { EVENTS, newEvent } from '@settle/contracts';
import { randomUUID } from 'node:crypto';
import { callSignalOf } from './call-signals';

const origin = { tenantId: randomUUID(), accountId: randomUUID(), producer: 'ingest' as const, occurredAt: new Date('2026-03-02T10:00:00Z') };

describe('callSignalOf', () => {
  it('a link opened is a click on that code, at when it was opened', () => {
    const event = newEvent(EVENTS.paymentLinkOpened, origin, { caseId: randomUUID(), code: 'AbCdEf123456', channel: 'sms' });
    expect(callSignalOf(event)).toEqual({ kind: 'link_clicked', code: 'AbCdEf123456', at: '2026-03-02T10:00:00.000Z' });
  });

  it('a payment is its amount and when it was paid, not when the event was written', () => {
    const event = newEvent(EVENTS.paymentReceived, origin, {
      externalAccountRef: 'acc-1', lenderEventId: 'evt-1', amount: { amountMinor: 4250, currency: 'EUR' }, paidAt: '2026-03-02T09:59:00Z', settlesBalance: true,
    });
    expect(callSignalOf(event)).toEqual({ kind: 'payment_received', amountMinor: 4250, currency: 'EUR', at: '2026-03-02T09:59:00Z' });
  });

  it('anything else on those topics says nothing to a call', () => {
    const checkout = newEvent(EVENTS.paymentLinkCheckoutStarted, origin, { caseId: randomUUID(), code: 'AbCdEf123456', channel: 'sms' } as never);
    expect(callSignalOf(checkout)).toBeUndefined();
  });
});
