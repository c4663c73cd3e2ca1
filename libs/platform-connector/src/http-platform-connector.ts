import { CircuitBreaker, CircuitState } from './circuit-breaker';
import {
  CircuitOpenError, PlatformBudgetExceededError, PlatformConflictError, PlatformError, PlatformHttpError, PlatformNetworkError, PlatformNotFoundError,
  PlatformProtocolError, PlatformTimeoutError,
} from './errors';
import { DEFAULT_RETRY_POLICY, RetryPolicy, decideRetry, parseRetryAfter } from './retry-policy';
import type { CallOptions, PlatformAccount, PlatformConnector, PlatformPayment, PlatformRestructurings, PlanWriteBack, PlanWriteResult } from './types';

export interface HttpPlatformConnectorOptions {
  /** e.g. https://api.lender.example (paths below it: /v1/accounts/…). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Per attempt (default 2 000 ms). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  breaker?: { failureThreshold?: number; resetTimeoutMs?: number };
  /** Injectable for tests: the clock of the breaker and Retry-After dates, jitter, and sleeping. */
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onBreakerStateChange?: (from: CircuitState, to: CircuitState) => void;
  /** Told of every attempt's outcome (metrics). */
  onAttempt?: (info: { operation: string; attempt: number; outcome: 'ok' | 'error'; error?: PlatformError; ms: number }) => void;
}

interface Request {
  operation: string;
  method: 'GET' | 'PUT';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The platform connector over HTTP+JSON: bearer auth, a timeout per attempt (AbortSignal),
 * retries with exponential back-off and full jitter on retryable failures only (5xx, 408, 429,
 * timeouts, network), the platform's Retry-After honoured, a circuit breaker shared by every
 * call, and the caller's overall budget respected.
 */
export class HttpPlatformConnector implements PlatformConnector {
  readonly breaker: CircuitBreaker;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: HttpPlatformConnectorOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError('baseUrl must be an http(s) URL');
    this.baseUrl = url.toString().replace(/\/$/, '');
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? sleep;
    this.breaker = new CircuitBreaker({
      failureThreshold: options.breaker?.failureThreshold ?? 5,
      resetTimeoutMs: options.breaker?.resetTimeoutMs ?? 10_000,
      now: this.now,
      onStateChange: options.onBreakerStateChange,
    });
  }

  async balance(externalRef: string, options?: CallOptions): Promise<PlatformAccount> {
    const body = await this.call<PlatformAccount>({ operation: 'balance', method: 'GET', path: `/v1/accounts/${encodeURIComponent(externalRef)}` }, options);
    expectShape(body, ['externalRef', 'currency', 'balance', 'instalments'], 'account');
    return body;
  }

  async payments(externalRef: string, options?: CallOptions): Promise<PlatformPayment[]> {
    const body = await this.call<{ payments: PlatformPayment[] }>({ operation: 'payments', method: 'GET', path: `/v1/accounts/${encodeURIComponent(externalRef)}/payments` }, options);
    expectShape(body, ['payments'], 'payment history');
    return body.payments;
  }

  async restructurings(externalRef: string, options?: CallOptions): Promise<PlatformRestructurings> {
    const body = await this.call<PlatformRestructurings>(
      { operation: 'restructurings', method: 'GET', path: `/v1/accounts/${encodeURIComponent(externalRef)}/restructuring-options` },
      options,
    );
    expectShape(body, ['kinds', 'maxInstalments', 'maxExtensionDays', 'maxSettlementDiscountBps', 'reschedulesSoFar'], 'restructuring options');
    return body;
  }

  async writePlan(externalRef: string, plan: PlanWriteBack, idempotencyKey: string, options?: CallOptions): Promise<PlanWriteResult> {
    if (!/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) throw new RangeError('idempotencyKey must be 1–200 visible ASCII characters');
    const body = await this.call<{ planRef: string; replayed?: boolean }>(
      { operation: 'write_plan', method: 'PUT', path: `/v1/accounts/${encodeURIComponent(externalRef)}/plan`, body: plan, headers: { 'idempotency-key': idempotencyKey } },
      options,
    );
    expectShape(body, ['planRef'], 'plan write-back');
    return { planRef: body.planRef, replayed: body.replayed === true };
  }

  private async call<T>(req: Request, options: CallOptions = {}): Promise<T> {
    const started = this.now();
    const budgetMs = options.budgetMs ?? Number.POSITIVE_INFINITY;
    let last: PlatformError | undefined;
    for (let attempt = 1; ; attempt++) {
      if (options.signal?.aborted) throw new PlatformBudgetExceededError(budgetMs, attempt - 1, last);
      const remaining = budgetMs - (this.now() - started);
      if (remaining <= 0) throw new PlatformBudgetExceededError(budgetMs, attempt - 1, last);
      if (!this.breaker.tryAcquire()) throw new CircuitOpenError(this.breaker.retryAt);
      const t0 = this.now();
      try {
        const result = await this.attempt<T>(req, Math.min(this.timeoutMs, remaining), options.signal);
        this.breaker.onSuccess();
        this.options.onAttempt?.({ operation: req.operation, attempt, outcome: 'ok', ms: this.now() - t0 });
        return result;
      } catch (error) {
        const err = error instanceof PlatformError ? error : new PlatformNetworkError(error);
        if (err.retryable) this.breaker.onFailure();
        else this.breaker.onNeutral();
        this.options.onAttempt?.({ operation: req.operation, attempt, outcome: 'error', error: err, ms: this.now() - t0 });
        last = err;
        if (options.signal?.aborted) throw new PlatformBudgetExceededError(budgetMs, attempt, err);
        const decision = decideRetry(err, attempt, this.policy, budgetMs - (this.now() - started), this.random);
        if (!decision.retry) {
          if (decision.reason === 'budget exhausted') throw new PlatformBudgetExceededError(budgetMs, attempt, err);
          throw err;
        }
        await this.sleep(decision.delayMs, options.signal);
      }
    }
  }

  private async attempt<T>(req: Request, timeoutMs: number, outer?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(Math.max(1, Math.floor(timeoutMs)));
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${req.path}`, {
        method: req.method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          accept: 'application/json',
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...req.headers,
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
      });
    } catch (error) {
      if (timeout.aborted) throw new PlatformTimeoutError(timeoutMs);
      throw new PlatformNetworkError(error);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      if (timeout.aborted) throw new PlatformTimeoutError(timeoutMs);
      throw new PlatformNetworkError(error);
    }
    if (!res.ok) {
      const detail = problemDetail(text);
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), new Date(this.now()));
      if (res.status === 404) throw new PlatformNotFoundError(404, detail, retryAfterMs);
      if (res.status === 409 || res.status === 422) throw new PlatformConflictError(res.status, detail, retryAfterMs);
      throw new PlatformHttpError(res.status, detail, retryAfterMs);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new PlatformProtocolError(`status ${res.status} with a body that is not JSON`);
    }
  }
}

function problemDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { detail?: unknown; title?: unknown };
    const d = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : '';
    return d.slice(0, 300);
  } catch {
    return '';
  }
}

function expectShape(body: unknown, fields: string[], what: string): void {
  if (typeof body !== 'object' || body === null) throw new PlatformProtocolError(`${what} is not an object`);
  const missing = fields.filter((f) => !(f in body));
  if (missing.length > 0) throw new PlatformProtocolError(`${what} lacks ${missing.join(', ')}`);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
