import { accountIdFor } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { SmtpPeer } from '../../email/src/testing/smtp-peer';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed } from './harness';

jest.setTimeout(180_000);

describe('email channel end to end: webhook → scheduler → email over SMTP → outcome and unsubscribe back to the case', () => {
  let h: SettleHarness;
  let peer: SmtpPeer;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    process.env.TEST_SMTP_URL = peer.url;
    process.env.ENABLED_CHANNELS = 'sms,email'; // read by the scheduler's config
    h = await SettleHarness.create('emaile2e', '2026-03-02T10:00:00Z'); // 11:00 in Berlin
    await h.start('ingest', 'scheduler', 'email');
    tenant = await h.createTenant('Acme Pay');
  });

  afterAll(async () => {
    await h?.close();
    await peer?.stop();
  });

  it('sends the German reminder the scheduler asked for, marks the attempt sent, and an unsubscribe opts the case out of email', async () => {
    const saved = await fetch(`${h.url('scheduler')}/v1/tenants/${tenant.tenantId}/workflow`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ steps: [{ channel: 'email', tone: 'friendly', waitHours: 0 }, { channel: 'email', tone: 'reminder', waitHours: 48 }] }),
    });
    expect(saved.status).toBe(201);
    const event = instalmentMissed({ ref: 'email-e2e-1', language: 'de', firstName: 'Anna' }) as unknown as { account: { contact: Record<string, unknown> } };
    event.account.contact.email = 'anna@debtor.example';
    expect((await h.sendWebhook(tenant, event)).status).toBe(202);

    const mail = await waitFor('the email at the SMTP peer', () => peer.to('anna@debtor.example')[0]);
    expect(mail.parsed.subject).toBe('Deine Zahlung für Nordic Bikes hat nicht geklappt');
    const html = mail.parsed.html as string;
    expect(html).toContain('Hallo Anna,');
    expect(html).toContain('42,50');
    expect(html).toContain('ORD-1001');
    expect(html).toMatch(/href="http:\/\/127\.0\.0\.1:3000\/p\/[A-Za-z0-9]{12}"/); // the scheduler's payment link, as the fallback
    expect(html).toContain('/v1/email/o/'); // tracking is on by default

    const accountId = accountIdFor(tenant.tenantId, 'email-e2e-1');
    const [attempt] = await waitFor('the scheduler to record the attempt as sent', async () => {
      const rows = await h.query<{ outcome: string; channel: string }>('scheduler', `SELECT outcome, channel FROM contact_attempt WHERE account_id = $1`, [accountId]);
      return rows[0]?.outcome === 'sent' ? rows : undefined;
    });
    expect(attempt.channel).toBe('email');

    const unsubscribe = /<([^>]+\/v1\/email\/unsubscribe\/[^>]+)>/.exec(mail.raw.replace(/\r?\n[ \t]/g, ' '))![1].replace(/^https?:\/\/[^/]+/, h.url('email'));
    expect((await fetch(unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    await waitFor('the case to be opted out of email', async () => {
      const [c] = await h.query<{ opted_out: string[] }>('scheduler', `SELECT opted_out FROM recovery_case WHERE account_id = $1`, [accountId]);
      return c?.opted_out.includes('email') || undefined;
    });

    // The reminder two days later is blocked, not sent: the debtor unsubscribed.
    h.clock.advance(2 * 24 * 3600_000 + 3600_000);
    const blocked = await waitFor('the second email step to be blocked', async () => {
      const rows = await h.query<{ rules: string[] }>('scheduler', `SELECT payload->'data'->'ruleIds' AS rules FROM outbox WHERE payload->>'type' = 'contact.blocked' AND payload->>'accountId' = $1`, [accountId]);
      return rows[0];
    }, 20_000);
    expect(blocked.rules).toContain('core.optout.medium');
    expect(peer.to('anna@debtor.example')).toHaveLength(1);
  });
});
