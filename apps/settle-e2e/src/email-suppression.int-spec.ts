import { accountIdFor } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { SmtpPeer } from '../../email/src/testing/smtp-peer';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed } from './harness';

jest.setTimeout(240_000);

/**
 * A hard bounce puts the address on the tenant's suppression list; the workflow's next email to it
 * is refused by the email service (email.blocked, rule email.suppressed), and the scheduler records
 * the attempt as blocked and tells the case timeline (contact.blocked) — nothing reaches SMTP.
 */
describe('email suppression end to end: hard bounce → next step blocked at the channel, recorded by the scheduler', () => {
  let h: SettleHarness;
  let peer: SmtpPeer;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    process.env.TEST_SMTP_URL = peer.url;
    process.env.ENABLED_CHANNELS = 'sms,email';
    h = await SettleHarness.create('emailsupp', '2026-03-02T10:00:00Z'); // 11:00 in Berlin
    await h.start('ingest', 'scheduler', 'email');
    tenant = await h.createTenant('Acme Pay');
  });

  afterAll(async () => {
    await h?.close();
    await peer?.stop();
  });

  it('blocks the second email to a hard-bounced address and records why', async () => {
    const saved = await fetch(`${h.url('scheduler')}/v1/tenants/${tenant.tenantId}/workflow`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ steps: [{ channel: 'email', tone: 'friendly', waitHours: 0 }, { channel: 'email', tone: 'reminder', waitHours: 48 }] }),
    });
    expect(saved.status).toBe(201);
    const address = 'gone@debtor.example';
    peer.onRcpt(address, () => ({ code: 550, message: '5.1.1 No such user' }));
    const event = instalmentMissed({ ref: 'supp-1' }) as unknown as { account: { contact: Record<string, unknown> } };
    event.account.contact.email = address;
    expect((await h.sendWebhook(tenant, event)).status).toBe(202);
    const accountId = accountIdFor(tenant.tenantId, 'supp-1');

    const attempts = (want: number) =>
      waitFor(`${want} settled attempts`, async () => {
        const rows = await h.query<{ step_id: string; outcome: string; detail: string }>('scheduler', `SELECT step_id, outcome, detail FROM contact_attempt WHERE account_id = $1 ORDER BY requested_at`, [accountId]);
        return rows.length === want && rows.every((r) => r.outcome !== 'requested') ? rows : undefined;
      }, 60_000);
    const [first] = await attempts(1);
    expect(first.outcome).toBe('failed');
    expect(first.detail).toContain('bounced (hard)');

    h.clock.set('2026-03-04T11:00:00Z'); // the second step falls due
    const [, second] = await attempts(2);
    expect(second.outcome).toBe('blocked');
    expect(second.detail).toContain('email.suppressed');
    const [blocked] = await h.query<{ data: { ruleIds: string[]; reasons: string[]; channel: string } }>(
      'scheduler', `SELECT payload->'data' AS data FROM outbox WHERE payload->>'type' = 'contact.blocked' AND payload->'data'->>'stepId' = $1`, [second.step_id]);
    expect(blocked.data).toMatchObject({ channel: 'email', ruleIds: ['email.suppressed'], reasons: ['the address hard-bounced: smtp_550: 550 5.1.1 No such user'] });
    expect(peer.rcptAttempts(address)).toBe(1);
    expect(peer.to(address)).toHaveLength(0);
  });
});
