import { SnsSandbox } from '@settle/sandbox';
import { waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { SettleHarness } from '../../../settle-e2e/src/harness';
import { INBOUND_TOKEN, outboxEvents, sendCommands, smsRequested, startSms, waitForPublished } from '../testing/sms-test-kit';

jest.setTimeout(180_000);

/** Delivery receipts through the real path: SNS SDK → sandbox → receipt POST → sms service → events. */
describe('sms delivery receipts', () => {
  let h: SettleHarness;
  const tenantId = randomUUID();

  beforeAll(async () => {
    h = await startSms('smsreceipt');
    h.sns.sendReceiptsTo(`${h.url('sms')}/v1/sms/delivery-status?token=${INBOUND_TOKEN}`);
  });

  afterAll(async () => {
    await h?.close();
  });

  const eventsOf = async (stepId: string) => (await outboxEvents<{ stepId: string; code?: string; reason?: string; providerResponse?: string }>(h)).filter((e) => e.data.stepId === stepId);

  it('a SUCCESS receipt becomes sms.delivered and a scripted FAILURE sms.failed (undelivered), each once', async () => {
    const ok = smsRequested(tenantId, { to: '+4915112349001' });
    await sendCommands(h, ok);
    await waitForPublished(h, ok.data.to, 1);
    const delivered = await waitFor('sms.delivered', async () => (await eventsOf(ok.data.stepId)).find((e) => e.type === 'sms.delivered'), 60_000, 50);
    const [published] = h.sns.published().filter((p) => p.phoneNumber === ok.data.to);
    expect(delivered.data).toMatchObject({ providerMessageId: published.messageId, providerResponse: 'Message has been accepted by phone carrier' });

    h.sns.failDeliveryNext(1, 'Phone is currently unreachable/unavailable');
    const bad = smsRequested(tenantId, { to: '+4915112349002' });
    await sendCommands(h, bad);
    const failed = await waitFor('sms.failed undelivered', async () => (await eventsOf(bad.data.stepId)).find((e) => e.type === 'sms.failed'), 60_000, 50);
    expect(failed.data).toMatchObject({ code: 'undelivered', reason: 'Phone is currently unreachable/unavailable', retryable: false });
    expect((await eventsOf(bad.data.stepId)).map((e) => e.type)).toEqual(['sms.sent', 'sms.failed']);

    // The same receipt again (a forwarder retrying): acknowledged as a duplicate, no second event.
    const receipt = h.sns.postedReceipts().find((r) => r.receipt.notification.messageId === published.messageId)!;
    expect(receipt.httpStatus).toBe(202);
    const again = await fetch(`${h.url('sms')}/v1/sms/delivery-status?token=${INBOUND_TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(receipt.receipt) });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ status: 'duplicate', stepId: ok.data.stepId });
    expect((await eventsOf(ok.data.stepId)).filter((e) => e.type === 'sms.delivered')).toHaveLength(1);
  });

  it('refuses unknown messages, other numbers, malformed records and a missing token', async () => {
    const url = `${h.url('sms')}/v1/sms/delivery-status`;
    const post = (body: unknown, token: string | null = INBOUND_TOKEN, contentType = 'application/json') =>
      fetch(token ? `${url}?token=${token}` : url, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const receipt = SnsSandbox.receiptFor({ messageId: randomUUID(), phoneNumber: '+4915112349003', message: 'hi', attributes: {}, receivedAt: new Date() });
    expect((await post(receipt)).status).toBe(404);
    expect((await post(receipt, null)).status).toBe(401);
    const malformed = await post({ status: 'DELIVERED' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['notification.messageId', 'status', 'delivery.destination']);

    const cmd = smsRequested(tenantId, { to: '+4915112349004' });
    h.sns.sendReceiptsTo(undefined);
    await sendCommands(h, cmd);
    const [published] = await waitForPublished(h, cmd.data.to, 1);
    await waitFor('sms.sent', async () => (await eventsOf(cmd.data.stepId)).find((e) => e.type === 'sms.sent'), 60_000, 50);
    const elsewhere = SnsSandbox.receiptFor({ ...published, phoneNumber: '+4915112349999' });
    expect((await post(elsewhere)).status).toBe(422);
    // A forwarder that posts the log line as text/plain is understood too.
    const asText = await post(JSON.stringify(SnsSandbox.receiptFor(published)), INBOUND_TOKEN, 'text/plain');
    expect(asText.status).toBe(202);
    expect(await asText.json()).toEqual({ status: 'recorded', stepId: cmd.data.stepId });
    h.sns.sendReceiptsTo(`${url}?token=${INBOUND_TOKEN}`);
  });
});
