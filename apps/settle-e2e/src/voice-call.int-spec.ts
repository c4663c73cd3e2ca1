import { accountIdFor } from '@settle/contracts';
import { TelnyxSandbox } from '@settle/sandbox';
import { waitFor } from '@settle/testing';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed, paymentReceived } from './harness';

jest.setTimeout(180_000);

describe('voice channel end to end: webhook → scheduler → AI call over the Telnyx sandbox → link opened and paid mid-call → case resolved', () => {
  let h: SettleHarness;
  let telnyx: TelnyxSandbox;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    process.env.ENABLED_CHANNELS = 'sms,voice'; // read by the scheduler's config
    h = await SettleHarness.create('voicee2e', '2026-03-02T10:00:00Z'); // a Monday, 11:00 in Berlin
    telnyx = await TelnyxSandbox.start({ now: () => h.clock.now() });
    await h.start('ingest', 'scheduler');
    await h.startVoice(telnyx, 'conn-e2e');
    tenant = await h.createTenant('Acme Pay');
  });

  afterAll(async () => {
    delete process.env.ENABLED_CHANNELS;
    await h?.close();
    await telnyx?.stop();
  });

  it('calls the debtor, verifies, texts the link, hears the click and the payment, and the case resolves', async () => {
    const saved = await fetch(`${h.url('scheduler')}/v1/tenants/${tenant.tenantId}/workflow`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ steps: [{ channel: 'voice', tone: 'friendly', waitHours: 0 }, { channel: 'sms', tone: 'reminder', waitHours: 48 }] }),
    });
    expect(saved.status).toBe(201);
    const phone = '+4915112340001';
    telnyx.script(phone, { answer: 'human', utterances: ['Yes, speaking.', 'It is 101.', 'Yes please, send me the link.'] });
    const event = instalmentMissed({ ref: 'voice-e2e-1', language: 'en', firstName: 'Anna', phone }) as unknown as { account: { contact: Record<string, unknown> } };
    event.account.contact.verification = { kind: 'postcode_digits', expected: '101' };
    expect((await h.sendWebhook(tenant, event)).status).toBe(202);

    const accountId = accountIdFor(tenant.tenantId, 'voice-e2e-1');
    const [linkSms] = await waitFor('the link texted during the call', async () => {
      const rows = await h.query<{ payload: { data: { paymentLink: { code: string }; stepId: string } } }>('voice', `SELECT payload FROM outbox WHERE payload->>'type' = 'sms.requested' AND payload->>'accountId' = $1`, [accountId]);
      return rows.length ? rows : undefined;
    }, 60_000);
    const code = linkSms.payload.data.paymentLink.code;
    const [dial] = telnyx.dials(phone);
    expect(dial.body).toMatchObject({ connection_id: 'conn-e2e', to: phone, answering_machine_detection: 'detect' });
    const [attempt] = await h.query<{ step_id: string; channel: string }>('scheduler', `SELECT step_id, channel FROM contact_attempt WHERE account_id = $1`, [accountId]);
    expect(attempt).toMatchObject({ channel: 'voice' });
    expect(dial.body.command_id).toBe(attempt.step_id); // the step id is the provider's idempotency key
    const [requested] = await h.query<{ data: Record<string, unknown> }>('scheduler', `SELECT payload->'data' AS data FROM outbox WHERE payload->>'type' = 'voice.requested' AND payload->>'accountId' = $1`, [accountId]);
    expect(requested.data).toMatchObject({ jurisdiction: 'DE', orderRef: 'ORD-1001', verification: { kind: 'postcode_digits' }, contactsSoFar: 0, overdue: [{ orderRef: 'ORD-1001', instalmentNumber: 2 }] });

    // The debtor opens the link from the SMS: ingest serves the pay page (it learnt the link from the mid-call SMS command).
    const page = await waitFor('the pay page', async () => {
      const res = await fetch(`${h.url('ingest')}/p/${code}`);
      return res.status === 200 ? res : undefined;
    }, 30_000);
    expect(page.status).toBe(200);
    await waitFor('the click to reach the live call', async () => {
      const rows = await h.query('voice', `SELECT 1 FROM outbox WHERE payload->>'type' = 'call.link_clicked' AND payload->>'accountId' = $1`, [accountId]);
      return rows.length > 0 || undefined;
    }, 30_000);

    h.clock.advance(95_000); // a minute and a half on the phone
    expect((await h.sendWebhook(tenant, paymentReceived('voice-e2e-1'))).status).toBe(202);

    const ended = await waitFor('call.ended', async () => {
      const rows = await h.query<{ payload: { data: { outcome: string; durationSeconds: number; cost: { telephonyMicroUsd: number } } } }>('voice', `SELECT payload FROM outbox WHERE payload->>'type' = 'call.ended' AND payload->>'accountId' = $1`, [accountId]);
      return rows[0];
    }, 60_000);
    expect(ended.payload.data.outcome).toBe('paid');
    expect(ended.payload.data.durationSeconds).toBeGreaterThanOrEqual(95);
    expect(ended.payload.data.cost.telephonyMicroUsd).toBe(24_000); // two started minutes at DE 0.0120 USD
    const spoken = telnyx.spoken(dial.callControlId);
    expect(spoken.at(-1)).toMatch(/come through/);

    await waitFor('the case to resolve and the attempt to carry the call outcome', async () => {
      const [c] = await h.query<{ status: string }>('scheduler', `SELECT status FROM recovery_case WHERE account_id = $1`, [accountId]);
      const [a] = await h.query<{ outcome: string; detail: string | null }>('scheduler', `SELECT outcome, detail FROM contact_attempt WHERE account_id = $1`, [accountId]);
      return c?.status === 'resolved' && a?.outcome === 'sent' && a.detail?.startsWith('call paid') ? true : undefined;
    }, 60_000);
    expect(telnyx.dials(phone)).toHaveLength(1);
  });

  it('a promise to pay made on the phone puts the case on hold until the promised date', async () => {
    const phone = '+4915112340002';
    telnyx.script(phone, { answer: 'human', utterances: ['Yes, speaking.', 'It is 101.', 'I will pay it on 20 March.'] });
    const event = instalmentMissed({ ref: 'voice-e2e-2', language: 'en', firstName: 'Anna', phone }) as unknown as { account: { contact: Record<string, unknown> } };
    event.account.contact.verification = { kind: 'postcode_digits', expected: '101' };
    expect((await h.sendWebhook(tenant, event)).status).toBe(202);
    const accountId = accountIdFor(tenant.tenantId, 'voice-e2e-2');
    const ended = await waitFor('call.ended', async () => {
      const rows = await h.query<{ payload: { data: { outcome: string; promisedBy?: string } } }>('voice', `SELECT payload FROM outbox WHERE payload->>'type' = 'call.ended' AND payload->>'accountId' = $1`, [accountId]);
      return rows[0];
    }, 60_000);
    expect(ended.payload.data).toMatchObject({ outcome: 'promise_to_pay', promisedBy: '2026-03-20' });
    const [c] = await waitFor('the case to be promised', async () => {
      const rows = await h.query<{ status: string }>('scheduler', `SELECT status FROM recovery_case WHERE account_id = $1`, [accountId]);
      return rows[0]?.status === 'promised' ? rows : undefined;
    }, 60_000);
    expect(c.status).toBe('promised');
  });
});
