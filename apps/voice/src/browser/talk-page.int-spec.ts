import 'reflect-metadata';
import { RunningService } from '@settle/service-kit';
import { TestDatabase, TestKafka, createTestDatabase, createTestKafka, launchChromium } from '@settle/testing';
import type { Browser } from 'playwright-core';
import { startVoice } from '../testing/voice-test-kit';

jest.setTimeout(180_000);

describe('the talk-to-the-agent page, in real headless Chromium', () => {
  let db: TestDatabase;
  let kafka: TestKafka;
  let voice: RunningService;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    [db, kafka] = await Promise.all([createTestDatabase('voicetalk'), createTestKafka('voicetalk')]);
    voice = await startVoice({ db, kafka }, 0);
    base = voice.url;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await voice?.stop();
    await db?.drop();
    await kafka?.cleanup();
  });

  it('holds a short conversation: verification, a link texted mid-call, opened and paid, tool calls and events shown live', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    const response = await page.goto(`${base}/talk`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');

    await page.selectOption('#language', 'en');
    await page.click('#start');
    const agent = page.locator('#transcript li.agent');
    await agent.first().waitFor();
    expect(await agent.first().textContent()).toMatch(/AI assistant.*recorded.*Sam Carter/);

    const say = async (text: string, expectAgent: RegExp) => {
      const before = await agent.count();
      await page.fill('#text', text);
      await page.click('#send');
      await page.locator('#transcript li.debtor', { hasText: text }).waitFor();
      await agent.nth(before).waitFor();
      const lines = await agent.allTextContents();
      expect(lines.slice(before).join(' ')).toMatch(expectAgent);
    };
    await say('Yes, speaking', /date of birth/);
    await say('12 March 1990', /Nordic Shoes/);
    expect(await page.textContent('#stage')).toBe('conversation');
    await say('Send me the link please, I will pay now', /texted you a secure link for £60\.00/);
    await page.locator('#log li', { hasText: 'tool send_payment_link' }).waitFor();
    expect(await page.locator('#log li', { hasText: 'tool send_payment_link' }).textContent()).toContain('"amountMinor":6000');

    await page.click('#open-link');
    await page.locator('#transcript li.agent', { hasText: "opened the link" }).waitFor();
    await page.click('#pay');
    await page.locator('#transcript li.agent', { hasText: 'come through' }).waitFor();
    await page.locator('#outcome', { hasText: 'paid' }).waitFor();
    await page.locator('#log li', { hasText: 'tool end_call' }).waitFor();
    expect(await page.locator('#log li', { hasText: 'event' }).count()).toBeGreaterThanOrEqual(2);
    expect(await page.isDisabled('#text')).toBe(true);
    expect(cspErrors).toEqual([]);
    await page.close();
  });

  it('refuses bad input with problem details naming the field, and unknown sessions with 404', async () => {
    const bad = await fetch(`${base}/talk/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ language: 'xx' }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ field: 'language' })]);
    const missing = await fetch(`${base}/talk/sessions/00000000-0000-4000-8000-000000000000/say`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
    expect(missing.status).toBe(404);
    const created = await fetch(`${base}/talk/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ language: 'de', jurisdiction: 'DE' }) });
    expect(created.status).toBe(201);
    const { sessionId, turn } = (await created.json()) as { sessionId: string; turn: { say: string[] } };
    expect(turn.say[0]).toMatch(/KI-Assistent/);
    const noLink = await fetch(`${base}/talk/sessions/${sessionId}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'payment_received' }) });
    expect(noLink.status).toBe(409);
  });
});
