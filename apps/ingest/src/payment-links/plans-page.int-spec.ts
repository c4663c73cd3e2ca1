import { EVENTS, EventEnvelope, SMS_COMMANDS_V1, accountIdFor, newEvent, recordKey } from '@settle/contracts';
import { LenderSandbox } from '@settle/sandbox';
import { waitFor } from '@settle/testing';
import type { Producer } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed } from '../../../settle-e2e/src/harness';

jest.setTimeout(180_000);

/*
 * The plans page behind a payment link, against the real negotiation service, the sandbox lender
 * platform, the broker and PostgreSQL: live options, an agreement written back once however often
 * it is submitted, and the pages the debtor sees when something is refused or down.
 */
describe('plans page: options and agreement through the negotiation service and the sandbox lender', () => {
  let h: SettleHarness;
  let lender: LenderSandbox;
  let producer: Producer;
  let tenant: { tenantId: string; webhookSecret: string };
  let n = 0;

  beforeAll(async () => {
    lender = await LenderSandbox.start({ now: () => h?.clock.now() ?? new Date('2026-03-02T10:00:00Z'), seed: false });
    process.env.TEST_LENDER_PLATFORM_URL = lender.url;
    h = await SettleHarness.create('planspage', '2026-03-02T10:00:00Z');
    // Negotiation first: ingest is given its address (NEGOTIATION_URL).
    await h.start('negotiation', 'ingest');
    tenant = await h.createTenant('Acme Pay');
    producer = h.kafka.kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await h?.close();
    await lender?.stop();
    delete process.env.TEST_LENDER_PLATFORM_URL;
  });

  const base = () => h.url('ingest');
  const plain = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/[\s\u00a0\u202f]+/g, ' ');
  const sameOrigin = { 'sec-fetch-site': 'same-origin', origin: 'null' };
  const choose = (code: string, kind: string, headers: Record<string, string> = sameOrigin) => fetch(`${base()}/p/${code}/plans/${kind}`, { method: 'POST', headers, redirect: 'manual' });
  const paylinkEvents = (code: string) =>
    h.query<{ payload: EventEnvelope & { data: Record<string, unknown> } }>('ingest', `SELECT payload FROM outbox WHERE topic = 'paylink.events.v1' AND payload->'data'->>'code' = $1 ORDER BY seq`, [code]);
  const planAgreed = (ref: string) =>
    h.query<{ payload: EventEnvelope & { data: Record<string, unknown> } }>('negotiation', `SELECT payload FROM outbox WHERE payload->>'type' = 'plan.agreed' AND payload->'data'->>'externalAccountRef' = $1`, [ref]);

  /**
   * An account on the sandbox lender platform (pay-in-4 of €170, the first paid, the second overdue),
   * known to ingest through a signed missed-instalment webhook, and a link from an SMS command for it.
   */
  async function linkFor(over: { allows?: { kinds: string[] }; language?: string; sentDaysAgo?: number } = {}) {
    const ref = `plans-${++n}-${randomBytes(3).toString('hex')}`;
    lender.platform.addAccount({
      externalRef: ref, product: 'pay_in_4', currency: 'EUR', jurisdiction: 'DE', merchantName: 'Nordic Bikes', purchaseMinor: 17_000, firstDue: '2026-02-15', paid: 1,
      ...(over.allows ? { allows: over.allows as never } : {}),
    });
    expect((await h.sendWebhook(tenant, instalmentMissed({ ref, language: over.language ?? 'en' }))).status).toBe(202);
    const accountId = accountIdFor(tenant.tenantId, ref);
    await waitFor('ingest’s account snapshot', async () => (await h.query('ingest', 'SELECT 1 FROM account_snapshot WHERE account_id = $1', [accountId])).length === 1);
    const code = randomBytes(8).toString('hex').slice(0, 12);
    const caseId = randomUUID();
    const occurredAt = new Date(h.clock.now().getTime() - (over.sentDaysAgo ?? 0) * 24 * 3600 * 1000);
    const command = newEvent(EVENTS.smsRequested, { tenantId: tenant.tenantId, accountId, caseId, producer: 'scheduler', occurredAt }, {
      stepId: randomUUID(), caseId, language: over.language ?? 'en', tone: 'friendly', template: 'plan_offer', brandName: 'Acme Pay', merchantName: 'Nordic Bikes',
      amountDue: { amountMinor: 4250, currency: 'EUR' }, dueDate: '2026-03-01', paymentLink: { code, url: `http://127.0.0.1:3000/p/${code}` }, disclosures: [], to: '+4915112345678',
    });
    await producer.send({ topic: h.kafka.topics.physical(SMS_COMMANDS_V1), messages: [{ key: recordKey(command), value: JSON.stringify(command) }] });
    await waitFor(`ingest to learn link ${code}`, async () => (await fetch(`${base()}/v1/payment-links/${code}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status === 200, 60_000, 200);
    return { ref, code, caseId };
  }

  it('the pay page links to the plans; the plans page lists the lender’s options with dates, amounts and fees, and records one view a minute', async () => {
    const { code } = await linkFor();
    const pay = await (await fetch(`${base()}/p/${code}`)).text();
    expect(pay).toContain(`<a href="/p/${code}/plans">Can’t pay it all at once? See payment plans</a>`);

    const res = await fetch(`${base()}/p/${code}/plans`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; form-action 'self' http:\/\/127\.0\.0\.1:4010; base-uri 'none'; frame-ancestors 'none'$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const text = plain(html);
    expect(text).toContain('Payment plans for Nordic Bikes');
    expect(text).toContain('Smaller payments over more time');
    expect(text).toContain('Total: €127.50');
    expect(text).toContain('No extra fees');
    expect(html).toContain(`<form method="post" action="/p/${code}/plans/term_extension">`);
    expect(html).toContain(`<form method="post" action="/p/${code}/plans/deferral">`);
    expect(html).not.toMatch(/<script/i);

    expect((await fetch(`${base()}/p/${code}/plans`)).status).toBe(200); // a reload: not news
    const events = await paylinkEvents(code);
    expect(events.map((e) => e.payload.type)).toEqual(['paylink.opened', 'paylink.plans_viewed']);
    expect(events[1].payload.data).toMatchObject({ code, channel: 'sms', reviewRequested: false, offered: expect.arrayContaining(['deferral', 'term_extension']) });
  });

  it('choosing a plan agrees it once through the negotiation service (source plan_link), written back to the lender, however often it is submitted', async () => {
    const { ref, code, caseId } = await linkFor({ language: 'de' });
    const [first, second] = await Promise.all([choose(code, 'term_extension'), choose(code, 'term_extension')]);
    const third = await choose(code, 'term_extension');
    for (const res of [first, second, third]) {
      expect(res.status).toBe(200);
      const text = plain(await res.text());
      expect(text).toContain('Ihr Plan ist vereinbart');
      expect(text).toContain('Gesamt: 127,50 €');
    }
    const writes = lender.platform.planWrites().filter((w) => w.externalRef === ref);
    expect(writes).toHaveLength(1);
    expect(writes[0].plan).toMatchObject({ source: 'plan_link', kind: 'term_extension' });
    expect(lender.platform.account(ref)!.activePlan?.planRef).toBe(writes[0].planRef);
    const agreed = await planAgreed(ref);
    expect(agreed).toHaveLength(1);
    expect(agreed[0].payload.data).toMatchObject({ source: 'plan_link', kind: 'term_extension', caseId, planId: writes[0].plan.planId });
    const chosen = (await paylinkEvents(code)).filter((e) => e.payload.type === 'paylink.plan_chosen');
    expect(chosen.map((e) => e.payload.data)).toEqual([expect.objectContaining({ kind: 'term_extension', planId: writes[0].plan.planId })]);
  });

  it('refuses a cross-site POST and an unknown kind with a page, agreeing nothing', async () => {
    const { ref, code } = await linkFor();
    const crossSite = await choose(code, 'term_extension', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(plain(await crossSite.text())).toContain('This choice could not be sent');
    const otherOrigin = await choose(code, 'term_extension', { origin: 'https://attacker.example' });
    expect(otherOrigin.status).toBe(403);
    const unknownKind = await choose(code, 'free_money');
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(lender.platform.planWrites().filter((w) => w.externalRef === ref)).toHaveLength(0);
  });

  it('nothing can be offered: a person will look at the request (Art. 22 review requested), on the page and when a plan is chosen anyway (422); one request however often the page is opened', async () => {
    const { ref, code } = await linkFor({ allows: { kinds: [] } });
    for (let view = 0; view < 3; view++) {
      const page = await fetch(`${base()}/p/${code}/plans`);
      expect(page.status).toBe(200);
      expect(plain(await page.text())).toContain('A person will look at your request');
    }
    const refused = await choose(code, 'term_extension');
    expect(refused.status).toBe(422);
    const text = plain(await refused.text());
    expect(text).toContain('A person will look at your request');
    expect(text).not.toMatch(/not-offered|cannot be offered|Error/);
    const reviews = await h.query<{ n: number }>('negotiation', `SELECT count(*)::int AS n FROM outbox WHERE payload->>'type' = 'plan.review_requested' AND payload->'data'->>'externalAccountRef' = $1`, [ref]);
    expect(reviews[0].n).toBe(1);
    expect(lender.platform.planWrites().filter((w) => w.externalRef === ref)).toHaveLength(0);
  });

  it('unknown and expired links get the pay page’s 404 and 410 pages', async () => {
    const unknown = await fetch(`${base()}/p/Unknown00000/plans`);
    expect(unknown.status).toBe(404);
    expect(plain(await unknown.text())).toContain('This link is not valid');
    expect((await choose('Unknown00000', 'deferral')).status).toBe(404);
    const { code } = await linkFor({ sentDaysAgo: 15 });
    const expired = await fetch(`${base()}/p/${code}/plans`);
    expect(expired.status).toBe(410);
    expect(plain(await expired.text())).toContain('This link has expired');
    expect((await choose(code, 'deferral')).status).toBe(410);
  });

  it('the lender’s platform is down: "try again in a few minutes" (503 from negotiation); the negotiation service unreachable: pay now instead', async () => {
    const { ref, code } = await linkFor({ language: 'fr' });
    lender.platform.faults({ failNext: 1_000, status: 503 });
    // The first calls fail and open the negotiation service's circuit; then it answers 503 lender-unavailable.
    await fetch(`${base()}/p/${code}/plans`);
    const down = await fetch(`${base()}/p/${code}/plans`);
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    const downText = plain(await down.text());
    expect(downText).toContain('Nous ne pouvons pas joindre Acme Pay pour le moment');
    expect(downText).not.toMatch(/circuit|lender|Error/i);
    const chosen = await choose(code, 'deferral');
    expect(chosen.status).toBe(503);
    expect(plain(await chosen.text())).toContain('Nous ne pouvons pas joindre Acme Pay');
    lender.platform.clearFaults();
    expect(lender.platform.planWrites().filter((w) => w.externalRef === ref)).toHaveLength(0);

    await h.stop('negotiation');
    const unreachable = await fetch(`${base()}/p/${code}/plans`);
    expect(unreachable.status).toBe(503);
    const html = await unreachable.text();
    expect(plain(html)).toContain('Les plans ne sont pas disponibles pour le moment');
    expect(html).toMatch(new RegExp(`<form method="post" action="/p/${code}/pay">\\s*<button type="submit">Payer 42,50\\s€</button>`));
    expect((await choose(code, 'deferral')).status).toBe(503);
  });
});
