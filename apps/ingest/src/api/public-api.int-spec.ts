import { SettleAdminClient, SettleClient, SettleProblemError, SettleWebhookSender } from '@settle/client-sdk';
import { accountIdFor } from '@settle/contracts';
import { waitFor } from '@settle/testing';
import { startService } from '@settle/service-kit';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN, SettleHarness, TEST_RETRY_POLICY, instalmentMissed, paymentReceived } from '../../../settle-e2e/src/harness';
import { INGEST_SERVICE, IngestModule } from '../ingest.module';

jest.setTimeout(240_000);

const HOUR = 3600 * 1000;

/** Expects the promise to fail with a problem+json of this status (and code); returns the error. */
async function problem(promise: Promise<unknown>, status: number, code?: string): Promise<SettleProblemError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SettleProblemError);
  const p = error as SettleProblemError;
  expect(p.status).toBe(status);
  if (code) expect(p.code).toBe(code);
  return p;
}

describe('the public API through the client SDK (ingest + scheduler, real broker and PostgreSQL)', () => {
  let h: SettleHarness;
  let a: { tenantId: string; webhookSecret: string };
  let b: { tenantId: string; webhookSecret: string };
  let keyA: string;
  let api: SettleClient; // tenant A, cases:read + cases:write
  let reader: SettleClient; // tenant A, cases:read only
  let other: SettleClient; // tenant B, every scope
  let lenderA: SettleWebhookSender;
  const refs = ['pa-1', 'pa-2', 'pa-3', 'pa-4', 'pa-5'];
  const caseIdOf = new Map<string, string>();

  const schedulerCase = async (tenantId: string, ref: string) =>
    (await h.query<{ id: string; status: string; opted_out: string[] }>(
      'scheduler', `SELECT id, status, opted_out FROM recovery_case WHERE account_id = $1 ORDER BY opened_at DESC`, [accountIdFor(tenantId, ref)],
    ))[0];

  beforeAll(async () => {
    h = await SettleHarness.create('public-api', '2026-03-02T10:00:00Z');
    await h.start('scheduler', 'ingest');
    const admin = new SettleAdminClient({ baseUrl: h.url('ingest'), token: ADMIN_TOKEN });
    a = await admin.createTenant({ displayName: 'Acme Pay' });
    b = await admin.createTenant({ displayName: 'Other Lender' });
    keyA = (await admin.createApiKey(a.tenantId, { name: 'agents', scopes: ['cases:read', 'cases:write'] })).key;
    api = new SettleClient({ baseUrl: h.url('ingest'), apiKey: keyA });
    reader = new SettleClient({ baseUrl: h.url('ingest'), apiKey: (await admin.createApiKey(a.tenantId, { name: 'bi', scopes: ['cases:read'] })).key });
    other = new SettleClient({ baseUrl: h.url('ingest'), apiKey: (await admin.createApiKey(b.tenantId, { name: 'all', scopes: ['admin'] })).key });
    lenderA = new SettleWebhookSender({ baseUrl: h.url('ingest'), tenantId: a.tenantId, secret: a.webhookSecret });

    // Tenant A contacts by SMS a day after a case opens, then a day later again: time to opt out in between.
    const workflow = await fetch(`${h.url('scheduler')}/v1/tenants/${a.tenantId}/workflow`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ steps: [{ channel: 'sms', tone: 'friendly', waitHours: 24 }, { channel: 'sms', tone: 'reminder', waitHours: 24 }] }),
    });
    expect(workflow.status).toBe(201);

    for (const [i, ref] of refs.entries()) {
      const accepted = await lenderA.send(instalmentMissed({ ref, phone: `+49151000002${i}0` }), { now: h.clock.now() });
      expect(accepted.status).toBe('accepted');
    }
    const lenderB = new SettleWebhookSender({ baseUrl: h.url('ingest'), tenantId: b.tenantId, secret: b.webhookSecret });
    await lenderB.send(instalmentMissed({ ref: 'pb-1' }), { now: h.clock.now() });

    await waitFor('five cases of tenant A', async () => {
      for (const ref of refs) {
        const c = await schedulerCase(a.tenantId, ref);
        if (!c) return false;
        caseIdOf.set(ref, c.id);
      }
      return true;
    }, 90_000);
    await waitFor("tenant B's case", async () => Boolean(await schedulerCase(b.tenantId, 'pb-1')), 90_000);
  });

  afterAll(async () => h?.close());

  it('lists cases a page at a time with an opaque cursor and a next link; the iterator walks every page', async () => {
    const first = await api.listCases({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.next).toBe(`/v1/cases?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    const second = await api.listCases({ limit: 2, cursor: first.nextCursor! });
    const third = await api.listCases({ limit: 2, cursor: second.nextCursor! });
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
    expect(third.next).toBeNull();
    const paged = [...first.items, ...second.items, ...third.items].map((c) => c.id);
    expect(new Set(paged).size).toBe(5);
    expect(paged.sort()).toEqual([...caseIdOf.values()].sort());

    const iterated: string[] = [];
    for await (const c of api.cases({ limit: 2 })) iterated.push(c.id);
    expect(iterated.sort()).toEqual(paged);

    // The next link is usable as it is, with the same key.
    const viaLink = await fetch(`${h.url('ingest')}${first.next}`, { headers: { authorization: `Bearer ${keyA}` } });
    expect(((await viaLink.json()) as { items: { id: string }[] }).items.map((c) => c.id)).toEqual(second.items.map((c) => c.id));
  });

  it('filters by status, account and last activity', async () => {
    const accountId = accountIdFor(a.tenantId, 'pa-3');
    const byAccount = await api.listCases({ accountId });
    expect(byAccount.items.map((c) => c.id)).toEqual([caseIdOf.get('pa-3')]);
    expect(byAccount.items[0]).toMatchObject({ accountId, status: 'opened', amountDue: { amountMinor: 4250, currency: 'EUR' }, contactsSent: 0 });
    expect((await api.listCases({ status: 'opened' })).items).toHaveLength(5);
    expect((await api.listCases({ status: 'closed' })).items).toHaveLength(0);
    expect((await api.listCases({ updatedSince: new Date('2026-03-02T09:00:00Z') })).items).toHaveLength(5);
    expect((await api.listCases({ updatedSince: new Date('2026-03-09T00:00:00Z') })).items).toHaveLength(0);
  });

  it('names the bad field of a bad query in problem+json', async () => {
    expect((await problem(api.listCases({ limit: 0 }), 400, 'validation')).fieldError('limit')?.problem).toMatch(/1 to 200/);
    expect((await problem(api.listCases({ cursor: 'not-ours' }), 400)).fieldError('cursor')).toBeDefined();
    expect((await problem(api.listCases({ status: 'lost' as never }), 400)).fieldError('status')).toBeDefined();
    expect((await problem(api.listCases({ updatedSince: 'yesterday' }), 400)).fieldError('updatedSince')).toBeDefined();
    expect((await problem(api.getCase('nope'), 400)).fieldError('caseId')).toBeDefined();
    const raw = await fetch(`${h.url('ingest')}/v1/cases?limit=1&limit=2`, { headers: { authorization: `Bearer ${keyA}` } });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await raw.json()) as { errors: { field: string }[] }).errors[0].field).toBe('limit');
  });

  it('gets one case with a timeline of its events', async () => {
    const c = await api.getCase(caseIdOf.get('pa-1')!);
    expect(c).toMatchObject({ id: caseIdOf.get('pa-1'), status: 'opened', instalments: [expect.objectContaining({ orderRef: 'ORD-1001', instalmentNumber: 2 })] });
    expect(c.timeline[0]).toMatchObject({ kind: 'status_changed', to: 'opened', reason: 'instalment missed' });
    expect(c.timeline.some((e) => e.kind === 'step_scheduled' && e.status === 'pending' && e.channel === 'sms')).toBe(true);
    expect(c).not.toHaveProperty('tenantId');
  });

  it("a key never reaches another tenant's case or account: 404, not 403; its list holds only its own", async () => {
    await problem(other.getCase(caseIdOf.get('pa-1')!), 404, 'not-found');
    await problem(other.pauseCase(caseIdOf.get('pa-1')!), 404, 'not-found');
    await problem(other.getAccount(accountIdFor(a.tenantId, 'pa-1')), 404);
    await problem(other.setContactPreferences(accountIdFor(a.tenantId, 'pa-1'), { sms: true }), 404);
    const theirs = await other.listCases();
    expect(theirs.items.map((c) => c.accountId)).toEqual([accountIdFor(b.tenantId, 'pb-1')]);
    expect((await other.listCases({ accountId: accountIdFor(a.tenantId, 'pa-1') })).items).toEqual([]);
    expect((await schedulerCase(a.tenantId, 'pa-1'))?.status).toBe('opened'); // untouched
  });

  it('401 without a valid key, 403 without the scope', async () => {
    const anonymous = new SettleClient({ baseUrl: h.url('ingest'), apiKey: 'sk_live_not_a_key' });
    await problem(anonymous.listCases(), 401);
    await problem(reader.pauseCase(caseIdOf.get('pa-2')!), 403);
    await problem(reader.setContactPreferences(accountIdFor(a.tenantId, 'pa-2'), { email: true }), 403);
    expect((await reader.getCase(caseIdOf.get('pa-2')!)).status).toBe('opened');
  });

  it("serves Settle's own account snapshot, kept current from the lender's events", async () => {
    const accountId = accountIdFor(a.tenantId, 'pa-4');
    const account = await api.getAccount(accountId);
    expect(account).toMatchObject({
      id: accountId, externalRef: 'pa-4', status: 'in_arrears', amountOverdue: { amountMinor: 4250, currency: 'EUR' },
      contactPreferences: { sms: { optedOut: false }, email: { optedOut: false }, voice: { optedOut: false } },
      contact: expect.objectContaining({ timeZone: 'Europe/Berlin', country: 'DE' }),
    });
    expect((await api.getAccountByExternalRef('pa-4')).id).toBe(accountId);

    await lenderA.send(paymentReceived('pa-4', 1250, false), { now: h.clock.now() });
    await waitFor('partial payment on the snapshot', async () => (await api.getAccount(accountId)).amountOverdue?.amountMinor === 3000);
    expect((await api.getAccount(accountId)).totalPaid).toEqual({ amountMinor: 1250, currency: 'EUR' });
    await problem(api.getAccount(accountIdFor(a.tenantId, 'never-seen')), 404, 'not-found');
    await problem(api.getAccountByExternalRef('never-seen'), 404);
  });

  it('an opt-out set through the API reaches the compliance gate: the opted-out channel is blocked, another account is contacted', async () => {
    const accountId = accountIdFor(a.tenantId, 'pa-5');
    const prefs = await api.setContactPreferences(accountId, { sms: true });
    expect(prefs.channels).toEqual({ sms: { optedOut: true }, email: { optedOut: false }, voice: { optedOut: false } });
    expect((await api.getContactPreferences(accountId)).channels.sms.optedOut).toBe(true);
    await waitFor('the scheduler knows the opt-out', async () => (await schedulerCase(a.tenantId, 'pa-5'))?.opted_out?.includes('sms'));

    h.clock.advance(25 * HOUR); // step 0 falls due for every case
    const blocked = await waitFor('the gate blocks pa-5', async () => {
      const c = await api.getCase(caseIdOf.get('pa-5')!);
      return c.timeline.find((e) => e.kind === 'compliance_decision') && c;
    }, 60_000);
    const decision = blocked.timeline.find((e) => e.kind === 'compliance_decision')!;
    expect(decision).toMatchObject({ channel: 'sms', outcome: 'block' });
    expect(blocked.timeline.some((e) => e.kind === 'contact_attempt')).toBe(false);

    const contacted = await waitFor('pa-1 contacted', async () => {
      const c = await api.getCase(caseIdOf.get('pa-1')!);
      return c.timeline.some((e) => e.kind === 'contact_attempt') && c;
    }, 60_000);
    expect(contacted.timeline.find((e) => e.kind === 'compliance_decision')).toMatchObject({ channel: 'sms', outcome: 'allow' });
    expect(contacted.status).toBe('reminding');

    // Opting back in clears it; a body naming an unknown channel is refused by field.
    expect((await api.setContactPreferences(accountId, { sms: false })).channels.sms.optedOut).toBe(false);
    await waitFor('the scheduler knows the opt-in', async () => (await schedulerCase(a.tenantId, 'pa-5'))?.opted_out?.length === 0);
    const bad = await fetch(`${h.url('ingest')}/v1/accounts/${accountId}/contact-preferences`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${keyA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channels: { fax: { optedOut: true }, email: { optedOut: 'yes' } } }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['channels.fax', 'channels.email.optedOut']);
    const plain = await fetch(`${h.url('ingest')}/v1/accounts/${accountId}/contact-preferences`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${keyA}`, 'content-type': 'text/plain' },
      body: 'sms=off',
    });
    expect(plain.status).toBe(415);
    expect(plain.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('a standing opt-out holds for the next case of the account too', async () => {
    const accountId = accountIdFor(a.tenantId, 'pa-3');
    await api.setContactPreferences(accountId, { email: true, voice: true });
    await lenderA.send(paymentReceived('pa-3'), { now: h.clock.now() });
    await waitFor('pa-3 resolved', async () => (await schedulerCase(a.tenantId, 'pa-3'))?.status === 'resolved');
    const again = instalmentMissed({ ref: 'pa-3' }) as ReturnType<typeof instalmentMissed> & { instalment: { instalmentNumber: number } };
    again.instalment.instalmentNumber = 3;
    await lenderA.send(again, { now: h.clock.now() });
    const next = await waitFor('a new case for pa-3 with the opt-outs', async () => {
      const c = await schedulerCase(a.tenantId, 'pa-3');
      return c && c.id !== caseIdOf.get('pa-3') && c.opted_out.length === 2 && c;
    });
    expect(next.opted_out.sort()).toEqual(['email', 'voice']);
  });

  it('manual actions go through the state machine; a transition it does not allow is 409 problem+json', async () => {
    const id = caseIdOf.get('pa-2')!;
    await waitFor('pa-2 reminded once (step 0 fell due earlier)', async () => (await api.getCase(id)).status === 'reminding');
    const paused = await api.pauseCase(id, 'the debtor called the lender');
    expect(paused.status).toBe('paused');
    expect(paused.timeline.filter((e) => e.kind === 'status_changed').at(-1)).toMatchObject({ kind: 'status_changed', to: 'paused', reason: 'the debtor called the lender' });
    const again = await problem(api.pauseCase(id), 409, 'transition-not-allowed');
    expect(again.problem.caseStatus).toBe('paused');
    const resumed = await api.resumeCase(id);
    expect(resumed.status).toBe('reminding');
    // The workflow goes on from the step it had reached: step 1 is planned again.
    expect(resumed.timeline.some((e) => e.kind === 'step_scheduled' && e.step === 1 && e.status === 'pending')).toBe(true);
    expect((await api.escalateCase(id, 'needs a person')).status).toBe('escalated');
    expect((await api.closeCase(id, 'settled by phone')).status).toBe('closed');
    await problem(api.resumeCase(id), 409);
    await problem(api.closeCase(id), 409);
    const closed = await api.getCase(id);
    expect(closed.timeline.filter((e) => e.kind === 'status_changed').map((e) => e.to)).toEqual(['opened', 'reminding', 'paused', 'reminding', 'escalated', 'closed']);
    expect(closed).toMatchObject({ outcome: 'closed', closedAt: expect.any(String) });

    await problem(api.actOnCase(id, 'delete' as never), 404);
    const form = await fetch(`${h.url('ingest')}/v1/cases/${id}/actions/pause`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keyA}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'reason=x',
    });
    expect(form.status).toBe(415);
    expect((await problem(api.pauseCase(caseIdOf.get('pa-1')!, ''), 400)).fieldError('reason')).toBeDefined();
  });

  it('serves the OpenAPI document at /docs/openapi.json (the checked-in file) and Swagger UI at /docs', async () => {
    const served = await fetch(`${h.url('ingest')}/docs/openapi.json`);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(readFileSync(join(__dirname, '../../openapi.json'), 'utf8'));
    const ui = await fetch(`${h.url('ingest')}/docs`);
    expect(await ui.text()).toContain('/docs/openapi.json');
    expect((await fetch(`${h.url('ingest')}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });
  it('answers 503 when the scheduler is unreachable and 504 when it does not answer in time, as problem+json', async () => {
    await h.stop('scheduler');
    await problem(api.getCase(caseIdOf.get('pa-1')!), 503, 'scheduler-unavailable');
    // What ingest owns itself still answers.
    expect((await api.getAccount(accountIdFor(a.tenantId, 'pa-1'))).externalRef).toBe('pa-1');

    const stalled = createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    await h.stop('ingest'); // one ingest at a time: a second member would wait for a consumer-group rebalance
    const slow = await startService(INGEST_SERVICE, IngestModule, {
      port: 0,
      env: { ...h.env(), SCHEDULER_URL: `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`, SCHEDULER_TIMEOUT_MS: '300' },
      clock: h.clock,
      retryPolicy: TEST_RETRY_POLICY,
    });
    try {
      const started = Date.now();
      await problem(new SettleClient({ baseUrl: slow.url, apiKey: keyA }).listCases(), 504, 'scheduler-timeout');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await slow.stop();
      stalled.closeAllConnections();
      stalled.close();
    }
  });
});
