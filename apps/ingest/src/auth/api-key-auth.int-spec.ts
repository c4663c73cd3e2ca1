import { Controller, Get, Module, Post } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RunningService, startService } from '@settle/service-kit';
import { ADMIN_TOKEN, SettleHarness } from '../../../settle-e2e/src/harness';
import { INGEST_SERVICE } from '../ingest.module';
import { AuthModule, Principal, RequireScopes, TenantPrincipal } from './index';

/** A stand-in for the public API's controllers: what @RequireScopes and @Principal give them. */
@Controller('probe')
class ProbeController {
  @Get('cases')
  @RequireScopes('cases:read')
  read(@Principal() principal: TenantPrincipal) {
    return principal;
  }

  @Post('cases')
  @RequireScopes('cases:write')
  write(@Principal() principal: TenantPrincipal) {
    return principal;
  }
}

@Module({ imports: [AuthModule], controllers: [ProbeController] })
class ProbeModule {}

jest.setTimeout(180_000);

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { field: string; problem: string }[];
}

describe('tenant API keys: shown once, stored hashed, scoped, revocable', () => {
  let h: SettleHarness;
  let a: { tenantId: string };
  let b: { tenantId: string };
  let probe: RunningService;

  beforeAll(async () => {
    h = await SettleHarness.create('apikeys');
    await h.start('ingest');
    a = await h.createTenant('Key Bank A');
    b = await h.createTenant('Key Bank B');
    probe = await startService(INGEST_SERVICE, ProbeModule, { port: 0, env: h.env(), clock: h.clock });
  });

  afterAll(async () => {
    await probe?.stop();
    await h?.close();
  });

  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${h.url('ingest')}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const problem = async (res: Response) => {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await res.json()) as Problem;
  };
  const createKey = async (tenantId: string, scopes: string[], token = ADMIN_TOKEN) => {
    const res = await call('POST', `/v1/admin/tenants/${tenantId}/api-keys`, token, { name: `key ${scopes.join(' ')}`, scopes });
    expect(res.status).toBe(201);
    return (await res.json()) as { keyId: string; key: string; prefix: string; scopes: string[]; revokedAt: string | null };
  };

  it('creates a key once: the response carries it, the table only its SHA-256, the listing never', async () => {
    const created = await createKey(a.tenantId, ['cases:read']);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const [row] = await h.query<{ key_sha256: Buffer }>('ingest', 'SELECT key_sha256 FROM api_key WHERE id = $1', [created.keyId]);
    expect(row.key_sha256.toString('hex')).toBe(createHash('sha256').update(created.key).digest('hex'));
    const stored = await h.query<{ t: string }>('ingest', `SELECT row_to_json(api_key)::text AS t FROM api_key WHERE id = $1`, [created.keyId]);
    expect(stored[0].t).not.toContain(created.key.split('_').at(-1));

    const list = await call('GET', `/v1/admin/tenants/${a.tenantId}/api-keys`, ADMIN_TOKEN);
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).toContain(created.keyId);
    expect(text).not.toContain(created.key);
  });

  it('answers bad key requests with 400 naming the field', async () => {
    const res = await call('POST', `/v1/admin/tenants/${a.tenantId}/api-keys`, ADMIN_TOKEN, { name: '', scopes: ['cases:read', 'root'] });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors!.map((e) => e.field).sort()).toEqual(['name', 'scopes']);
    const none = await call('POST', `/v1/admin/tenants/${a.tenantId}/api-keys`, ADMIN_TOKEN, { name: 'x', scopes: [] });
    expect((await problem(none)).errors![0].field).toBe('scopes');
  });

  it('lets an admin key manage its own tenant’s keys and nobody else’s; other scopes cannot manage keys at all', async () => {
    const adminA = await createKey(a.tenantId, ['admin']);
    const readerA = await createKey(a.tenantId, ['cases:read']);
    const made = await createKey(a.tenantId, ['events:write'], adminA.key);
    expect(made.scopes).toEqual(['events:write']);

    const foreign = await call('GET', `/v1/admin/tenants/${b.tenantId}/api-keys`, adminA.key);
    expect(foreign.status).toBe(403);
    await problem(foreign);
    const foreignCreate = await call('POST', `/v1/admin/tenants/${b.tenantId}/api-keys`, adminA.key, { name: 'x', scopes: ['admin'] });
    expect(foreignCreate.status).toBe(403);
    expect(await h.query('ingest', 'SELECT id FROM api_key WHERE tenant_id = $1', [b.tenantId])).toHaveLength(0);

    const weak = await call('GET', `/v1/admin/tenants/${a.tenantId}/api-keys`, readerA.key);
    expect(weak.status).toBe(403);
    expect((await problem(weak)).type).toMatch(/insufficient-scope$/);

    const tenantCreate = await call('POST', `/v1/admin/tenants`, adminA.key, { displayName: 'Sneaky' });
    expect(tenantCreate.status).toBe(401);
  });

  it('rejects unknown, tampered and revoked keys with 401, and revocation takes effect at once', async () => {
    const adminA = await createKey(a.tenantId, ['admin']);
    const victim = await createKey(a.tenantId, ['admin']);
    const path = `/v1/admin/tenants/${a.tenantId}/api-keys`;
    expect((await call('GET', path, victim.key)).status).toBe(200);

    const tampered = victim.key.slice(0, -1) + (victim.key.endsWith('A') ? 'B' : 'A');
    const bad = await call('GET', path, tampered);
    expect(bad.status).toBe(401);
    expect((await problem(bad)).type).toMatch(/unauthorized$/);
    expect((await call('GET', path, 'settle_sk_00000000000000000000000000000000_' + 'A'.repeat(43))).status).toBe(401);
    expect((await call('GET', path, 'nonsense')).status).toBe(401);
    const missing = await fetch(`${h.url('ingest')}${path}`);
    expect(missing.status).toBe(401);

    const revoke = await call('DELETE', `${path}/${victim.keyId}`, adminA.key);
    expect(revoke.status).toBe(200);
    expect(((await revoke.json()) as { revokedAt: string }).revokedAt).toBeTruthy();
    const after = await call('GET', path, victim.key);
    expect(after.status).toBe(401);
    expect((await problem(after)).type).toMatch(/revoked-api-key$/);

    // B's admin cannot revoke A's key, even knowing its id.
    const adminB = await createKey(b.tenantId, ['admin']);
    const cross = await call('DELETE', `/v1/admin/tenants/${b.tenantId}/api-keys/${adminA.keyId}`, adminB.key);
    expect(cross.status).toBe(404);
    expect((await call('GET', path, adminA.key)).status).toBe(200);
  });

  it('@RequireScopes lets a key with the scope through with its principal, 403s one without, 401s none', async () => {
    const reader = await createKey(a.tenantId, ['cases:read']);
    const ok = await fetch(`${probe.url}/probe/cases`, { headers: { authorization: `Bearer ${reader.key}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ tenantId: a.tenantId, keyId: reader.keyId, scopes: ['cases:read'] });

    const write = await fetch(`${probe.url}/probe/cases`, { method: 'POST', headers: { authorization: `Bearer ${reader.key}` } });
    expect(write.status).toBe(403);
    const body = await problem(write);
    expect(body.type).toMatch(/insufficient-scope$/);
    expect(body.detail).toContain('cases:write');

    const admin = await createKey(b.tenantId, ['admin']);
    const asAdmin = await fetch(`${probe.url}/probe/cases`, { method: 'POST', headers: { authorization: `Bearer ${admin.key}` } });
    expect(asAdmin.status).toBe(201);
    expect(((await asAdmin.json()) as TenantPrincipal).tenantId).toBe(b.tenantId);

    const operator = await fetch(`${probe.url}/probe/cases`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(operator.status).toBe(401);
    expect((await fetch(`${probe.url}/probe/cases`)).status).toBe(401);
  });
});
