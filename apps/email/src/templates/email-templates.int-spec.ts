import { EMAIL_COMMANDS_V1, EVENTS, EmailRequestedV1, EventEnvelope, newEvent, recordKey } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, SettleHarness } from '../../../settle-e2e/src/harness';
import { SmtpPeer } from '../testing/smtp-peer';

jest.setTimeout(180_000);

const GOOD = {
  subject: '{{brand}}: your {{merchant}} payment',
  html: '<p>Hallo {{firstName}},</p><p>{{amount}} für {{merchant}} sind noch offen.</p><p><a href="{{link}}">Jetzt zahlen</a></p>',
  text: 'Hallo {{firstName}},\n{{amount}} für {{merchant}} sind noch offen.\nJetzt zahlen: {{link}}',
};

describe('tenant email templates: save, validate, preview, send', () => {
  let h: SettleHarness;
  let peer: SmtpPeer;
  const tenantId = randomUUID();

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    process.env.TEST_SMTP_URL = peer.url;
    h = await SettleHarness.create('emailtpl');
    await h.start('email');
  });

  afterAll(async () => {
    await h?.close();
    await peer?.stop();
  });

  const admin = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) =>
    fetch(`${h.url('email')}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  it('saves versions, refuses an invalid template naming each problem, and needs the admin token', async () => {
    const first = await admin('PUT', `/v1/tenants/${tenantId}/email-templates/late/de/friendly`, GOOD);
    expect(first.status).toBe(201);
    const saved = (await first.json()) as { version: number; example: { subject: string; text: string } };
    expect(saved.version).toBe(1);
    expect(saved.example.subject).toBe('Acme Pay: your Nordic Bikes & Outdoor payment');
    expect(saved.example.text).toContain('-- ');
    expect(((await (await admin('PUT', `/v1/tenants/${tenantId}/email-templates/late/de/friendly`, GOOD)).json()) as { version: number }).version).toBe(2);

    const bad = await admin('PUT', `/v1/tenants/${tenantId}/email-templates/late/de/friendly`, { subject: '{{vorname}}', html: '<p>{{amount}}</p><script>x</script>', text: '{{link}}' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problems = ((await bad.json()) as { errors: { field: string; problem: string }[] }).errors;
    expect(problems.map((e) => e.field)).toEqual(['subject', 'html', 'html']);
    expect(problems[0].problem).toMatch(/^unknown variable \{\{vorname\}\}/);
    expect((await admin('PUT', `/v1/tenants/${tenantId}/email-templates/late/de/friendly`, GOOD, 'wrong-token-0123456789abcdef')).status).toBe(401);
  });

  it('previews a stored template through the language fallback, a template given inline, and the system default', async () => {
    const stored = (await (await admin('POST', `/v1/tenants/${tenantId}/email-templates/preview`, { name: 'late', tone: 'friendly', language: 'de-AT', sample: { firstName: 'Anna' } })).json()) as Record<string, string | number>;
    expect(stored).toMatchObject({ source: 'tenant', language: 'de', version: 2 });
    expect(stored.html).toContain('Hallo Anna,');
    const inline = (await (await admin('POST', `/v1/tenants/${tenantId}/email-templates/preview`, { ...GOOD, subject: 'Hi {{firstName}}', language: 'en' })).json()) as Record<string, string>;
    expect(inline).toMatchObject({ source: 'request', subject: 'Hi Alexandra' });
    const system = (await (await admin('POST', `/v1/tenants/${tenantId}/email-templates/preview`, { name: 'none', tone: 'urgent', language: 'fr' })).json()) as Record<string, string>;
    expect(system).toMatchObject({ source: 'system', language: 'fr' });
    const invalid = await admin('POST', `/v1/tenants/${tenantId}/email-templates/preview`, { name: 'late', tone: 'loud', sample: { iban: 'x' } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['sample.iban', 'tone']);
  });

  it('an email whose step names the template is rendered from it, values escaped, with the system footer, unsubscribe link and headers', async () => {
    const caseId = randomUUID();
    const cmd: EventEnvelope<EmailRequestedV1> = newEvent(
      EVENTS.emailRequested,
      { tenantId, accountId: randomUUID(), caseId, producer: 'scheduler', occurredAt: new Date() },
      {
        stepId: randomUUID(), caseId, to: `${randomUUID().slice(0, 8)}@debtor.example`, language: 'de-AT', tone: 'friendly', firstName: 'Jonas', template: 'late',
        brandName: 'Acme Pay', merchantName: 'Rad & <Co>', amountDue: { amountMinor: 4250, currency: 'EUR' }, dueDate: '2026-03-01',
        paymentLink: { code: 'AbCdEfGh1234', url: 'https://pay.acme.example/p/AbCdEfGh1234' }, disclosures: ['Acme Pay GmbH, Berlin.'], tracking: false,
      },
    );
    const producer = h.kafka.kafka.producer();
    await producer.connect();
    await producer.send({ topic: h.kafka.topics.physical(EMAIL_COMMANDS_V1), messages: [{ key: recordKey(cmd), value: JSON.stringify(cmd) }] });
    await producer.disconnect();
    const mail = await waitFor('the email', () => peer.to(cmd.data.to)[0], 60_000, 50);
    expect(mail.parsed.subject).toBe('Acme Pay: your Rad & <Co> payment');
    const html = mail.parsed.html as string;
    expect(html).toContain('Hallo Jonas,');
    expect(html).toContain('Rad &amp; &lt;Co&gt;');
    expect(html).toContain('42,50');
    expect(html).toContain('href="https://pay.acme.example/p/AbCdEfGh1234"');
    expect(html).toContain('Acme Pay GmbH, Berlin.');
    expect(html).toMatch(/\/v1\/email\/unsubscribe\//);
    expect(mail.parsed.text).toContain('Jetzt zahlen: https://pay.acme.example/p/AbCdEfGh1234');
    expect(mail.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const [row] = await h.query<{ template_name: string; template_version: number }>('email', `SELECT template_name, template_version FROM email_delivery WHERE step_id = $1`, [cmd.data.stepId]);
    expect(row).toEqual({ template_name: 'late', template_version: 2 });
  });
});
