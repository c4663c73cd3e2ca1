import { RunningService, startService } from '@settle/service-kit';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed } from '../../../settle-e2e/src/harness';
import { INGEST_SERVICE, IngestModule } from '../ingest.module';

jest.setTimeout(180_000);

describe('per-tenant rate limits: 429 with Retry-After on API-key and webhook routes', () => {
  let h: SettleHarness;
  let ingest: RunningService;

  beforeAll(async () => {
    h = await SettleHarness.create('ratelimit');
    ingest = await startService(INGEST_SERVICE, IngestModule, {
      port: 0,
      clock: h.clock,
      env: { ...h.env(), API_RATE_LIMIT_PER_SECOND: '1', API_RATE_LIMIT_BURST: '3', WEBHOOK_RATE_LIMIT_PER_SECOND: '0.5', WEBHOOK_RATE_LIMIT_BURST: '2' },
    });
    // The harness's helpers address the service by name.
    h.running.set('ingest', ingest);
  });

  afterAll(async () => {
    await h?.close();
  });

  const get = (path: string, token: string) => fetch(`${ingest.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const adminKey = async (tenantId: string) => {
    const res = await fetch(`${ingest.url}/v1/admin/tenants/${tenantId}/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'admin', scopes: ['admin'] }),
    });
    return ((await res.json()) as { key: string }).key;
  };

  it('lets a tenant’s key burst, then answers 429 with Retry-After until the bucket refills; other tenants and the operator are unaffected', async () => {
    const a = await h.createTenant('Busy Bank');
    const b = await h.createTenant('Quiet Bank');
    const [keyA, keyB] = [await adminKey(a.tenantId), await adminKey(b.tenantId)];
    const path = (id: string) => `/v1/admin/tenants/${id}/api-keys`;

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(path(a.tenantId), keyA)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await get(path(a.tenantId), keyA);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await limited.json()) as { type: string }).type).toMatch(/rate-limited$/);

    expect((await get(path(b.tenantId), keyB)).status).toBe(200);
    expect((await get(path(a.tenantId), ADMIN_TOKEN)).status).toBe(200);

    h.clock.advance(1_000);
    expect((await get(path(a.tenantId), keyA)).status).toBe(200);
    expect((await get(path(a.tenantId), keyA)).status).toBe(429);
  });

  it('limits signed webhooks per tenant, writes nothing for a refused one, and does not count forged ones', async () => {
    const tenant = await h.createTenant('Webhook Flood Bank');
    const outbox = async () => Number((await h.query<{ n: string }>('ingest', 'SELECT count(*) AS n FROM outbox'))[0].n);

    // Forged requests naming the tenant fail authentication and leave its allowance alone.
    for (let i = 0; i < 5; i++) expect((await h.sendWebhook(tenant, instalmentMissed(), { secret: 'whsec_forged' })).status).toBe(401);

    expect((await h.sendWebhook(tenant, instalmentMissed())).status).toBe(202);
    expect((await h.sendWebhook(tenant, instalmentMissed())).status).toBe(202);
    const before = await outbox();
    const refused = await h.sendWebhook(tenant, instalmentMissed());
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await outbox()).toBe(before);

    h.clock.advance(2_000);
    expect((await h.sendWebhook(tenant, instalmentMissed())).status).toBe(202);
  });
});
