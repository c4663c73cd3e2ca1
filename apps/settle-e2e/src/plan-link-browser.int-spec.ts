import { accountIdFor } from '@settle/contracts';
import { LenderSandbox } from '@settle/sandbox';
import { startService } from '@settle/service-kit';
import { waitFor, launchChromium, freePort } from '@settle/testing';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { INGEST_SERVICE, IngestModule } from '../../ingest/src/ingest.module';
import { SCHEDULER_SERVICE, SchedulerModule } from '../../scheduler/src/scheduler.module';
import { ADMIN_TOKEN, SettleHarness, TEST_RETRY_POLICY, instalmentMissed } from './harness';

jest.setTimeout(240_000);

const SCREENSHOT = join(__dirname, '../../ingest/src/payment-links/__screenshots__/plans-page.png');

/** A port that was free a moment ago: ingest must know its public URL (the links in the SMS) before it starts. */

const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** A plan's schedule as shown: "date | amount" per instalment. */
const scheduleOf = async (within: Locator) =>
  Promise.all((await within.locator('ol.schedule li').all()).map(async (li) => (await li.locator('span').allTextContents()).map(plain).join(' | ')));

/*
 * The plan link, as the debtor lives it: a missed instalment → the tenant's workflow sends the
 * plan_offer SMS with the case's link → the pay page → the plans page → a plan chosen → the
 * confirmation; the sandbox lender platform holds the written-back plan and the case is plan_agreed.
 */
describe('a plan chosen from the SMS link, in real headless Chromium on a phone-sized screen', () => {
  let h: SettleHarness;
  let lender: LenderSandbox;
  let browser: Browser;
  let tenant: { tenantId: string; webhookSecret: string };
  const REF = 'acc-plan-browser-1';
  const PHONE = '+4915100000077';

  beforeAll(async () => {
    lender = await LenderSandbox.start({ now: () => h?.clock.now() ?? new Date('2026-03-02T10:00:00Z'), seed: false });
    process.env.TEST_LENDER_PLATFORM_URL = lender.url;
    h = await SettleHarness.create('planlinkbrowser');
    // The negotiation service first: ingest (the plans page) is given its address.
    await h.start('negotiation');
    const port = await freePort();
    const linkBase = `http://127.0.0.1:${port}/p`;
    const options = (env: Record<string, string>, servicePort = 0) => ({ port: servicePort, env: { ...h.env(), ...env }, clock: h.clock, retryPolicy: TEST_RETRY_POLICY });
    h.running.set('ingest', await startService(INGEST_SERVICE, IngestModule, options({ PAYMENT_LINK_BASE_URL: linkBase, LENDER_CHECKOUT_URL: lender.checkoutUrl }, port)));
    h.running.set('scheduler', await startService(SCHEDULER_SERVICE, SchedulerModule, options({ PAYMENT_LINK_BASE_URL: linkBase })));
    await h.start('sms');
    tenant = await h.createTenant('Acme Pay');
    // Pay-in-4 of €170.00 every two weeks; the first paid, the second (1 March) overdue.
    lender.platform.addAccount({ externalRef: REF, product: 'pay_in_4', currency: 'EUR', jurisdiction: 'DE', merchantName: 'Nordic Bikes', purchaseMinor: 17_000, firstDue: '2026-02-15', paid: 1 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await lender?.stop();
    delete process.env.TEST_LENDER_PLATFORM_URL;
  });

  it('missed instalment → plan_offer SMS → pay page → plans → choose → confirmation → plan at the lender, case plan_agreed', async () => {
    // The tenant's workflow opens with the plan offer.
    const workflow = await fetch(`${h.url('scheduler')}/v1/tenants/${tenant.tenantId}/workflow`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ steps: [{ channel: 'sms', tone: 'friendly', waitHours: 0, template: 'plan_offer' }, { channel: 'sms', tone: 'reminder', waitHours: 48 }] }),
    });
    expect(workflow.status).toBe(201);

    expect((await h.sendWebhook(tenant, instalmentMissed({ ref: REF, phone: PHONE, language: 'de' }))).status).toBe(202);
    const sms = await waitFor('the plan offer SMS at the SNS sandbox', () => h.sns.published().find((m) => m.phoneNumber === PHONE), 60_000);
    expect(sms.message).toContain('du kannst nicht alles auf einmal zahlen? Teile den offenen Betrag für Nordic Bikes in kleinere Raten auf.');
    const [url, code] = /https?:\/\/\S+\/p\/([A-Za-z0-9]{12})/.exec(sms.message) ?? ['', ''];
    expect(url).toBe(`${h.url('ingest')}/p/${code}`);
    await waitFor('ingest to know the link', async () => (await fetch(`${h.url('ingest')}/v1/payment-links/${code}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).ok);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'de-DE' });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()));

    // The pay page offers the way to the plans.
    expect((await page.goto(url))?.status()).toBe(200);
    const toPlans = page.getByRole('link', { name: 'Nicht alles auf einmal möglich? Ratenpläne ansehen' });
    await Promise.all([page.waitForURL(`${url}/plans`), toPlans.tap()]);

    // The plans, live from the lender's platform, in German, with dates and amounts.
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(plain(await page.locator('h1').textContent())).toBe('Ratenpläne für Nordic Bikes');
    const extension = page.locator('section.plan.term_extension');
    expect(plain(await extension.locator('h2').textContent())).toBe('Kleinere Raten über längere Zeit');
    const rows = await scheduleOf(extension);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row).toMatch(/^\d{1,2}\. \p{L}+ 2026 \| \d+,\d{2} €$/u);
    expect(plain(await extension.locator('.terms .sum').textContent())).toBe('Gesamt: 127,50 €');
    expect(await page.locator('section.plan').count()).toBeGreaterThan(1);
    const choose = extension.getByRole('button', { name: 'Diesen Plan wählen' });
    expect((await choose.boundingBox())!.width).toBeGreaterThan(280);
    expect(await page.content()).not.toContain('Anna');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Choose: the confirmation with the schedule.
    await Promise.all([page.waitForURL(`${url}/plans/term_extension`), choose.tap()]);
    expect(plain(await page.locator('h1').textContent())).toBe('Ihr Plan ist vereinbart');
    expect(await scheduleOf(page.locator('main'))).toEqual(rows);
    expect(cspViolations).toEqual([]);
    await context.close();

    // Written back to the lender's platform once, from the plan link; the case is plan_agreed.
    const writes = lender.platform.planWrites().filter((w) => w.externalRef === REF);
    expect(writes).toHaveLength(1);
    expect(writes[0].plan).toMatchObject({ source: 'plan_link', kind: 'term_extension' });
    expect(lender.platform.account(REF)!.activePlan?.planRef).toBe(writes[0].planRef);
    const accountId = accountIdFor(tenant.tenantId, REF);
    await waitFor('the case to be plan_agreed', async () => {
      const rows = await h.query<{ status: string }>('scheduler', 'SELECT status FROM recovery_case WHERE account_id = $1', [accountId]);
      return rows[0]?.status === 'plan_agreed';
    }, 30_000);
    const events = await h.query<{ type: string }>('ingest', `SELECT payload->>'type' AS type FROM outbox WHERE topic = 'paylink.events.v1' AND payload->'data'->>'code' = $1 ORDER BY seq`, [code]);
    expect(events.map((e) => e.type)).toEqual(['paylink.opened', 'paylink.plans_viewed', 'paylink.plan_chosen']);
  });
});
