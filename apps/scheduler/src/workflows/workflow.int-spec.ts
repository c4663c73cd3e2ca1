import { accountIdFor } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed } from '../../../settle-e2e/src/harness';

jest.setTimeout(180_000);
const DAY = 24 * 3600 * 1000;

describe('tenant workflows', () => {
  let h: SettleHarness;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    h = await SettleHarness.create('workflow', '2026-03-02T10:00:00Z');
    await h.start('ingest', 'scheduler', 'sms');
    tenant = await h.createTenant();
  });

  afterAll(async () => h?.close());

  const put = (tenantId: string, body: unknown, token = ADMIN_TOKEN) =>
    fetch(`${h.url('scheduler')}/v1/tenants/${tenantId}/workflow`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('rejects an invalid workflow when it is saved, naming each field', async () => {
    const res = await put(tenant.tenantId, {
      steps: [
        { channel: 'human', tone: 'friendly', waitHours: 0 },
        { channel: 'pigeon', tone: 'shouty', waitHours: -1, variants: [{ id: 'a', weight: 1 }, { id: 'a', weight: 1 }] },
      ],
    });
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['steps.1.channel', 'steps.1.tone', 'steps.1.waitHours']);
    const cross = await put(tenant.tenantId, { steps: [{ channel: 'human', tone: 'friendly', waitHours: 0 }, { channel: 'sms', tone: 'friendly', waitHours: 1 }] });
    expect(((await cross.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['steps.0.channel']);
    expect((await put(tenant.tenantId, { steps: [] }, 'wrong-token-wrong-token-wrong')).status).toBe(401);
  });

  it('runs a saved workflow: variants per account, skipped steps recorded, the human step escalates', async () => {
    const res = await put(tenant.tenantId, {
      steps: [
        { channel: 'sms', tone: 'friendly', waitHours: 0, variants: [{ id: 'casual', weight: 1, tone: 'friendly' }, { id: 'plain', weight: 1, tone: 'reminder' }] },
        { channel: 'email', tone: 'reminder', waitHours: 48 },
        { channel: 'sms', tone: 'urgent', waitHours: 24, conditions: { minBalanceMinor: 100000 } },
        { channel: 'human', tone: 'urgent', waitHours: 24 },
      ],
    });
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { workflowId: string; version: number };
    expect(saved.version).toBe(1);
    const current = (await (await fetch(`${h.url('scheduler')}/v1/tenants/${tenant.tenantId}/workflow`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { workflowId: string };
    expect(current.workflowId).toBe(saved.workflowId);

    const refs = Array.from({ length: 8 }, (_, i) => `wf-${i}`);
    for (const [i, ref] of refs.entries()) {
      expect((await h.sendWebhook(tenant, instalmentMissed({ ref, phone: `+44770090${String(i).padStart(4, '0')}`, timeZone: 'Europe/London', country: 'GB', language: 'en' }))).status).toBe(202);
    }
    await waitFor('first SMS to every account', () => refs.every((_, i) => h.sns.published().some((m) => m.phoneNumber === `+44770090${String(i).padStart(4, '0')}`)));
    const variants = await h.query<{ variant: string }>('scheduler', `SELECT variant FROM contact_step WHERE step = 0 AND variant IS NOT NULL`);
    expect(variants).toHaveLength(refs.length);
    expect(new Set(variants.map((v) => v.variant)).size).toBe(2); // both arms used (8 accounts, p(all one arm) < 1%)
    const [planned] = await h.query<{ priority: string; priority_basis: { contributions: Record<string, number>; inputs: { balanceMinor: number } } }>(
      'scheduler', `SELECT priority, priority_basis FROM contact_step WHERE step = 1 LIMIT 1`);
    expect(planned.priority_basis.inputs.balanceMinor).toBe(4250);
    const sum = Object.values(planned.priority_basis.contributions).reduce((a, b) => a + b, 0);
    expect(Number(planned.priority)).toBeCloseTo(sum, 1);

    // email is not enabled here and the balance is below the condition: both steps skip, then a human takes over.
    h.clock.advance(2 * DAY + 3600_000);
    await new Promise((r) => setTimeout(r, 600));
    h.clock.advance(DAY + 3600_000);
    await new Promise((r) => setTimeout(r, 600));
    h.clock.advance(DAY + 3600_000);
    const caseId = (await h.query<{ id: string }>('scheduler', `SELECT id FROM recovery_case WHERE account_id = $1`, [accountIdFor(tenant.tenantId, 'wf-0')]))[0].id;
    await waitFor('the case escalated to a human', async () => {
      const [c] = await h.query<{ status: string }>('scheduler', `SELECT status FROM recovery_case WHERE id = $1`, [caseId]);
      return c.status === 'escalated';
    }, 20_000);
    const skipped = await h.query<{ rule: string }>('scheduler', `SELECT payload->'data'->'ruleIds'->>0 AS rule FROM outbox WHERE payload->>'type' = 'contact.blocked' AND payload->>'caseId' = $1 ORDER BY seq`, [caseId]);
    expect(skipped.map((s) => s.rule)).toEqual(['workflow.channel-not-enabled', 'workflow.step-condition']);
    expect(h.sns.published().filter((m) => m.phoneNumber === '+447700900000')).toHaveLength(1);
  });

  it('defers a contact that would break a frequency cap (Massachusetts: 2 in 7 days) until the window frees up', async () => {
    const ma = await h.createTenant('Bay State Pay');
    const saved = await put(ma.tenantId, {
      steps: [
        { channel: 'sms', tone: 'friendly', waitHours: 0 },
        { channel: 'sms', tone: 'reminder', waitHours: 24 },
        { channel: 'sms', tone: 'urgent', waitHours: 24 },
      ],
    });
    expect(saved.status).toBe(201);
    const noon = new Date(h.clock.now());
    noon.setUTCHours(16, 0, 0, 0); // 11:00 or 12:00 in Boston
    h.clock.set(new Date(noon.getTime() + DAY));
    const phone = '+16175550123';
    const event = instalmentMissed({ ref: 'ma-1', phone, timeZone: 'America/New_York', country: 'US', language: 'en' }) as unknown as { account: { contact: Record<string, unknown> } };
    event.account.contact.region = 'US-MA';
    expect((await h.sendWebhook(ma, event)).status).toBe(202);
    await waitFor('first SMS', () => h.sns.published().filter((m) => m.phoneNumber === phone).length === 1);
    const firstAt = h.clock.now().getTime();
    h.clock.advance(DAY);
    await waitFor('second SMS', () => h.sns.published().filter((m) => m.phoneNumber === phone).length === 2, 20_000);
    h.clock.advance(DAY);
    const caseId = (await h.query<{ id: string }>('scheduler', `SELECT id FROM recovery_case WHERE account_id = $1`, [accountIdFor(ma.tenantId, 'ma-1')]))[0].id;
    const [deferral] = await waitFor('the third SMS deferred by the cap', async () => {
      const rows = await h.query<{ outcome: string; until: Date; rule_ids: string[] }>('scheduler', `SELECT outcome, until, rule_ids FROM compliance_decision WHERE case_id = $1 AND outcome = 'defer'`, [caseId]);
      return rows.length ? rows : undefined;
    }, 20_000);
    expect(deferral.rule_ids).toContain('us-ma.940cmr.7.04.cap');
    expect(new Date(deferral.until).getTime()).toBeGreaterThanOrEqual(firstAt + 7 * DAY);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.sns.published().filter((m) => m.phoneNumber === phone)).toHaveLength(2);
  });
});
