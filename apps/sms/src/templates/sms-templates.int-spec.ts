import { randomUUID } from 'node:crypto';
import { SettleHarness } from '../../../settle-e2e/src/harness';
import { admin, problemOf, sendCommands, smsRequested, startSms, waitForOutcome, waitForPublished } from '../testing/sms-test-kit';

jest.setTimeout(180_000);

const DE_BODY = 'Servus {{firstName}}! {{amount}} für {{merchant}} ist offen. Hier geht es schnell: {{link}} - {{brand}}';
const EN_BODY = 'Hey {{firstName}}, {{brand}} here: {{amount}} for {{merchant}} is waiting. Pay in a tap: {{link}}';

describe('tenant SMS templates (real broker, database and the SNS sandbox)', () => {
  let h: SettleHarness;
  const tenantId = randomUUID();
  let phoneCounter = 0;
  const nextPhone = () => `+49152000${String(++phoneCounter).padStart(5, '0')}`;

  beforeAll(async () => {
    h = await startSms('smstpl');
  });

  afterAll(async () => {
    await h?.close();
  });

  async function deliver(over: Parameters<typeof smsRequested>[1]) {
    const phone = nextPhone();
    const command = smsRequested(tenantId, { ...over, to: phone });
    await sendCommands(h, command);
    expect(await waitForOutcome(h, command.data.stepId)).toMatchObject({ type: 'sms.sent' });
    const [sms] = await waitForPublished(h, phone, 1);
    return sms.message;
  }

  it('saves a template as a new version each time, reporting encoding and segments of a realistic example', async () => {
    const first = await admin(h, 'PUT', `/v1/tenants/${tenantId}/sms-templates/reminder/de/friendly`, { body: 'Hallo {{firstName}}: {{link}} - {{brand}}' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ tenantId, name: 'reminder', language: 'de', tone: 'friendly', version: 1 });

    const second = await admin(h, 'PUT', `/v1/tenants/${tenantId}/sms-templates/reminder/de/friendly`, { body: DE_BODY });
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual({
      tenantId, name: 'reminder', language: 'de', tone: 'friendly', version: 2, jurisdictions: [], warnings: [],
      example: { text: expect.stringContaining('Servus Alexandra! 1.234,56 € für Nordic Bikes & Outdoor ist offen.'), encoding: 'GSM-7', segments: 1, units: expect.any(Number) },
    });
  });

  it("delivers the tenant's latest template when the command names it, for the language and its regional tags", async () => {
    expect(await deliver({ template: 'reminder', language: 'de-AT', tone: 'friendly' })).toBe(
      'Servus Lena! 89,50 € für Nordic Bikes ist offen. Hier geht es schnell: https://pay.example/p/AbCdEfGh1234 - Acme Pay',
    );
  });

  it("falls back to the tenant's English template, then to the system default", async () => {
    expect((await admin(h, 'PUT', `/v1/tenants/${tenantId}/sms-templates/reminder/en/friendly`, { body: EN_BODY })).status).toBe(201);
    expect(await deliver({ template: 'reminder', language: 'fr', tone: 'friendly' })).toBe(
      'Hey Lena, Acme Pay here: €89.50 for Nordic Bikes is waiting. Pay in a tap: https://pay.example/p/AbCdEfGh1234',
    );
    // No tenant template for this tone, or no template named: the default in the debtor's language.
    expect(await deliver({ template: 'reminder', language: 'fr', tone: 'urgent' })).toMatch(/^Bonjour Lena, 89,50 € pour Nordic Bikes est en retard/);
    expect(await deliver({ language: 'de', tone: 'friendly' })).toMatch(/^Hallo Lena, deine Zahlung von 89,50 €/);
    // Another tenant's templates are not used.
    const otherTenant = smsRequested(randomUUID(), { template: 'reminder', language: 'de', tone: 'friendly', to: nextPhone() });
    await sendCommands(h, otherTenant);
    const [sms] = await waitForPublished(h, otherTenant.data.to, 1);
    expect(sms.message).toMatch(/^Hallo Lena, deine Zahlung/);
  });

  it('rejects a bad template with a problem naming each field error, and stores nothing', async () => {
    const res = await admin(h, 'PUT', `/v1/tenants/${tenantId}/sms-templates/reminder/en/urgent`, {
      body: `Hi {{name}}, pay {{total}} now. - {{brand}} ${'Thank you for sorting this out quickly. '.repeat(8)}`,
      jurisdictions: ['US'],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await problemOf(res);
    expect(problem).toMatchObject({ type: 'https://settle.dev/problems/validation', status: 400, example: { encoding: 'GSM-7', segments: 3 } });
    expect(problem.errors).toEqual([
      { field: 'body', problem: expect.stringMatching(/^unknown variables \{\{name\}\}, \{\{total\}\}; known: /) },
      { field: 'body', problem: 'must contain {{link}}: every reminder carries its payment link' },
      { field: 'body', problem: expect.stringContaining('must contain "STOP"') },
      { field: 'body', problem: expect.stringMatching(/^a realistic example needs 3 segments/) },
    ]);
    expect(await h.query('sms', `SELECT 1 FROM sms_template WHERE tenant_id = $1 AND tone = 'urgent'`, [tenantId])).toEqual([]);

    const badPath = await admin(h, 'PUT', '/v1/tenants/not-a-uuid/sms-templates/re%20minder/xx-yy/angry', { body: 'Pay {{link}}' });
    expect((await problemOf(badPath)).errors.map((e) => e.field)).toEqual(['tenantId', 'name', 'language', 'tone']);
  });

  it('accepts a US template that says STOP', async () => {
    const res = await admin(h, 'PUT', `/v1/tenants/${tenantId}/sms-templates/reminder/en-US/reminder`, {
      body: 'Hi {{firstName}}, {{amount}} for {{merchant}} is due {{dueDate}}: {{link}} Reply STOP to opt out. - {{brand}}', jurisdictions: ['US'],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ version: 1, jurisdictions: ['US'] });
  });

  it('needs the admin token', async () => {
    const res = await admin(h, 'PUT', `/v1/tenants/${tenantId}/sms-templates/reminder/en/friendly`, { body: EN_BODY }, 'wrong-token');
    expect(res.status).toBe(401);
    expect((await admin(h, 'POST', `/v1/tenants/${tenantId}/sms-templates/preview`, { body: EN_BODY }, 'wrong-token')).status).toBe(401);
  });

  describe('preview', () => {
    const preview = (body: unknown) => admin(h, 'POST', `/v1/tenants/${tenantId}/sms-templates/preview`, body);

    it('renders a given body with the sample values', async () => {
      const res = await preview({ body: 'Hej {{firstName}}! {{amount}}: {{link}} - {{brand}}', language: 'sv', sample: { firstName: 'Åsa', link: 'https://p.example/x', brand: 'Acme' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        text: 'Hej Åsa! 1 234,56 €: https://p.example/x - Acme', encoding: 'GSM-7', segments: 1, units: 48, fits: true, maxSegments: 2, source: 'request', language: 'sv',
      });
    });

    it('shows UCS-2 and the segments it costs', async () => {
      const res = await preview({ body: 'Cześć {{firstName}}! {{link}}', language: 'pl', sample: { firstName: 'Łucja' } });
      expect(await res.json()).toMatchObject({ text: 'Cześć Łucja! https://pay.settle.example/p/AbCdEfGh1234', encoding: 'UCS-2', segments: 1, units: 54 });
    });

    it("renders a stored template by name through the tenant's fallback chain, else the system default", async () => {
      expect(await (await preview({ name: 'reminder', language: 'de-CH', tone: 'friendly' })).json()).toMatchObject({ source: 'tenant', language: 'de', version: 2, text: expect.stringMatching(/^Servus Alexandra!/) });
      expect(await (await preview({ name: 'reminder', language: 'it', tone: 'friendly' })).json()).toMatchObject({ source: 'tenant', language: 'en', text: expect.stringMatching(/^Hey Alexandra, Acme Pay here/) });
      expect(await (await preview({ name: 'reminder', language: 'it', tone: 'urgent' })).json()).toMatchObject({ source: 'system', language: 'it', text: expect.stringMatching(/^Ciao Alexandra, il pagamento/) });
    });

    it('reports a too-long body as not fitting', async () => {
      expect(await (await preview({ body: `${'Long text. '.repeat(30)}{{link}}` })).json()).toMatchObject({ encoding: 'GSM-7', segments: 3, fits: false });
    });

    it('rejects unknown variables and bad requests with field errors', async () => {
      const res = await preview({ body: 'Hi {{nickname}} {{link}}', sample: { nickname: 'x', amount: 5 }, language: 'German' });
      expect(res.status).toBe(400);
      expect((await problemOf(res)).errors).toEqual([
        { field: 'sample.nickname', problem: expect.stringContaining('is not a template variable') },
        { field: 'sample.amount', problem: 'must be a string' },
        { field: 'language', problem: 'must be a language tag such as de or de-AT' },
        { field: 'body', problem: expect.stringContaining('unknown variable {{nickname}}') },
      ]);
      expect((await problemOf(await preview({ language: 'en' }))).errors.map((e) => e.field)).toEqual(['name', 'tone']);
    });
  });
});
