import { CircuitBreaker } from './circuit-breaker';
import { CircuitOpenError, PlatformBudgetExceededError, PlatformConflictError, PlatformHttpError, PlatformNetworkError, PlatformNotFoundError, PlatformProtocolError, PlatformTimeoutError } from './errors';
import { DEFAULT_RETRY_POLICY, backoffMs, decideRetry, isRetryable, parseRetryAfter } from './retry-policy';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };

describe('which failures are retried', () => {
  it.each([500, 502, 503, 504, 429, 408])('%i is retryable', (status) => expect(isRetryable(new PlatformHttpError(status, ''))).toBe(true));
  it.each([400, 401, 403, 422])('%i is not', (status) => expect(isRetryable(new PlatformHttpError(status, ''))).toBe(false));
  it('timeouts and network failures are retryable; not found, conflicts, protocol errors, an open circuit and a spent budget are not', () => {
    expect(isRetryable(new PlatformTimeoutError(100))).toBe(true);
    expect(isRetryable(new PlatformNetworkError(new Error('ECONNREFUSED')))).toBe(true);
    expect(isRetryable(new PlatformNotFoundError(404, ''))).toBe(false);
    expect(isRetryable(new PlatformConflictError(409, ''))).toBe(false);
    expect(isRetryable(new PlatformProtocolError('x'))).toBe(false);
    expect(isRetryable(new CircuitOpenError(new Date()))).toBe(false);
    expect(isRetryable(new PlatformBudgetExceededError(100, 1))).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
});

describe('back-off', () => {
  it('doubles its ceiling per retry up to the maximum, with full jitter', () => {
    expect([1, 2, 3, 4, 5, 10].map((r) => backoffMs(r, policy, () => 0.999999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
    expect(backoffMs(3, policy, () => 0.5)).toBe(200);
  });
  it('draws different delays with different randomness (jitter spreads retries)', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const delays = new Set(Array.from({ length: 50 }, () => backoffMs(4, policy, rnd)));
    expect(delays.size).toBeGreaterThan(30);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(0);
    for (const d of delays) expect(d).toBeLessThan(800);
  });
  it('rejects a retry number below 1', () => expect(() => backoffMs(0, policy)).toThrow(RangeError));
});

describe('Retry-After', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:07 GMT', now)).toBe(7_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
  it('is honoured when longer than the back-off, and ends the call when longer than the cap', () => {
    expect(decideRetry(new PlatformHttpError(429, '', 2_000), 1, policy, Infinity, () => 0.5)).toEqual({ retry: true, delayMs: 2_000 });
    expect(decideRetry(new PlatformHttpError(503, '', 0), 1, policy, Infinity, () => 0.5)).toEqual({ retry: true, delayMs: 50 });
    expect(decideRetry(new PlatformHttpError(503, '', 60_000), 1, policy)).toEqual({ retry: false, reason: 'Retry-After 60000 ms exceeds 5000 ms' });
  });
});

describe('decideRetry', () => {
  const e503 = new PlatformHttpError(503, '');
  it('retries until maxAttempts', () => {
    expect(decideRetry(e503, 1, policy, Infinity, () => 0).retry).toBe(true);
    expect(decideRetry(e503, 3, policy, Infinity, () => 0).retry).toBe(true);
    expect(decideRetry(e503, 4, policy, Infinity, () => 0)).toEqual({ retry: false, reason: '4 attempts made' });
  });
  it('never retries a non-retryable failure', () => expect(decideRetry(new PlatformHttpError(400, ''), 1, policy)).toEqual({ retry: false, reason: 'not retryable' }));
  it('does not start a retry whose wait would use up the budget', () => {
    expect(decideRetry(e503, 1, policy, 40, () => 0.5)).toEqual({ retry: false, reason: 'budget exhausted' });
    expect(decideRetry(e503, 1, policy, 60, () => 0.5)).toEqual({ retry: true, delayMs: 50 });
  });
  it('defaults are sane', () => expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1));
});

describe('circuit breaker', () => {
  let t = 0;
  const changes: string[] = [];
  const make = () => new CircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 1_000, now: () => t, onStateChange: (a, b) => changes.push(`${a}>${b}`) });
  beforeEach(() => {
    t = 0;
    changes.length = 0;
  });

  it('opens after the threshold of consecutive failures and refuses calls', () => {
    const b = make();
    b.onFailure();
    b.onFailure();
    expect(b.current).toBe('closed');
    b.onFailure();
    expect(b.current).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    expect(b.retryAt.getTime()).toBe(1_000);
  });

  it('a success in between resets the count', () => {
    const b = make();
    b.onFailure();
    b.onFailure();
    b.onSuccess();
    b.onFailure();
    b.onFailure();
    expect(b.current).toBe('closed');
  });

  it('half-opens after the reset timeout and lets exactly one trial through; success closes it', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.onFailure();
    t = 999;
    expect(b.tryAcquire()).toBe(false);
    t = 1_000;
    expect(b.current).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.onSuccess();
    expect(b.current).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
    expect(changes).toEqual(['closed>open', 'open>half_open', 'half_open>closed']);
  });

  it('a failed trial opens it again for another full timeout', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.onFailure();
    t = 1_500;
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
    expect(b.current).toBe('open');
    t = 2_400;
    expect(b.tryAcquire()).toBe(false);
    t = 2_500;
    expect(b.tryAcquire()).toBe(true);
  });

  it('a neutral answer (4xx) during the trial frees the slot without closing', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.onFailure();
    t = 1_000;
    expect(b.tryAcquire()).toBe(true);
    b.onNeutral();
    expect(b.current).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
  });

  it('rejects nonsense settings', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0, resetTimeoutMs: 1 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 0 })).toThrow(RangeError);
  });
});
