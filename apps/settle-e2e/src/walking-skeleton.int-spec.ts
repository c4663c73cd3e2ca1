import { accountIdFor } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import type { TenantSummary } from '../../analytics/src/outcomes/analytics.service';
import { SettleHarness, instalmentMissed, paymentReceived } from './harness';

jest.setTimeout(180_000);

describe('walking skeleton: one account, end to end, over the real broker and PostgreSQL', () => {
  let h: SettleHarness;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    h = await SettleHarness.create('skeleton', '2026-03-02T10:00:00Z'); // 11:00 in Berlin
    await h.start('ingest', 'scheduler', 'sms', 'audit', 'analytics');
    tenant = await h.createTenant();
  });

  afterAll(async () => {
    await h?.close();
  });

  const casesOf = (accountId: string) =>
    h.query<{ id: string; status: string; contacts_sent: number; recovered_minor: string }>('scheduler', `SELECT * FROM recovery_case WHERE account_id = $1`, [accountId]);

  it('missed instalment → case → SMS through SNS → audit and analytics; payment closes the case and stops contact', async () => {
    const missed = instalmentMissed({ ref: 'acc-walk-1', phone: '+4915100000001' });
    const res = await h.sendWebhook(tenant, missed);
    expect(res.status).toBe(202);
    const accountId = accountIdFor(tenant.tenantId, 'acc-walk-1');

    const sms = await waitFor('the SMS at the SNS endpoint', () => h.sns.published().find((m) => m.phoneNumber === '+4915100000001'));
    expect(sms.message).toContain('42,50');
    expect(sms.message).toContain('Nordic Bikes');
    expect(sms.message).toMatch(/http:\/\/127\.0\.0\.1:3000\/p\/[A-Za-z0-9]{12}/);
    expect(sms.attributes['AWS.SNS.SMS.SMSType']).toBe('Transactional');

    const [opened] = await waitFor('the case to count the sent SMS', async () => {
      const rows = await casesOf(accountId);
      return rows[0]?.contacts_sent === 1 ? rows : undefined;
    });
    expect(opened.status).toBe('reminding');

    const paid = await h.sendWebhook(tenant, paymentReceived('acc-walk-1', 4250, true));
    expect(paid.status).toBe(202);
    const [closed] = await waitFor('the case to be resolved', async () => {
      const rows = await casesOf(accountId);
      return rows[0]?.status === 'resolved' ? rows : undefined;
    });
    expect(Number(closed.recovered_minor)).toBe(4250);

    // No further contact: the next step (two days later) was cancelled.
    const pending = await h.query('scheduler', `SELECT * FROM contact_step WHERE case_id = $1 AND status = 'pending'`, [closed.id]);
    expect(pending).toHaveLength(0);
    h.clock.advance(3 * 24 * 3600 * 1000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(h.sns.published().filter((m) => m.phoneNumber === '+4915100000001')).toHaveLength(1);

    // Audit stored every event of the journey in an intact chain; analytics counted them.
    const types = await waitFor('audit to hold the whole journey', async () => {
      const rows = await h.query<{ type: string }>('audit', `SELECT type FROM audit_entry WHERE account_id = $1 ORDER BY position`, [accountId]);
      return rows.length >= 6 ? rows.map((r) => r.type) : undefined;
    });
    expect(types).toEqual(
      expect.arrayContaining(['account.instalment_missed', 'case.opened', 'sms.requested', 'sms.sent', 'account.payment_received', 'case.closed']),
    );
    const verify = (await (await fetch(`${h.url('audit')}/v1/audit/tenants/${tenant.tenantId}/verify`)).json()) as { brokenAt: number | null };
    expect(verify.brokenAt).toBeNull();
    const summary = await waitFor('analytics to count the resolved case', async () => {
      const s = (await (await fetch(`${h.url('analytics')}/v1/analytics/tenants/${tenant.tenantId}/summary`)).json()) as TenantSummary;
      return s.cases.resolved >= 1 ? s : undefined;
    });
    expect(summary.events['sms.sent']).toBeGreaterThanOrEqual(1);
    expect(summary.recovered.EUR).toBeGreaterThanOrEqual(4250);
  });

  it('defers an SMS due at night to 08:00 the next morning in the debtor’s zone', async () => {
    // 10:00 UTC is 02:00 in Los Angeles: outside 08:00–21:00 there.
    const missed = instalmentMissed({ ref: 'acc-night-1', phone: '+13105550101', timeZone: 'America/Los_Angeles', country: 'US', language: 'en' });
    expect((await h.sendWebhook(tenant, missed)).status).toBe(202);
    const accountId = accountIdFor(tenant.tenantId, 'acc-night-1');
    const [decision] = await waitFor('the deferral decision', async () => {
      const rows = await h.query<{ outcome: string; until: Date; rule_ids: string[] }>(
        'scheduler',
        `SELECT d.* FROM compliance_decision d JOIN recovery_case c ON c.id = d.case_id WHERE c.account_id = $1`,
        [accountId],
      );
      return rows.length ? rows : undefined;
    });
    expect(decision.outcome).toBe('defer');
    expect(decision.rule_ids).toContain('us.regf.hours');
    expect(new Date(decision.until).toISOString()).toBe(`${h.clock.now().toISOString().slice(0, 10)}T16:00:00.000Z`); // 08:00 PST
    await new Promise((r) => setTimeout(r, 500));
    expect(h.sns.published().filter((m) => m.phoneNumber === '+13105550101')).toHaveLength(0);

    h.clock.set(decision.until);
    const sms = await waitFor('the deferred SMS in the morning', () => h.sns.published().find((m) => m.phoneNumber === '+13105550101'), 20_000);
    expect(sms.message).toMatch(/^Hi Anna/);
  });
});
