import { EventEnvelope, TENANT_EVENTS_V1, TenantProfileChangedV1, parseEvent } from '@settle/contracts';
import { readTopic } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, SettleHarness } from '../../../settle-e2e/src/harness';

jest.setTimeout(180_000);

type ProfileEvent = EventEnvelope<TenantProfileChangedV1> & { key: string | null; raw: string };

describe('tenant profile events: ingest writes tenant.profile_changed through its outbox', () => {
  let h: SettleHarness;

  beforeAll(async () => {
    h = await SettleHarness.create('tenantprofile');
    await h.start('ingest');
  });

  afterAll(async () => h?.close());

  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${h.url('ingest')}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /**
   * Waits for `count` distinct events on the topic (or the timeout), then returns those of one tenant
   * in order. The outbox relay is at-least-once: a record relayed just before ingest stopped may be
   * relayed again after the restart, with the same event id — counted once here.
   */
  const profileEvents = async (count: number, tenantId?: string, timeoutMs = 8_000): Promise<ProfileEvent[]> => {
    let events: ProfileEvent[] = [];
    for (let extra = 0; extra <= 3; extra++) {
      const records = await readTopic(h.kafka.kafka, h.kafka.topics.physical(TENANT_EVENTS_V1), count + extra, extra === 0 ? timeoutMs : 2_000);
      const byId = new Map<string, ProfileEvent>();
      for (const r of records) {
        const parsed = parseEvent(Buffer.from(r.value));
        if (!parsed.ok) throw new Error(`invalid record on ${TENANT_EVENTS_V1}: ${JSON.stringify(parsed.errors)}`);
        const event = parsed.event as EventEnvelope<TenantProfileChangedV1>;
        if (!byId.has(event.id)) byId.set(event.id, { ...event, key: r.key, raw: r.value });
      }
      events = [...byId.values()];
      if (events.length >= count || records.length < count + extra) break;
    }
    return events.filter((e) => tenantId === undefined || e.tenantId === tenantId);
  };

  let published = 0;

  it('publishes on create and on each profile update (operator or the tenant’s own key), keyed by the tenant, with a growing version and no secret', async () => {
    const res = await call('POST', '/v1/admin/tenants', ADMIN_TOKEN, { displayName: 'Acme Pay', smsSenderId: 'AcmePay', emailFrom: 'Acme Pay <billing@acme.example>', callbackPhone: '+4930123456789' });
    expect(res.status).toBe(201);
    const tenant = (await res.json()) as { tenantId: string; webhookSecret: string };
    const key = ((await (await call('POST', `/v1/admin/tenants/${tenant.tenantId}/api-keys`, ADMIN_TOKEN, { name: 'admin', scopes: ['admin'] })).json()) as { key: string }).key;

    expect((await call('PATCH', `/v1/admin/tenants/${tenant.tenantId}`, ADMIN_TOKEN, { displayName: 'Acme Pay Europe', callbackPhone: null })).status).toBe(200);
    // The tenant's own admin key runs under row-level security: the outbox write must still happen.
    expect((await call('PATCH', `/v1/admin/tenants/${tenant.tenantId}`, key, { smsOriginationNumber: '+4915790001234' })).status).toBe(200);
    // Neither a secret rotation nor an API key changes the profile: nothing is published for them.
    const rotated = (await (await call('POST', `/v1/admin/tenants/${tenant.tenantId}/webhook-secrets/rotate`, ADMIN_TOKEN)).json()) as { webhookSecret: string };

    const events = await profileEvents(4, tenant.tenantId, 5_000);
    published += events.length;
    expect(events.map((e) => [e.type, e.version, e.data.profileVersion, e.data.displayName])).toEqual([
      ['tenant.profile_changed', 1, 1, 'Acme Pay'],
      ['tenant.profile_changed', 1, 2, 'Acme Pay Europe'],
      ['tenant.profile_changed', 1, 3, 'Acme Pay Europe'],
    ]);
    expect(events.every((e) => e.key === `${tenant.tenantId}:${tenant.tenantId}` && e.accountId === tenant.tenantId && e.producer === 'ingest')).toBe(true);
    expect(events[0].data).toEqual({
      profileVersion: 1, displayName: 'Acme Pay', defaultLanguage: 'en', defaultTone: 'neutral', jurisdictions: [],
      smsSenderId: 'AcmePay', emailFrom: 'Acme Pay <billing@acme.example>', callbackPhone: '+4930123456789',
    });
    // A cleared field is absent from the whole-profile event that follows.
    expect(events[1].data.callbackPhone).toBeUndefined();
    expect(events[2].data.smsOriginationNumber).toBe('+4915790001234');
    for (const e of events) {
      for (const secret of [tenant.webhookSecret, rotated.webhookSecret, key]) expect(e.raw).not.toContain(secret);
      expect(e.raw).not.toMatch(/whsec_|settle_sk_/);
    }
    const [row] = await h.query<{ profile_version: string; profile_published_version: string }>('ingest', `SELECT profile_version, profile_published_version FROM tenant WHERE id = $1`, [tenant.tenantId]);
    expect(row).toEqual({ profile_version: '3', profile_published_version: '3' });
  });

  it('publishes at start-up a tenant whose profile never was (from before the topic), and again every profile on the operator’s republish', async () => {
    const legacy = randomUUID();
    await h.query('ingest', `INSERT INTO tenant (id, display_name, webhook_secrets, sms_sender_id) VALUES ($1, 'Old Lender', ARRAY['whsec_legacy'], 'OldLender')`, [legacy]);
    await h.stop('ingest');
    await h.start('ingest');
    const afterStart = await profileEvents(published + 1, legacy);
    expect(afterStart.map((e) => [e.data.profileVersion, e.data.displayName, e.data.smsSenderId])).toEqual([[1, 'Old Lender', 'OldLender']]);
    published += 1;

    // Restarting again publishes nothing new: every version is marked published.
    await h.stop('ingest');
    await h.start('ingest');
    const before = await profileEvents(published + 1, undefined, 4_000);
    expect(before.length).toBe(published);
    const seen = new Set(before.map((e) => e.id));

    const res = await call('POST', '/v1/admin/tenants/republish-profiles', ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ republished: 2 });
    // The topic's partitions interleave in any order: what is new is what was not seen before.
    const again = (await profileEvents(published + 2)).filter((e) => !seen.has(e.id));
    expect(again.map((e) => [e.data.displayName, e.data.profileVersion]).sort()).toEqual([['Acme Pay Europe', 3], ['Old Lender', 1]]);
    expect((await call('POST', '/v1/admin/tenants/republish-profiles', 'not-the-token')).status).toBe(401);
  });

  it('is a compacted topic: the latest profile of each tenant outlives time retention', async () => {
    const admin = h.kafka.kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2 /* TOPIC */, name: h.kafka.topics.physical(TENANT_EVENTS_V1), configNames: ['cleanup.policy'] }],
      });
      expect(resources[0].configEntries.find((c) => c.configName === 'cleanup.policy')?.configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }
  });
});
