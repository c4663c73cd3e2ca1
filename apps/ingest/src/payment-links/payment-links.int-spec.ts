import { EMAIL_COMMANDS_V1, EVENTS, EventEnvelope, SMS_COMMANDS_V1, newEvent, recordKey } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import type { Producer } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, SettleHarness } from '../../../settle-e2e/src/harness';

jest.setTimeout(120_000);

const DAY = 24 * 3600 * 1000;

describe('payment links: learnt from send commands, served as pay pages, over the real broker and PostgreSQL', () => {
  let h: SettleHarness;
  let producer: Producer;

  beforeAll(async () => {
    h = await SettleHarness.create('paylink');
    await h.start('ingest');
    producer = h.kafka.kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await h?.close();
  });

  const base = () => h.url('ingest');
  const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ');
  const lookup = (code: string, token = ADMIN_TOKEN) => fetch(`${base()}/v1/payment-links/${code}`, { headers: { authorization: `Bearer ${token}` } });

  /** Puts a send command on its topic, as the scheduler would, and waits until ingest knows its link. */
  async function sendCommand(over: { channel?: 'sms' | 'email'; language?: string; merchantName?: string; amountMinor?: number; tenantId?: string } = {}) {
    const code = randomBytes(8).toString('hex').slice(0, 12);
    const caseId = randomUUID();
    const origin = { tenantId: over.tenantId ?? randomUUID(), accountId: randomUUID(), caseId, producer: 'scheduler' as const, occurredAt: h.clock.now() };
    const message = {
      stepId: randomUUID(), caseId, language: over.language ?? 'en', tone: 'friendly' as const, firstName: 'Samantha',
      brandName: 'Acme Pay', merchantName: over.merchantName ?? 'Nordic Bikes', amountDue: { amountMinor: over.amountMinor ?? 4250, currency: 'EUR' },
      dueDate: '2026-03-01', paymentLink: { code, url: `http://127.0.0.1:3000/p/${code}` }, disclosures: [],
    };
    const command: EventEnvelope = over.channel === 'email'
      ? newEvent(EVENTS.emailRequested, origin, { ...message, to: 'samantha@example.com', tracking: false })
      : newEvent(EVENTS.smsRequested, origin, { ...message, to: '+4915112345678' });
    await producer.send({
      topic: h.kafka.topics.physical(over.channel === 'email' ? EMAIL_COMMANDS_V1 : SMS_COMMANDS_V1),
      messages: [{ key: recordKey(command), value: JSON.stringify(command) }],
    });
    await waitFor(`ingest to learn link ${code}`, async () => (await lookup(code)).status === 200, 60_000, 200);
    return { code, command };
  }

  const paylinkEvents = (code: string) =>
    h.query<{ payload: EventEnvelope & { data: { code: string } } }>('ingest', `SELECT payload FROM outbox WHERE topic = 'paylink.events.v1' AND payload->'data'->>'code' = $1 ORDER BY seq`, [code]);

  it('learns a link from sms.requested and serves its pay page: amount, merchant, due date, a pay button — and no personal data', async () => {
    const { code } = await sendCommand();
    const res = await fetch(`${base()}/p/${code}`);
    expect(res.status).toBe(200);
    const html = plain(await res.text());
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<dd class="amount">€42.50</dd>');
    expect(html).toContain('Your payment for Nordic Bikes');
    expect(html).toContain('March 1, 2026');
    expect(html).toContain(`<form method="post" action="/p/${code}/pay">`);
    expect(html).toContain('Pay €42.50');
    expect(html).not.toContain('Samantha');
    expect(html).not.toContain('+4915112345678');
  });

  it('dresses the page in the tenant’s white-label colour when the tenant has one', async () => {
    const tenant = await h.createTenant('Lumen Pay');
    const patched = await fetch(`${base()}/v1/admin/tenants/${tenant.tenantId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ brandColour: '#0a7f5a' }),
    });
    expect(patched.status).toBe(200);
    const { code } = await sendCommand({ tenantId: tenant.tenantId });
    const branded = await (await fetch(`${base()}/p/${code}`)).text();
    expect(branded).toContain('#0a7f5a');
    const other = await (await fetch(`${base()}/p/${(await sendCommand()).code}`)).text();
    expect(other).not.toContain('#0a7f5a');
  });

  it('answers every page with no-store, no referrer, nosniff and a strict CSP allowing only its own style and form targets', async () => {
    const { code } = await sendCommand();
    const res = await fetch(`${base()}/p/${code}`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; form-action 'self' http:\/\/127\.0\.0\.1:4010; base-uri 'none'; frame-ancestors 'none'$/,
    );
  });

  it('learns links from email.requested too, and speaks the debtor’s language', async () => {
    const { code } = await sendCommand({ channel: 'email', language: 'fr' });
    const html = plain(await (await fetch(`${base()}/p/${code}`)).text());
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Payer 42,50 €');
    expect(html).toContain('1 mars 2026');
  });

  it('escapes a merchant name that carries markup', async () => {
    const { code } = await sendCommand({ merchantName: '<script>alert(1)</script> & Co' });
    const html = await (await fetch(`${base()}/p/${code}`)).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; Co');
  });

  it('records paylink.opened in the outbox, in the case’s chain, at most once a minute per link', async () => {
    const { code, command } = await sendCommand();
    expect((await fetch(`${base()}/p/${code}`, { method: 'HEAD' })).status).toBe(200);
    expect(await paylinkEvents(code)).toHaveLength(0); // a link checker's HEAD is not an open
    await fetch(`${base()}/p/${code}`);
    await fetch(`${base()}/p/${code}`);
    expect(await paylinkEvents(code)).toHaveLength(1);
    h.clock.advance(61_000);
    await fetch(`${base()}/p/${code}`);
    const events = (await paylinkEvents(code)).map((r) => r.payload);
    expect(events.map((e) => e.type)).toEqual(['paylink.opened', 'paylink.opened']);
    expect(events[0]).toMatchObject({
      tenantId: command.tenantId,
      accountId: command.accountId,
      caseId: command.caseId,
      producer: 'ingest',
      correlationId: command.correlationId,
      causationId: command.id,
      data: { caseId: command.caseId, stepId: (command.data as { stepId: string }).stepId, code, channel: 'sms' },
    });
    const [row] = await h.query<{ first_opened_at: Date; last_opened_at: Date }>('ingest', 'SELECT first_opened_at, last_opened_at FROM payment_link WHERE case_id = $1', [command.caseId]);
    expect(row.last_opened_at.getTime() - row.first_opened_at.getTime()).toBe(61_000);
  });

  it('pay: emits paylink.checkout_started and 303s to the lender’s checkout with opaque parameters only', async () => {
    const { code } = await sendCommand({ amountMinor: 1999 });
    const res = await fetch(`${base()}/p/${code}/pay`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:4010/checkout');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      ref: code, amount: '1999', currency: 'EUR', return: `http://127.0.0.1:3000/p/${code}/thanks`,
    });
    const [started] = (await paylinkEvents(code)).map((r) => r.payload);
    expect(started).toMatchObject({ type: 'paylink.checkout_started', data: { code, channel: 'sms', amount: { amountMinor: 1999, currency: 'EUR' } } });
  });

  it('thanks the debtor in their language on the return page', async () => {
    const { code } = await sendCommand({ language: 'de' });
    const res = await fetch(`${base()}/p/${code}/thanks`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Vielen Dank – Zahlung erhalten');
  });

  it('tells the lender what a code is for, behind the admin token, with opaque ids only', async () => {
    const { code, command } = await sendCommand();
    expect((await lookup(code, 'not-the-admin-token-at-all-0123')).status).toBe(401);
    expect((await lookup('Unknown00000')).status).toBe(404);
    const body = await (await lookup(code)).json();
    expect(body).toEqual({
      tenantId: command.tenantId, accountId: command.accountId, caseId: command.caseId,
      amount: { amountMinor: 4250, currency: 'EUR' }, expiresAt: new Date(h.clock.now().getTime() + 14 * DAY).toISOString(), expired: false,
    });
  });

  it('answers an unknown or malformed code with a 404 page in the browser’s language, never a stack trace', async () => {
    for (const code of ['Unknown00000', 'short', '%3Cscript%3E', 'x'.repeat(300)]) {
      const res = await fetch(`${base()}/p/${code}`, { headers: { 'accept-language': 'nl-BE, nl;q=0.9, en;q=0.5' } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('Deze link is ongeldig');
      expect(html).not.toMatch(/Error|\.ts:\d+|<script/);
    }
    expect((await fetch(`${base()}/p/Unknown00000/pay`, { method: 'POST' })).status).toBe(404);
  });

  it('answers an expired link with 410 in the debtor’s language, and refuses to hand it over to checkout', async () => {
    const { code } = await sendCommand({ language: 'de' });
    expect((await fetch(`${base()}/p/${code}`)).status).toBe(200);
    h.clock.advance(14 * DAY);
    const res = await fetch(`${base()}/p/${code}`);
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain('Dieser Link ist abgelaufen');
    expect(html).toContain('Acme Pay');
    expect((await fetch(`${base()}/p/${code}/pay`, { method: 'POST', redirect: 'manual' })).status).toBe(410);
    expect(await (await lookup(code)).json()).toMatchObject({ expired: true });
  });

  it('answers a failure behind the page (the table gone) with a 500 page in the browser’s language, not JSON or a stack trace', async () => {
    await h.query('ingest', 'ALTER TABLE payment_link RENAME TO payment_link_away');
    try {
      const res = await fetch(`${base()}/p/Whatever0000`, { headers: { 'accept-language': 'sv' } });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('Något gick fel');
      expect(html).not.toMatch(/payment_link|QueryFailedError|\.ts:\d+/);
    } finally {
      await h.query('ingest', 'ALTER TABLE payment_link_away RENAME TO payment_link');
    }
  });

  // Last: once limited, this client (the test itself) is refused every link for a minute.
  it('limits misses per client: past 30 unknown codes a minute, every lookup is 429 with Retry-After, valid codes included', async () => {
    const { code } = await sendCommand();
    let first429: Response | undefined;
    for (let i = 0; i < 31 && !first429; i++) {
      const res = await fetch(`${base()}/p/Guess${String(i).padStart(7, '0')}`);
      if (res.status === 429) first429 = res;
      else expect(res.status).toBe(404);
    }
    expect(first429).toBeDefined();
    expect(Number(first429!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(first429!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await first429!.text()).toContain('Too many attempts');
    const valid = await fetch(`${base()}/p/${code}`);
    expect(valid.status).toBe(429);
  });
});
