import { accountIdFor } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed } from './harness';

jest.setTimeout(240_000);

const RECEIPT_TOKEN = 'receipt-token-0123456789abcdef';

/**
 * The last-moment compliance re-check, across services: the scheduler allows an SMS at 11:00 in
 * Berlin, the command waits (the sms service is down) until 21:30, when German policy hours are
 * over. The sms service asks the gate again, sends nothing and reports sms.blocked (defer); the
 * scheduler records the deferral and plans the step again for 08:00 the next morning, when it is
 * sent — once.
 */
describe('channel gate end to end: a command that waits past quiet hours is deferred by the sms service, not sent', () => {
  let h: SettleHarness;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    process.env.SMS_INBOUND_TOKEN = RECEIPT_TOKEN; // the harness passes the environment through to the sms service
    h = await SettleHarness.create('chgate', '2026-03-02T10:00:00Z'); // 11:00 in Berlin
    await h.start('ingest', 'scheduler');
    tenant = await h.createTenant('Acme Pay');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('defers at the channel, re-plans the step at the gate\'s until, and sends exactly one SMS then', async () => {
    const saved = await fetch(`${h.url('scheduler')}/v1/tenants/${tenant.tenantId}/workflow`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ steps: [{ channel: 'sms', tone: 'friendly', waitHours: 0 }, { channel: 'sms', tone: 'reminder', waitHours: 48 }] }),
    });
    expect(saved.status).toBe(201);
    const phone = '+4915112340001';
    expect((await h.sendWebhook(tenant, instalmentMissed({ ref: 'gate-1', phone }))).status).toBe(202);
    const accountId = accountIdFor(tenant.tenantId, 'gate-1');

    // The scheduler's gate allowed it and the command carries what the gate saw.
    const [command] = await waitFor('the sms command', async () => {
      const rows = await h.query<{ payload: { data: { stepId: string; compliance?: Record<string, unknown> } } }>(
        'scheduler', `SELECT payload FROM outbox WHERE payload->>'type' = 'sms.requested' AND payload->>'accountId' = $1`, [accountId]);
      return rows.length > 0 ? rows : undefined;
    });
    expect(command.payload.data.compliance).toMatchObject({ jurisdiction: 'DE', timeZones: ['Europe/Berlin'], decidedAt: '2026-03-02T10:00:00.000Z', optedOut: [], holds: [] });
    const firstStepId = command.payload.data.stepId;

    // The sms service comes up at 21:30 Berlin time.
    h.clock.set('2026-03-02T20:30:00Z');
    await h.start('sms');
    h.sns.sendReceiptsTo(`${h.url('sms')}/v1/sms/delivery-status?token=${RECEIPT_TOKEN}`);

    const [deferred] = await waitFor('the scheduler to record the deferral', async () => {
      const rows = await h.query<{ outcome: string; detail: string }>('scheduler', `SELECT outcome, detail FROM contact_attempt WHERE step_id = $1`, [firstStepId]);
      return rows[0]?.outcome === 'deferred' ? rows : undefined;
    }, 60_000);
    expect(deferred.detail).toContain('de.policy.hours');
    expect(h.sns.published().filter((p) => p.phoneNumber === phone)).toHaveLength(0);

    const [blockedEvent] = await h.query<{ payload: { data: { outcome: string; until: string; ruleIds: string[] } } }>(
      'sms', `SELECT payload FROM outbox WHERE payload->>'type' = 'sms.blocked' AND payload->'data'->>'stepId' = $1`, [firstStepId]);
    expect(blockedEvent.payload.data).toMatchObject({ outcome: 'defer', until: '2026-03-03T07:00:00.000Z' });
    expect(blockedEvent.payload.data.ruleIds).toContain('de.policy.hours');

    const steps = await waitFor('the step to be planned again', async () => {
      const rows = await h.query<{ id: string; step: number; status: string; due_at: Date }>(
        'scheduler', `SELECT s.id, s.step, s.status, s.due_at FROM contact_step s JOIN recovery_case c ON c.id = s.case_id WHERE c.account_id = $1 AND s.kind = 'contact' ORDER BY s.due_at`, [accountId]);
      return rows.some((r) => r.step === 0 && r.status === 'pending') ? rows : undefined;
    });
    const replanned = steps.find((r) => r.step === 0 && r.status === 'pending')!;
    expect(new Date(replanned.due_at).toISOString()).toBe('2026-03-03T07:00:00.000Z');
    expect(steps.filter((r) => r.step === 1 && r.status === 'pending')).toHaveLength(0); // the following step waits for this one
    const [deferredCaseEvent] = await h.query<{ n: string }>('scheduler', `SELECT count(*) AS n FROM outbox WHERE payload->>'type' = 'contact.deferred' AND payload->'data'->>'stepId' = $1`, [firstStepId]);
    expect(Number(deferredCaseEvent.n)).toBe(1);

    // The next lawful morning: the scheduler fires the step again and the SMS goes out, once.
    h.clock.set('2026-03-03T07:00:30Z');
    await waitFor('the SMS', () => h.sns.published().filter((p) => p.phoneNumber === phone).length > 0, 60_000);
    const attempts = await waitFor('the second attempt to be sent', async () => {
      const rows = await h.query<{ step_id: string; outcome: string }>('scheduler', `SELECT step_id, outcome FROM contact_attempt WHERE account_id = $1 ORDER BY requested_at`, [accountId]);
      return rows.length === 2 && ['sent', 'delivered'].includes(rows[1].outcome) ? rows : undefined; // the receipt may already be in
    }, 60_000);
    expect(attempts[0].outcome).toBe('deferred');
    // The carrier's receipt (sandbox → sms service → sms.delivered) reaches the scheduler's ledger.
    await waitFor('the attempt to be marked delivered', async () => {
      const [row] = await h.query<{ outcome: string; detail: string }>('scheduler', `SELECT outcome, detail FROM contact_attempt WHERE step_id = $1`, [replanned.id]);
      return row?.outcome === 'delivered' ? row : undefined;
    }, 60_000);
    expect(attempts[1].step_id).toBe(replanned.id);
    await new Promise((r) => setTimeout(r, 1000));
    expect(h.sns.published().filter((p) => p.phoneNumber === phone)).toHaveLength(1);
  });
});
