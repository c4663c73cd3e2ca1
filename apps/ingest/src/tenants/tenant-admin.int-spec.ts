import { ADMIN_TOKEN, SettleHarness, instalmentMissed } from '../../../settle-e2e/src/harness';

jest.setTimeout(180_000);

interface Problem {
  type: string;
  status: number;
  errors?: { field: string; problem: string }[];
}

const BRAND = {
  displayName: 'Klarlich Pay',
  brandColour: '#0a6e4f',
  logoUrl: 'https://cdn.klarlich.example/logo.svg',
  defaultLanguage: 'de-AT',
  defaultTone: 'warm',
  jurisdictions: ['AT', 'DE'],
  smsSenderId: 'Klarlich',
  smsOriginationNumber: '+43676123456',
  emailFrom: 'Klarlich Pay <zahlung@klarlich.example>',
  callbackPhone: '+43800123456',
};

describe('tenant admin: white-label profile, validation, access, webhook secret rotation', () => {
  let h: SettleHarness;

  beforeAll(async () => {
    h = await SettleHarness.create('tenantadmin');
    await h.start('ingest');
  });

  afterAll(async () => h?.close());

  const call = (method: string, path: string, token: string, body?: unknown, contentType = 'application/json') =>
    fetch(`${h.url('ingest')}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const problem = async (res: Response) => {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await res.json()) as Problem;
  };
  const adminKey = async (tenantId: string) => {
    const res = await call('POST', `/v1/admin/tenants/${tenantId}/api-keys`, ADMIN_TOKEN, { name: 'admin', scopes: ['admin'] });
    return ((await res.json()) as { key: string }).key;
  };

  it('creates a branded tenant, shows its secret once, and reads it back without any secret', async () => {
    const res = await call('POST', '/v1/admin/tenants', ADMIN_TOKEN, BRAND);
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, unknown> & { tenantId: string; webhookSecret: string };
    expect(created.webhookSecret).toMatch(/^whsec_/);
    const { displayName, ...rest } = BRAND;
    expect(created).toMatchObject({ displayName, ...rest });

    const got = await call('GET', `/v1/admin/tenants/${created.tenantId}`, ADMIN_TOKEN);
    expect(got.status).toBe(200);
    const text = await got.text();
    expect(JSON.parse(text)).toMatchObject(BRAND);
    expect(text).not.toContain(created.webhookSecret);

    // The minimal body the harness sends still works, with defaults.
    const minimal = await h.createTenant('Plain Bank');
    const plain = (await (await call('GET', `/v1/admin/tenants/${minimal.tenantId}`, ADMIN_TOKEN)).json()) as Record<string, unknown>;
    expect(plain).toMatchObject({ displayName: 'Plain Bank', defaultLanguage: 'en', defaultTone: 'neutral', jurisdictions: [], brandColour: null });
  });

  it('answers invalid profiles with 400 naming every bad field, and a wrong content type with 415', async () => {
    const res = await call('POST', '/v1/admin/tenants', ADMIN_TOKEN, {
      displayName: 'Bad', brandColour: 'green', logoUrl: 'http://insecure.example/logo.png', defaultLanguage: 'German',
      defaultTone: 'snarky', jurisdictions: ['Germany'], smsSenderId: 'WayTooLongSender', smsOriginationNumber: '0151 1234',
      emailFrom: 'not an address', callbackPhone: '12',
    });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors!.map((e) => e.field).sort()).toEqual([
      'brandColour', 'callbackPhone', 'defaultLanguage', 'defaultTone', 'emailFrom', 'jurisdictions', 'logoUrl', 'smsOriginationNumber', 'smsSenderId',
    ]);
    // SNS refuses a sender id with a space: refused here, not at the first send.
    const spaced = await call('POST', '/v1/admin/tenants', ADMIN_TOKEN, { displayName: 'Spaced', smsSenderId: 'Acme Pay' });
    expect((await problem(spaced)).errors).toEqual([{ field: 'smsSenderId', problem: expect.stringContaining('no spaces') }]);
    const nameless = await call('POST', '/v1/admin/tenants', ADMIN_TOKEN, { brandColour: '#000000' });
    expect((await problem(nameless)).errors).toEqual([{ field: 'displayName', problem: 'displayName is required' }]);
    const text = await call('POST', '/v1/admin/tenants', ADMIN_TOKEN, 'displayName=x', 'text/plain');
    expect(text.status).toBe(415);
    expect(await h.query('ingest', `SELECT id FROM tenant WHERE display_name IN ('Bad', 'x')`)).toHaveLength(0);
  });

  it('updates only the given fields, clears nullable ones with null, and refuses to null a required one', async () => {
    const { tenantId } = await h.createTenant('Patch Bank');
    const res = await call('PATCH', `/v1/admin/tenants/${tenantId}`, ADMIN_TOKEN, { brandColour: '#112233', jurisdictions: ['GB-SCT'] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ displayName: 'Patch Bank', brandColour: '#112233', jurisdictions: ['GB-SCT'] });
    const cleared = await call('PATCH', `/v1/admin/tenants/${tenantId}`, ADMIN_TOKEN, { brandColour: null });
    expect(await cleared.json()).toMatchObject({ brandColour: null, jurisdictions: ['GB-SCT'] });
    const bad = await call('PATCH', `/v1/admin/tenants/${tenantId}`, ADMIN_TOKEN, { displayName: null, defaultTone: null });
    const blank = await call('PATCH', `/v1/admin/tenants/${tenantId}`, ADMIN_TOKEN, { displayName: '   ' });
    expect((await problem(blank)).errors).toEqual([{ field: 'displayName', problem: 'displayName must not be blank' }]);
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors!.map((e) => e.field).sort()).toEqual(['defaultTone', 'displayName']);
    expect((await call('PATCH', `/v1/admin/tenants/00000000-0000-4000-8000-000000000000`, ADMIN_TOKEN, { displayName: 'x' })).status).toBe(404);
  });

  it('lets a tenant admin key read and update its own tenant only; listing and creating tenants is the operator’s', async () => {
    const a = await h.createTenant('Own Bank A');
    const b = await h.createTenant('Own Bank B');
    const keyA = await adminKey(a.tenantId);
    expect((await call('GET', `/v1/admin/tenants/${a.tenantId}`, keyA)).status).toBe(200);
    expect((await call('PATCH', `/v1/admin/tenants/${a.tenantId}`, keyA, { defaultTone: 'formal' })).status).toBe(200);

    const readB = await call('GET', `/v1/admin/tenants/${b.tenantId}`, keyA);
    expect(readB.status).toBe(403);
    await problem(readB);
    expect((await call('PATCH', `/v1/admin/tenants/${b.tenantId}`, keyA, { displayName: 'Hijacked' })).status).toBe(403);
    expect((await call('POST', `/v1/admin/tenants/${b.tenantId}/webhook-secrets/rotate`, keyA)).status).toBe(403);
    expect((await call('GET', '/v1/admin/tenants', keyA)).status).toBe(401);
    const [row] = await h.query<{ display_name: string }>('ingest', 'SELECT display_name FROM tenant WHERE id = $1', [b.tenantId]);
    expect(row.display_name).toBe('Own Bank B');
  });

  it('rotates the webhook secret: old and new both verify inside the window, only the new one after it', async () => {
    const tenant = await h.createTenant('Rotating Bank');
    const key = await adminKey(tenant.tenantId);
    const res = await call('POST', `/v1/admin/tenants/${tenant.tenantId}/webhook-secrets/rotate`, key);
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { webhookSecret: string; previousSecretValidUntil: string };
    expect(rotated.webhookSecret).not.toBe(tenant.webhookSecret);
    expect(new Date(rotated.previousSecretValidUntil).getTime() - h.clock.now().getTime()).toBe(24 * 3_600_000);

    const withOld = await h.sendWebhook(tenant, instalmentMissed());
    expect(withOld.status).toBe(202);
    const withNew = await h.sendWebhook({ ...tenant, webhookSecret: rotated.webhookSecret }, instalmentMissed());
    expect(withNew.status).toBe(202);

    h.clock.advance(24 * 3_600_000 + 1_000);
    const oldAfter = await h.sendWebhook(tenant, instalmentMissed());
    expect(oldAfter.status).toBe(401);
    expect((await problem(oldAfter)).type).toMatch(/bad-signature$/);
    expect((await h.sendWebhook({ ...tenant, webhookSecret: rotated.webhookSecret }, instalmentMissed())).status).toBe(202);
  });
});
