import type { Clock } from '@settle/config';
import type { LenderEvent } from '@settle/contracts';
import { randomUUID } from 'node:crypto';
import { signPayload } from '../../apps/ingest/src/webhooks/webhook-signature';
import { sleep } from './processes';
import type { DemoAccount } from './portfolio';

export interface Tenant {
  tenantId: string;
  webhookSecret: string;
}

/** The lender's side of the integration: creates its tenant, then POSTs signed webhooks to ingest. */
export class LenderClient {
  constructor(
    private readonly ingestUrl: string,
    private readonly adminToken: string,
    private readonly clock: Clock,
  ) {}

  async createTenant(displayName: string): Promise<Tenant> {
    const res = await fetch(`${this.ingestUrl}/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName }),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as Tenant;
  }

  /**
   * Signs the body at the Settle clock's now, like a lender whose clock agrees with Settle's, and
   * POSTs it. Stale signatures (the request was slow to arrive, in compressed time) and transient
   * failures are retried with the same Idempotency-Key, so an event is never accepted twice.
   */
  async send(tenant: Tenant, event: LenderEvent): Promise<void> {
    const raw = JSON.stringify(event);
    const idempotencyKey = randomUUID();
    let last = '';
    for (let attempt = 1; attempt <= 5; attempt++) {
      const ts = Math.floor(this.clock.now().getTime() / 1000);
      try {
        const res = await fetch(`${this.ingestUrl}/v1/webhooks/lender-events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'settle-tenant-id': tenant.tenantId,
            'settle-signature': signPayload(tenant.webhookSecret, ts, raw),
            'idempotency-key': idempotencyKey,
          },
          body: raw,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        if (res.status === 202) return;
        last = `${res.status} ${text}`;
        const retryable = res.status >= 500 || (res.status === 401 && /stale-timestamp|future-timestamp/.test(text));
        if (!retryable) break;
      } catch (error) {
        last = String(error);
      }
      await sleep(200 * attempt);
    }
    throw new Error(`webhook ${event.type} ${event.eventId} was not accepted: ${last}`);
  }
}

export function instalmentMissed(account: DemoAccount, at: Date): LenderEvent {
  const daysPastDue = Math.max(0, Math.floor((Date.parse(at.toISOString().slice(0, 10)) - Date.parse(account.dueDate)) / 86_400_000));
  return {
    eventId: `missed-${account.ref}-${account.instalmentNumber}`,
    type: 'instalment.missed',
    occurredAt: at.toISOString(),
    account: { externalRef: account.ref, contact: { ...account.contact } },
    instalment: {
      orderRef: account.orderRef,
      merchantName: account.merchantName,
      instalmentNumber: account.instalmentNumber,
      instalmentsTotal: 4,
      amountDue: { amountMinor: account.amountMinor, currency: account.currency },
      dueDate: account.dueDate,
      daysPastDue,
    },
  } as LenderEvent;
}

export function paymentReceived(account: DemoAccount, seq: number, amountMinor: number, settlesBalance: boolean, at: Date): LenderEvent {
  return {
    eventId: `paid-${account.ref}-${seq}`,
    type: 'payment.received',
    occurredAt: at.toISOString(),
    account: { externalRef: account.ref },
    payment: { amount: { amountMinor, currency: account.currency }, paidAt: at.toISOString(), orderRef: account.orderRef, settlesBalance },
  } as LenderEvent;
}
