import { accountIdFor } from '@settle/contracts';
import { LenderSandbox } from '@settle/sandbox';
import { startService } from '@settle/service-kit';
import { waitFor, freePort, launchChromium } from '@settle/testing';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { INGEST_SERVICE, IngestModule } from '../../ingest/src/ingest.module';
import { SCHEDULER_SERVICE, SchedulerModule } from '../../scheduler/src/scheduler.module';
import { ADMIN_TOKEN, SettleHarness, TEST_RETRY_POLICY, instalmentMissed } from './harness';

jest.setTimeout(180_000);

const SCREENSHOT = join(__dirname, '../../ingest/src/payment-links/__screenshots__/pay-page.png');

/** A port that was free a moment ago: ingest must know its public URL (for the return link) before it starts. */

const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

// The test is typed without the DOM library: reach the browser's getComputedStyle through globalThis.
type StyleWindow = { getComputedStyle(el: unknown): { backgroundColor: string } };
const backgroundOf = (locator: Locator) => locator.evaluate((el) => (globalThis as unknown as StyleWindow).getComputedStyle(el).backgroundColor);

describe('paying from the SMS, in real headless Chromium on a phone-sized screen', () => {
  let h: SettleHarness;
  let lender: LenderSandbox;
  let browser: Browser;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    h = await SettleHarness.create('paylinkbrowser');
    lender = await LenderSandbox.start({ now: () => h.clock.now() });
    const port = await freePort();
    const linkBase = `http://127.0.0.1:${port}/p`;
    const options = (env: Record<string, string>, servicePort = 0) => ({ port: servicePort, env: { ...h.env(), ...env }, clock: h.clock, retryPolicy: TEST_RETRY_POLICY });
    h.running.set('ingest', await startService(INGEST_SERVICE, IngestModule, options({ PAYMENT_LINK_BASE_URL: linkBase, LENDER_CHECKOUT_URL: lender.checkoutUrl }, port)));
    h.running.set('scheduler', await startService(SCHEDULER_SERVICE, SchedulerModule, options({ PAYMENT_LINK_BASE_URL: linkBase })));
    await h.start('sms');
    tenant = await h.createTenant('Acme Pay');
    lender.connect({ ingestUrl: h.url('ingest'), adminToken: ADMIN_TOKEN, ...tenant });
    lender.registerAccount('acc-browser-1');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await lender?.stop();
    await h?.close();
  });

  it('missed instalment → SMS → pay page in German → lender checkout → thanks → payment webhook resolves the case', async () => {
    expect((await h.sendWebhook(tenant, instalmentMissed({ ref: 'acc-browser-1', phone: '+4915100000042', language: 'de' }))).status).toBe(202);
    const sms = await waitFor('the SMS at the SNS sandbox', () => h.sns.published().find((m) => m.phoneNumber === '+4915100000042'), 60_000);
    const [url, code] = /https?:\/\/\S+\/p\/([A-Za-z0-9]{12})/.exec(sms.message) ?? ['', ''];
    expect(url).toBe(`${h.url('ingest')}/p/${code}`);
    // ingest learns the link from the same command the sms service sends: let it catch up.
    await waitFor('ingest to know the link', async () => (await fetch(`${h.url('ingest')}/v1/payment-links/${code}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).ok);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'de-DE' });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()));

    // The pay page, in the debtor's language, styled (the CSP let its hashed style through).
    const opened = await page.goto(url);
    expect(opened?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(plain(await page.locator('h1').textContent())).toBe('Ihre Zahlung für Nordic Bikes');
    expect(plain(await page.locator('.amount').textContent())).toBe('42,50 €');
    expect(plain(await page.getByText('Fällig am').locator('+ dd').textContent())).toBe('1. März 2026');
    const pay = page.getByRole('button');
    expect(plain(await pay.textContent())).toBe('42,50 € bezahlen');
    expect(await backgroundOf(pay)).toBe('rgb(36, 81, 183)');
    expect((await pay.boundingBox())!.width).toBeGreaterThan(300);
    expect(await page.content()).not.toContain('Anna');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Pay → the lender's checkout, for this amount, by opaque reference.
    await Promise.all([page.waitForURL((u) => u.href.startsWith(lender.checkoutUrl)), pay.tap()]);
    const checkout = new URL(page.url());
    expect(Object.fromEntries(checkout.searchParams)).toEqual({ ref: code, amount: '4250', currency: 'EUR', return: `${url}/thanks` });
    expect(plain(await page.locator('h1').textContent())).toBe('Sandbox Bank — pay €42.50');

    // The lender charges, tells Settle by webhook, and sends the debtor back.
    await Promise.all([page.waitForURL(`${url}/thanks`), page.getByRole('button', { name: 'Pay now' }).tap()]);
    expect(plain(await page.locator('h1').textContent())).toBe('Vielen Dank – Zahlung erhalten');
    expect(cspViolations).toEqual([]);
    await context.close();

    expect(lender.payments()).toEqual([expect.objectContaining({ ref: code, externalRef: 'acc-browser-1', amount: { amountMinor: 4250, currency: 'EUR' }, webhookStatus: 202 })]);
    const accountId = accountIdFor(tenant.tenantId, 'acc-browser-1');
    const [resolved] = await waitFor('the case to be resolved by the payment', async () => {
      const rows = await h.query<{ status: string; recovered_minor: string }>('scheduler', 'SELECT status, recovered_minor FROM recovery_case WHERE account_id = $1', [accountId]);
      return rows[0]?.status === 'resolved' ? rows : undefined;
    });
    expect(Number(resolved.recovered_minor)).toBe(4250);
    const events = await h.query<{ type: string }>('ingest', `SELECT payload->>'type' AS type FROM outbox WHERE topic = 'paylink.events.v1' AND payload->'data'->>'code' = $1 ORDER BY seq`, [code]);
    expect(events.map((e) => e.type)).toEqual(['paylink.opened', 'paylink.checkout_started']);
  });

  it('the sandbox checkout charges a reference once, and sends the browser back only to Settle', async () => {
    const [payment] = lender.payments();
    const form = (returnUrl: string, ref = payment.ref) =>
      new URLSearchParams({ ref, amount: '4250', currency: 'EUR', return: returnUrl }).toString();
    const post = (body: string) =>
      fetch(`${lender.url}/checkout/pay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

    const again = await post(form(`${h.url('ingest')}/p/${payment.ref}/thanks`));
    expect(again.status).toBe(303);
    expect(lender.payments()).toHaveLength(1);

    const elsewhere = await post(form('https://attacker.example/phish'));
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('return must point back to Settle');

    const unknown = await post(form(`${h.url('ingest')}/p/Unknown00000/thanks`, 'Unknown00000'));
    expect(unknown.status).toBe(404);
    expect(lender.payments()).toHaveLength(1);
  });
});
