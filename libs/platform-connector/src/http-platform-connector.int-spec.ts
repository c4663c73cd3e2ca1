import { restructuringOptions } from '@settle/negotiation';
import { LenderSandbox } from '@settle/sandbox';
import { randomUUID } from 'node:crypto';
import {
  CircuitOpenError, HttpPlatformConnector, PlatformBudgetExceededError, PlatformConflictError, PlatformHttpError, PlatformNetworkError, PlatformNotFoundError,
  PlatformTimeoutError, PlanWriteBack, remainingPlanOf, toLenderAllows,
} from './index';

jest.setTimeout(60_000);

describe('HttpPlatformConnector against the sandbox lender platform over real HTTP', () => {
  let sandbox: LenderSandbox;
  const token = 'int-test-token';
  const connector = (extra: Partial<ConstructorParameters<typeof HttpPlatformConnector>[0]> = {}) =>
    new HttpPlatformConnector({ baseUrl: sandbox.url, token, timeoutMs: 500, retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 }, ...extra });
  const calls = () => sandbox.platform.requests.length;

  beforeAll(async () => {
    sandbox = await LenderSandbox.start({ apiToken: token, now: () => new Date('2026-03-02T10:00:00Z') });
  });
  afterAll(async () => sandbox?.stop());
  afterEach(() => sandbox.platform.clearFaults());

  it('reads balance, history and allowed restructurings of seeded accounts in five currencies, and they feed the negotiation maths', async () => {
    const c = connector();
    const refs = sandbox.platform.refs();
    const currencies = new Set<string>();
    for (const ref of refs) {
      const account = await c.balance(ref);
      currencies.add(account.currency);
      const plan = remainingPlanOf(account);
      expect(plan.total.amountMinor).toBe(account.balance.amountMinor);
      const payments = await c.payments(ref);
      const paid = account.instalments.reduce((s, i) => s + i.paid.amountMinor, 0);
      expect(payments.reduce((s, p) => s + p.amount.amountMinor, 0)).toBe(paid);
    }
    expect([...currencies].sort()).toEqual(['EUR', 'GBP', 'PLN', 'SEK', 'USD']);
    const products = new Set(refs.map((r) => sandbox.platform.account(r)!.product));
    expect(products).toEqual(new Set(['pay_in_4', 'monthly']));
    const statuses = new Set(refs.flatMap((r) => sandbox.platform.account(r)!.instalments.map((i) => i.status)));
    expect(statuses).toEqual(new Set(['paid', 'partially_paid', 'due', 'overdue']));

    const account = await c.balance('bnpl-de-1001');
    const allows = await c.restructurings('bnpl-de-1001');
    const result = restructuringOptions({
      balance: account.balance,
      remainingPlan: remainingPlanOf(account),
      lenderAllows: toLenderAllows(allows),
      tenantPolicy: { minInstalmentMinor: 1_000, maxExtensionDays: 60, maxReschedules: 2, settlementDiscountBps: { min: 0, max: 500 } },
      reschedulesSoFar: allows.reschedulesSoFar,
      jurisdiction: account.jurisdiction,
      today: '2026-03-02',
    });
    expect(result.options.map((o) => o.kind)).toContain('deferral');
    expect(result.humanReview.required).toBe(false);
  });

  it('sends the bearer token: a wrong one is a 401, not retried', async () => {
    const before = calls();
    await expect(connector({ token: 'wrong' }).balance('bnpl-de-1001')).rejects.toMatchObject({ status: 401, retryable: false });
    expect(calls() - before).toBe(1);
  });

  it('an unknown account is PlatformNotFoundError, not retried', async () => {
    const before = calls();
    await expect(connector().balance('nope')).rejects.toBeInstanceOf(PlatformNotFoundError);
    expect(calls() - before).toBe(1);
  });

  it('retries 5xx with back-off and succeeds', async () => {
    sandbox.platform.faults({ failNext: 2, status: 503 });
    const before = calls();
    const account = await connector().balance('bnpl-gb-2001');
    expect(account.currency).toBe('GBP');
    expect(calls() - before).toBe(3);
  });

  it('gives up after maxAttempts with the last error', async () => {
    sandbox.platform.faults({ failNext: 5, status: 502 });
    const before = calls();
    await expect(connector().balance('bnpl-gb-2001')).rejects.toMatchObject({ status: 502, retryable: true });
    expect(calls() - before).toBe(3);
  });

  it('honours Retry-After on a 429', async () => {
    sandbox.platform.faults({ failNext: 1, status: 429, retryAfterSeconds: 1 });
    const t0 = Date.now();
    await connector().balance('bnpl-se-3001');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('writes a plan back once per idempotency key, even when the first answer is lost and the call retried', async () => {
    const c = connector();
    const account = await c.balance('bnpl-pl-4001');
    const plan: PlanWriteBack = {
      planId: randomUUID(),
      source: 'api',
      kind: 'term_extension',
      currency: 'PLN',
      instalments: [
        { dueDate: '2026-03-10', amount: { amountMinor: account.balance.amountMinor - 10_000, currency: 'PLN' } },
        { dueDate: '2026-04-10', amount: { amountMinor: 10_000, currency: 'PLN' } },
      ],
      feeMinor: 0,
      agreedAt: '2026-03-02T10:00:00Z',
    };
    const key = `plan:${plan.planId}`;
    sandbox.platform.faults({ failNext: 1, status: 500, when: 'after' });
    const first = await c.writePlan('bnpl-pl-4001', plan, key);
    expect(first.replayed).toBe(true); // the applied write's answer was lost; the retry replayed it
    const writes = sandbox.platform.planWrites().filter((w) => w.idempotencyKey === key);
    expect(writes).toHaveLength(1);
    expect(sandbox.platform.requests.filter((r) => r.idempotencyKey === key).map((r) => r.status)).toEqual([500, 200]);
    const again = await c.writePlan('bnpl-pl-4001', plan, key);
    expect(again).toEqual({ planRef: first.planRef, replayed: true });
    const after = await c.balance('bnpl-pl-4001');
    expect(after.activePlan?.planRef).toBe(first.planRef);
    expect(after.balance.amountMinor).toBe(account.balance.amountMinor);
    expect((await c.restructurings('bnpl-pl-4001')).reschedulesSoFar).toBe(1);

    await expect(c.writePlan('bnpl-pl-4001', { ...plan, feeMinor: 1 }, key)).rejects.toBeInstanceOf(PlatformConflictError);
    await expect(c.writePlan('bnpl-pl-4001', { ...plan, currency: 'EUR' }, `other-${key}`)).rejects.toMatchObject({ status: 422, retryable: false });
  });

  it('times out a stalled attempt and retries; a stalled platform ends in PlatformTimeoutError', async () => {
    sandbox.platform.faults({ stallNext: 1 });
    const ok = await connector({ timeoutMs: 300 }).balance('bnpl-us-5001');
    expect(ok.currency).toBe('USD');

    sandbox.platform.faults({ stallNext: 3 });
    const t0 = Date.now();
    await expect(connector({ timeoutMs: 200 }).balance('bnpl-us-5001')).rejects.toBeInstanceOf(PlatformTimeoutError);
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it('keeps within the caller budget', async () => {
    sandbox.platform.faults({ latencyMs: 4_000 });
    const t0 = Date.now();
    const err = await connector({ timeoutMs: 5_000 }).balance('bnpl-us-5001', { budgetMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(2_500); // the 300 ms budget, not the platform's 4 s
    expect(err).toBeInstanceOf(PlatformBudgetExceededError);
  });

  it('a failing platform trips the breaker: calls then fail fast without reaching it; after the reset timeout one trial closes it again', async () => {
    const c = connector({ retry: { maxAttempts: 1 }, breaker: { failureThreshold: 3, resetTimeoutMs: 500 } });
    sandbox.platform.faults({ failNext: 100, status: 503 });
    for (let i = 0; i < 3; i++) await expect(c.balance('bnpl-de-1002')).rejects.toBeInstanceOf(PlatformHttpError);
    expect(c.breaker.current).toBe('open');
    const before = calls();
    await expect(c.balance('bnpl-de-1002')).rejects.toBeInstanceOf(CircuitOpenError);
    expect(calls()).toBe(before);

    sandbox.platform.clearFaults();
    await new Promise((r) => setTimeout(r, 550));
    expect(c.breaker.current).toBe('half_open');
    expect((await c.balance('bnpl-de-1002')).currency).toBe('EUR');
    expect(c.breaker.current).toBe('closed');
  });

  it('stalls trip the breaker too (timeouts count as failures)', async () => {
    const c = connector({ timeoutMs: 150, retry: { maxAttempts: 1 }, breaker: { failureThreshold: 2, resetTimeoutMs: 10_000 } });
    sandbox.platform.faults({ stallNext: 2 });
    await expect(c.balance('bnpl-de-1002')).rejects.toBeInstanceOf(PlatformTimeoutError);
    await expect(c.balance('bnpl-de-1002')).rejects.toBeInstanceOf(PlatformTimeoutError);
    await expect(c.balance('bnpl-de-1002')).rejects.toBeInstanceOf(CircuitOpenError);
  });

  it('a platform that is not listening is a retryable network error', async () => {
    const c = new HttpPlatformConnector({ baseUrl: 'http://127.0.0.1:9', token, retry: { maxAttempts: 2, baseDelayMs: 10 } });
    await expect(c.balance('x')).rejects.toBeInstanceOf(PlatformNetworkError);
  });
});
