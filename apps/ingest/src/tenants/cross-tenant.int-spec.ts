import { accountIdFor } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed } from '../../../settle-e2e/src/harness';

jest.setTimeout(240_000);

interface Route {
  method: string;
  path: string;
}

/** Every HTTP route ingest serves, read from its router: a route added later is covered without editing this test. */
function routesOf(app: { getHttpAdapter(): { getInstance(): unknown } }): Route[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)!.stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).filter((m) => m !== '_all').map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })));
}
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Tenant A holds a key with every scope (`admin` implies the rest) and tries every ingest route
 * with tenant B's identifiers. Nothing of B's may come back, nothing of B's may change.
 */
describe('tenant isolation over HTTP: A’s API key cannot read or change B’s data through any ingest route', () => {
  let h: SettleHarness;
  let a: { tenantId: string; webhookSecret: string };
  let b: { tenantId: string; webhookSecret: string };
  let keyA: string;
  const bIds: Record<string, string> = {};
  const REF_B = `bravo-private-ref-${randomUUID().slice(0, 8)}`;

  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${h.url('ingest')}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const snapshotOfB = async () => {
    const ingest = await h.query<{ t: string }>(
      'ingest',
      `SELECT string_agg(x, '|' ORDER BY x) AS t FROM (
         SELECT row_to_json(t)::text AS x FROM tenant t WHERE id = $1
         UNION ALL SELECT row_to_json(k)::text FROM api_key k WHERE tenant_id = $1
         UNION ALL SELECT row_to_json(e)::text FROM webhook_endpoint e WHERE tenant_id = $1
         UNION ALL SELECT row_to_json(l)::text FROM lender_event l WHERE tenant_id = $1) rows`,
      [b.tenantId],
    );
    const scheduler = await h.query<{ t: string }>(
      'scheduler', `SELECT string_agg(row_to_json(c)::text, '|' ORDER BY c.id) AS t FROM recovery_case c WHERE tenant_id = $1`, [b.tenantId],
    );
    return `${ingest[0].t}#${scheduler[0].t}`;
  };

  beforeAll(async () => {
    h = await SettleHarness.create('crosstenant');
    await h.start('scheduler', 'ingest');
    a = await h.createTenant('Alpha Lender');
    b = await h.createTenant('Bravo Lender');
    const key = async (tenantId: string) => {
      const res = await call('POST', `/v1/admin/tenants/${tenantId}/api-keys`, ADMIN_TOKEN, { name: 'all', scopes: ['admin'] });
      return (await res.json()) as { key: string; keyId: string };
    };
    keyA = (await key(a.tenantId)).key;
    bIds.keyId = (await key(b.tenantId)).keyId;
    expect((await call('PUT', `/v1/admin/tenants/${b.tenantId}/webhook-endpoint`, ADMIN_TOKEN, { url: 'https://bravo.example/hooks' })).status).toBeLessThan(300);

    // B's data: an account and a case, made the real way (signed webhook → scheduler).
    expect((await h.sendWebhook(b, instalmentMissed({ ref: REF_B }))).status).toBe(202);
    bIds.accountId = accountIdFor(b.tenantId, REF_B);
    bIds.caseId = await waitFor('B’s case', async () => {
      const [row] = await h.query<{ id: string }>('scheduler', 'SELECT id FROM recovery_case WHERE account_id = $1', [bIds.accountId]);
      return row?.id;
    }, 120_000);
    // Let the rest of B's pipeline settle before the snapshot.
    await waitFor('ingest’s outbox drained', async () => {
      const [row] = await h.query<{ n: string }>('ingest', 'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL');
      return Number(row.n) === 0 || undefined;
    }, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  });

  afterAll(async () => h?.close());

  it('covers every route, answers A with 4xx wherever B’s ids are named, and never shows or changes anything of B’s', async () => {
    const routes = routesOf(h.running.get('ingest')!.app);
    expect(routes.length).toBeGreaterThan(10);
    const valueFor: Record<string, string> = {
      id: b.tenantId, tenantId: b.tenantId, keyId: bIds.keyId, caseId: bIds.caseId, accountId: bIds.accountId,
      externalRef: REF_B, deliveryId: randomUUID(), action: 'close', code: 'AbCdEfGhIjKl', kind: 'term_extension', file: 'swagger-ui.css',
    };
    const secretsOfB = [b.tenantId, bIds.keyId, bIds.caseId, bIds.accountId, REF_B, b.webhookSecret];
    const before = await snapshotOfB();
    const tried: string[] = [];

    for (const route of routes) {
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const unmapped = params.filter((p) => !(p in valueFor));
      expect([route.path, unmapped]).toEqual([route.path, []]);
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(valueFor[name]));
      const body = ['POST', 'PUT', 'PATCH'].includes(route.method)
        ? { displayName: 'Hijacked', url: 'https://evil.example/hook', name: 'x', scopes: ['admin'], since: '2026-01-01T00:00:00Z', reason: 'x', channels: { sms: { optedOut: true } } }
        : undefined;
      const res = await call(route.method, path, keyA, body);
      const text = await res.text();
      tried.push(`${route.method} ${route.path} → ${res.status}`);
      expect([route.method, route.path, res.status < 500]).toEqual([route.method, route.path, true]);
      if (params.some((p) => ['id', 'tenantId', 'keyId', 'caseId', 'accountId', 'externalRef'].includes(p))) {
        expect([route.method, route.path, res.status >= 400]).toEqual([route.method, route.path, true]);
      }
      // An id the request itself named may be echoed back (a 404 saying which); anything else of B's may not appear.
      for (const secret of secretsOfB.filter((x) => !decodeURIComponent(path).includes(x))) expect([route.method, route.path, text.includes(secret)]).toEqual([route.method, route.path, false]);
    }

    // The signed webhook route: A's secret cannot speak for B.
    const forged = await h.sendWebhook({ tenantId: b.tenantId, webhookSecret: a.webhookSecret }, instalmentMissed({ ref: REF_B }));
    expect(forged.status).toBe(401);

    expect(await snapshotOfB()).toBe(before);
    // The routes this run covered, for the record.
    expect(tried.join('\n')).toMatch(/v1\/admin\/tenants\/:id\/api-keys/);
  });
});
