import { LenderEvent, accountIdFor } from '@settle/contracts';
import { LenderSandbox } from '@settle/sandbox';
import { waitFor } from '@settle/testing';
import { ADMIN_TOKEN, SettleHarness, instalmentMissed } from './harness';

jest.setTimeout(240_000);

/*
 * A missed instalment → a new plan agreed through the negotiation API → written back to the
 * (sandbox) lender platform once, even though the request is retried → plan.agreed → the case is
 * plan_agreed and contact stops → a plan instalment missed → one SMS for it → a second missed →
 * plan.broken → the case reminds again.
 */
describe('renegotiation end to end: agreement, write-back, plan tracking, broken plan', () => {
  let h: SettleHarness;
  let lender: LenderSandbox;
  let tenant: { tenantId: string; webhookSecret: string };
  const REF = 'neg-e2e-1';
  const PHONE = '+4915100000701';
  let n = 0;

  beforeAll(async () => {
    lender = await LenderSandbox.start({ now: () => h?.clock.now() ?? new Date('2026-03-02T10:00:00Z'), seed: false });
    process.env.TEST_LENDER_PLATFORM_URL = lender.url;
    h = await SettleHarness.create('negotiation', '2026-03-02T10:00:00Z');
    await h.start('ingest', 'scheduler', 'sms', 'negotiation');
    tenant = await h.createTenant();
    // Pay-in-4 of 170.00 EUR every two weeks; the first paid, the second (1 March) overdue.
    lender.platform.addAccount({ externalRef: REF, product: 'pay_in_4', currency: 'EUR', jurisdiction: 'DE', merchantName: 'Nordic Bikes', purchaseMinor: 17_000, firstDue: '2026-02-15', paid: 1 });
  });

  afterAll(async () => {
    await h?.close();
    await lender?.stop();
    delete process.env.TEST_LENDER_PLATFORM_URL;
  });

  const caseOf = async () => (await h.query<{ id: string; status: string }>('scheduler', 'SELECT id, status FROM recovery_case WHERE account_id = $1', [accountIdFor(tenant.tenantId, REF)]))[0];
  const smsCount = () => h.sns.published().filter((m) => m.phoneNumber === PHONE).length;
  const planEvents = async (type: string) =>
    h.query<{ payload: { data: Record<string, unknown> } }>('negotiation', `SELECT payload FROM outbox WHERE payload->>'type' = $1 ORDER BY seq`, [type]);
  const smsCommands = async (template: string) =>
    (await h.query<{ payload: { data: { amountDue: unknown; dueDate: string; paymentLink: { url: string } } } }>('scheduler', `SELECT payload FROM outbox WHERE payload->>'type' = 'sms.requested' AND payload->'data'->>'template' = $1 ORDER BY seq`, [template])).map((r) => r.payload);
  const missedPlanInstalment = (dueDate: string, number: number): LenderEvent =>
    ({
      eventId: `evt-plan-miss-${Date.now()}-${++n}`,
      type: 'instalment.missed',
      occurredAt: h.clock.now().toISOString(),
      account: { externalRef: REF, contact: { phone: PHONE, firstName: 'Anna', language: 'de', timeZone: 'Europe/Berlin', country: 'DE' } },
      instalment: { orderRef: 'ORD-NEG-1', merchantName: 'Nordic Bikes', instalmentNumber: 10 + number, instalmentsTotal: 14, amountDue: { amountMinor: 3188, currency: 'EUR' }, dueDate, daysPastDue: 1 },
    }) as unknown as LenderEvent;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${h.url('negotiation')}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, ...headers }, body: JSON.stringify(body) });

  it('walks the whole path', async () => {
    // The tenant's rule: a first miss is a reminder, the second breaks the plan.
    const policy = { minInstalmentMinor: 1_000, maxExtensionDays: 90, maxReschedules: 2, settlementDiscountBps: { min: 0, max: 500 }, planRule: { missesToBreak: 2, onMiss: 'remind' } };
    const noToken = await fetch(`${h.url('negotiation')}/v1/tenants/${tenant.tenantId}/negotiation-policy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(policy) });
    expect(noToken.status).toBe(401);
    const put = await fetch(`${h.url('negotiation')}/v1/tenants/${tenant.tenantId}/negotiation-policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify(policy),
    });
    expect(put.status).toBe(200);

    // 1. The missed instalment opens a case; the first reminder goes out.
    expect((await h.sendWebhook(tenant, instalmentMissed({ ref: REF, phone: PHONE }))).status).toBe(202);
    await waitFor('first SMS', () => smsCount() === 1);
    const c = await waitFor('case reminding', async () => ((await caseOf())?.status === 'reminding' ? caseOf() : undefined));

    // 2. Options, live from the lender platform, within the tenant's and Germany's bounds.
    const optionsRes = await post('/v1/negotiation/options', { tenantId: tenant.tenantId, externalAccountRef: REF, caseId: c.id, source: 'voice', budgetMs: 1_000 });
    expect(optionsRes.status).toBe(200);
    const options = (await optionsRes.json()) as { options: { kind: string; plan: { total: { amountMinor: number } } }[]; humanReview: { required: boolean } };
    expect(options.options.map((o) => o.kind)).toEqual(expect.arrayContaining(['deferral', 'term_extension']));
    expect(options.humanReview.required).toBe(false);
    expect(options.options.find((o) => o.kind === 'term_extension')!.plan.total.amountMinor).toBe(12_750);

    // 3. Agreement. The platform applies the write but every answer is lost: the call fails (502)
    //    and the agreement stays pending. The client retries with the same key: written once.
    const body = { tenantId: tenant.tenantId, externalAccountRef: REF, caseId: c.id, source: 'api', kind: 'term_extension' };
    const key = { 'idempotency-key': `agree-${c.id}` };
    lender.platform.faults({ failNext: 10, status: 500, when: 'after', method: 'PUT' });
    const failed = await post('/v1/agreements', body, key);
    expect(failed.status).toBe(502);
    expect(lender.platform.planWrites()).toHaveLength(1);
    lender.platform.clearFaults();
    const agreed = await post('/v1/agreements', body, key);
    expect(agreed.status).toBe(201);
    const plan = (await agreed.json()) as { planId: string; lenderPlanRef: string; plan: { instalments: { dueDate: string }[] }; replayed: boolean };
    expect(plan.replayed).toBe(false);
    const replay = await post('/v1/agreements', body, key);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ planId: plan.planId, lenderPlanRef: plan.lenderPlanRef, replayed: true });
    expect((await post('/v1/agreements', { ...body, kind: 'deferral' }, key)).status).toBe(409);

    const writes = lender.platform.planWrites();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ planRef: plan.lenderPlanRef, idempotencyKey: `settle-plan-${plan.planId}`, plan: { planId: plan.planId, kind: 'term_extension', source: 'api' } });
    expect(lender.platform.account(REF)!.activePlan?.planRef).toBe(plan.lenderPlanRef);
    expect(await planEvents('plan.agreed')).toHaveLength(1);

    // 4. plan.agreed reaches the scheduler: the case is plan_agreed and contact stops.
    await waitFor('case plan_agreed', async () => (await caseOf())?.status === 'plan_agreed', 30_000);
    h.clock.advance(4 * 24 * 3600 * 1000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smsCount()).toBe(1);

    // 5. The first plan instalment missed: a reminder by the tenant rule, the plan stands.
    const dates = plan.plan.instalments.map((i) => i.dueDate);
    expect((await h.sendWebhook(tenant, missedPlanInstalment(dates[0], 1))).status).toBe(202);
    const [missed] = await waitFor('plan.instalment_missed', async () => {
      const rows = await planEvents('plan.instalment_missed');
      return rows.length === 1 ? rows : undefined;
    });
    expect(missed.payload.data).toMatchObject({ planId: plan.planId, instalmentNumber: 1, missesSoFar: 1, action: 'remind', dueDate: dates[0] });
    // The debtor hears of it once: an SMS for that instalment's amount with a link to pay it; the case stays plan_agreed.
    await waitFor('the plan reminder SMS', () => smsCount() === 2, 30_000);
    const [reminder] = await smsCommands('plan_instalment_missed');
    expect(reminder.data).toMatchObject({ amountDue: missed.payload.data.amountDue, dueDate: dates[0] });
    expect(h.sns.published().filter((m) => m.phoneNumber === PHONE)[1].message).toContain(reminder.data.paymentLink.url);
    expect((await caseOf()).status).toBe('plan_agreed');

    // 6. The second: plan.broken, and the case reminds again.
    expect((await h.sendWebhook(tenant, missedPlanInstalment(dates[1], 2))).status).toBe(202);
    const [broken] = await waitFor('plan.broken', async () => {
      const rows = await planEvents('plan.broken');
      return rows.length === 1 ? rows : undefined;
    });
    expect(broken.payload.data).toMatchObject({ planId: plan.planId, missesSoFar: 2, outstanding: { amountMinor: 12_750, currency: 'EUR' } });
    await waitFor('case reminding again', async () => (await caseOf())?.status === 'reminding', 30_000);
    await waitFor('another SMS', () => smsCount() === 3, 30_000);
    // The breaking miss sends no miss reminder: the workflow's own step is the third SMS.
    expect(await smsCommands('plan_instalment_missed')).toHaveLength(1);
    const [agreement] = await h.query<{ status: string }>('negotiation', 'SELECT status FROM agreement WHERE id = $1', [plan.planId]);
    expect(agreement.status).toBe('broken');
  });

  it('the same agreement sent twice at once is written back once; one answer is the original (201), the other a replay (200)', async () => {
    const ref = 'neg-e2e-twice';
    lender.platform.addAccount({ externalRef: ref, product: 'pay_in_4', currency: 'EUR', jurisdiction: 'DE', merchantName: 'Nordic Bikes', purchaseMinor: 17_000, firstDue: '2026-02-15', paid: 1 });
    const body = { tenantId: tenant.tenantId, externalAccountRef: ref, source: 'api', kind: 'term_extension' };
    const key = { 'idempotency-key': 'agree-twice-0001' };
    const answers = await Promise.all([post('/v1/agreements', body, key), post('/v1/agreements', body, key)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    const plans = (await Promise.all(answers.map((a) => a.json()))) as { planId: string; replayed: boolean }[];
    expect(plans[0].planId).toBe(plans[1].planId);
    expect(plans.map((p) => p.replayed).sort()).toEqual([false, true]);
    expect(lender.platform.planWrites().filter((w) => w.externalRef === ref)).toHaveLength(1);
    const agreed = await planEvents('plan.agreed');
    expect(agreed.filter((r) => r.payload.data.externalAccountRef === ref)).toHaveLength(1);
  });

  it('an automated refusal offers human review (GDPR Art. 22) and records plan.review_requested', async () => {
    const ref = 'neg-e2e-limit';
    lender.platform.addAccount({ externalRef: ref, product: 'monthly', currency: 'EUR', jurisdiction: 'DE', merchantName: 'Küchenwelt', purchaseMinor: 60_000, instalments: 6, firstDue: '2026-02-01', paid: 1, allows: { maxInstalments: 5 } });
    const res = await post('/v1/agreements', { tenantId: tenant.tenantId, externalAccountRef: ref, source: 'voice', kind: 'term_extension' }, { 'idempotency-key': 'refused-0001' });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { humanReview: { required: boolean; requested: boolean; ruleId: string } };
    expect(problem.humanReview).toMatchObject({ required: true, requested: true, ruleId: 'eu.gdpr.art22.human_review' });
    // Asked again the same day (another call, another key): still refused, still one review request.
    const again = await post('/v1/agreements', { tenantId: tenant.tenantId, externalAccountRef: ref, source: 'voice', kind: 'term_extension' }, { 'idempotency-key': 'refused-0002' });
    expect(again.status).toBe(422);
    expect(((await again.json()) as { humanReview: { requested: boolean } }).humanReview.requested).toBe(true);
    const rows = (await planEvents('plan.review_requested')).filter((r) => r.payload.data.externalAccountRef === ref);
    expect(rows.map((r) => r.payload.data.source)).toEqual(['voice']);
  });

  it('bad input names the field; an unknown account is 404; a missing key is 400; no service credential is 401', async () => {
    for (const [path, authorization] of [['/v1/negotiation/options', ''], ['/v1/agreements', 'Bearer not-the-admin-token']]) {
      const res = await post(path, { tenantId: tenant.tenantId, externalAccountRef: REF, source: 'api', kind: 'deferral' }, { authorization, 'idempotency-key': 'no-credential-0001' });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const bad = await post('/v1/negotiation/options', { tenantId: 'nope', externalAccountRef: REF });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/tenantId/);
    expect((await post('/v1/negotiation/options', { tenantId: tenant.tenantId, externalAccountRef: 'unknown-ref' })).status).toBe(404);
    expect((await post('/v1/agreements', { tenantId: tenant.tenantId, externalAccountRef: REF, source: 'api', kind: 'deferral' })).status).toBe(400);
  });

  it('a tenant whose rule moves a missed plan instalment to the end: the revised schedule is written back to the lender', async () => {
    const other = await h.createTenant('Move Pay');
    const ref = 'neg-e2e-move';
    const phone = '+4915100000702';
    lender.platform.addAccount({ externalRef: ref, product: 'pay_in_4', currency: 'EUR', jurisdiction: 'DE', merchantName: 'Nordic Bikes', purchaseMinor: 12_000, firstDue: '2026-02-15', paid: 1 });
    const put = await fetch(`${h.url('negotiation')}/v1/tenants/${other.tenantId}/negotiation-policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ minInstalmentMinor: 1_000, maxExtensionDays: 90, maxReschedules: 2, settlementDiscountBps: { min: 0, max: 0 }, planRule: { missesToBreak: 3, onMiss: 'move_to_end', moveByDays: 14 } }),
    });
    expect(put.status).toBe(200);
    const res = await post('/v1/agreements', { tenantId: other.tenantId, externalAccountRef: ref, source: 'plan_link', kind: 'term_extension' }, { 'idempotency-key': 'move-agree-0001' });
    expect(res.status).toBe(201);
    const agreed = (await res.json()) as { planId: string; plan: { instalments: { dueDate: string; amount: { amountMinor: number } }[] } };
    const first = agreed.plan.instalments[0];
    const last = agreed.plan.instalments.at(-1)!;
    const miss = {
      eventId: `evt-move-${Date.now()}`,
      type: 'instalment.missed',
      occurredAt: h.clock.now().toISOString(),
      account: { externalRef: ref, contact: { phone, language: 'de', timeZone: 'Europe/Berlin', country: 'DE' } },
      instalment: { orderRef: 'ORD-MOVE', merchantName: 'Nordic Bikes', instalmentNumber: 11, instalmentsTotal: 14, amountDue: first.amount, dueDate: first.dueDate, daysPastDue: 1 },
    } as unknown as LenderEvent;
    expect((await h.sendWebhook(other, miss)).status).toBe(202);
    const [missed] = await waitFor('plan.instalment_missed (move_to_end)', async () => {
      const rows = (await planEvents('plan.instalment_missed')).filter((r) => r.payload.data.planId === agreed.planId);
      return rows.length === 1 ? rows : undefined;
    });
    expect(missed.payload.data).toMatchObject({ action: 'move_to_end', missesSoFar: 1 });
    const writes = lender.platform.planWrites().filter((w) => w.externalRef === ref);
    expect(writes.map((w) => w.idempotencyKey)).toEqual([`settle-plan-${agreed.planId}`, `settle-plan-${agreed.planId}-rev-1`]);
    const revised = writes[1].plan.instalments;
    expect(revised).toHaveLength(agreed.plan.instalments.length);
    const moved = new Date(Date.parse(`${last.dueDate}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(revised.at(-1)).toEqual({ dueDate: moved, amount: { amountMinor: first.amount.amountMinor, currency: 'EUR' } });
    expect(lender.platform.account(ref)!.balance.amountMinor).toBe(9_000);
  });

  // Last: it leaves the service's circuit breaker open.
  it('a slow lender platform answers 504 within the budget; a failing one trips the breaker and the API answers 503 without calling it', async () => {
    const ask = () => post('/v1/negotiation/options', { tenantId: tenant.tenantId, externalAccountRef: REF, budgetMs: 300 });
    lender.platform.faults({ latencyMs: 4_000 });
    const t0 = Date.now();
    const slow = await ask();
    expect(slow.status).toBe(504);
    expect(Date.now() - t0).toBeLessThan(2_500); // the 300 ms budget, not the platform's 4 s
    lender.platform.faults({ failNext: 1_000, status: 503 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('/v1/negotiation/options', { tenantId: tenant.tenantId, externalAccountRef: REF, budgetMs: 5_000 })).status);
    expect(statuses.every((s) => s === 502 || s === 503)).toBe(true);
    expect(statuses.at(-1)).toBe(503);
    const before = lender.platform.requests.length;
    const open = await ask();
    expect(open.status).toBe(503);
    expect(((await open.json()) as { detail: string }).detail).toMatch(/resume after/);
    expect(lender.platform.requests.length).toBe(before);
    lender.platform.clearFaults();
  });
});
