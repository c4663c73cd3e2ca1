import { accountIdFor } from '@settle/contracts';
import { RunningService, startService } from '@settle/service-kit';
import { waitFor } from '@settle/testing';
import { SettleHarness, TEST_RETRY_POLICY, instalmentMissed } from '../../../settle-e2e/src/harness';
import { SCHEDULER_SERVICE, SchedulerModule } from '../scheduler.module';

jest.setTimeout(240_000);
const DAY = 24 * 3600 * 1000;

describe('durable timers', () => {
  let h: SettleHarness;
  let tenant: { tenantId: string; webhookSecret: string };
  let replica: RunningService | undefined;

  beforeAll(async () => {
    h = await SettleHarness.create('timers', '2026-03-02T10:00:00Z');
    await h.start('ingest', 'scheduler', 'sms');
    tenant = await h.createTenant();
  });

  afterAll(async () => {
    await replica?.stop();
    await h?.close();
  });

  it('two scheduler replicas fire each contact step exactly once', async () => {
    replica = await startService(SCHEDULER_SERVICE, SchedulerModule, { port: 0, env: h.env(), clock: h.clock, retryPolicy: TEST_RETRY_POLICY });
    const phones = Array.from({ length: 40 }, (_, i) => `+4917000${String(i).padStart(5, '0')}`);
    for (const [i, phone] of phones.entries()) {
      expect((await h.sendWebhook(tenant, instalmentMissed({ ref: `rep-${i}`, phone }))).status).toBe(202);
    }
    await waitFor('the first SMS to all 40', () => phones.every((p) => h.sns.published().some((m) => m.phoneNumber === p)), 60_000);
    // The second step of every case falls due at once, for both replicas to fight over.
    h.clock.advance(2 * DAY);
    await waitFor('the second SMS to all 40', () => phones.every((p) => h.sns.published().filter((m) => m.phoneNumber === p).length >= 2), 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    for (const phone of phones) expect(h.sns.published().filter((m) => m.phoneNumber === phone)).toHaveLength(2);
    const commands = await h.query<{ step: string; n: string }>('scheduler', `SELECT payload->'data'->>'stepId' AS step, count(*) AS n FROM outbox WHERE payload->>'type' = 'sms.requested' GROUP BY 1`);
    expect(commands).toHaveLength(80);
    expect(commands.every((c) => Number(c.n) === 1)).toBe(true);
    await replica.stop();
    replica = undefined;
  });

  it('fires a step missed while the scheduler was down once, late, and only once it is lawful again', async () => {
    expect((await h.sendWebhook(tenant, instalmentMissed({ ref: 'down-1', phone: '+4917099999999' }))).status).toBe(202);
    await waitFor('the first SMS', () => h.sns.published().some((m) => m.phoneNumber === '+4917099999999'));
    const caseId = (await h.query<{ id: string }>('scheduler', `SELECT id FROM recovery_case WHERE account_id = $1`, [accountIdFor(tenant.tenantId, 'down-1')]))[0].id;
    await h.stop('scheduler');

    // Down for 3 days; it comes back at 23:00 Berlin time, when contact is not lawful.
    const back = new Date(h.clock.now().getTime() + 3 * DAY);
    back.setUTCHours(22, 0, 0, 0);
    h.clock.set(back);
    await h.start('scheduler');
    const [deferral] = await waitFor('the late step to be deferred to the morning', async () => {
      const rows = await h.query<{ outcome: string; until: Date }>('scheduler', `SELECT outcome, until FROM compliance_decision WHERE case_id = $1 ORDER BY id DESC LIMIT 1`, [caseId]);
      return rows[0]?.outcome === 'defer' ? rows : undefined;
    });
    expect(new Date(deferral.until).toISOString()).toMatch(/T07:00:00\.000Z$/); // 08:00 in Berlin
    expect(h.sns.published().filter((m) => m.phoneNumber === '+4917099999999')).toHaveLength(1);

    h.clock.set(deferral.until);
    await waitFor('the late step fired once in the morning', () => h.sns.published().filter((m) => m.phoneNumber === '+4917099999999').length === 2, 20_000);
    await new Promise((r) => setTimeout(r, 800));
    expect(h.sns.published().filter((m) => m.phoneNumber === '+4917099999999')).toHaveLength(2);
    const fired = await h.query<{ n: string }>('scheduler', `SELECT count(*) AS n FROM contact_step WHERE case_id = $1 AND status = 'fired'`, [caseId]);
    expect(Number(fired[0].n)).toBe(2);
  });
});
