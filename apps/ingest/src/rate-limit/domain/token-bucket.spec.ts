import { TokenBuckets } from './token-bucket';

describe('token buckets', () => {
  it('allows a full burst at once, then refuses with the seconds until a token is back', () => {
    const buckets = new TokenBuckets({ perSecond: 2, burst: 5 });
    const results = Array.from({ length: 5 }, () => buckets.take('a', 0));
    expect(results.every((r) => r.allowed)).toBe(true);
    expect(results.map((r) => (r.allowed ? r.remaining : -1))).toEqual([4, 3, 2, 1, 0]);
    expect(buckets.take('a', 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the rate, never beyond the burst', () => {
    const buckets = new TokenBuckets({ perSecond: 2, burst: 3 });
    for (let i = 0; i < 3; i++) buckets.take('a', 0);
    expect(buckets.take('a', 400).allowed).toBe(false); // 0.8 tokens
    expect(buckets.take('a', 500)).toEqual({ allowed: true, remaining: 0 }); // 1.0 token at 500 ms
    expect(buckets.take('a', 600_000)).toEqual({ allowed: true, remaining: 2 }); // capped at 3
  });

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    const buckets = new TokenBuckets({ perSecond: 0.1, burst: 1 });
    expect(buckets.take('a', 0).allowed).toBe(true);
    expect(buckets.take('a', 0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(buckets.take('a', 2_500)).toEqual({ allowed: false, retryAfterSeconds: 8 });
    expect(buckets.take('a', 10_000).allowed).toBe(true);
  });

  it('keeps tenants apart', () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 1 });
    expect(buckets.take('a', 0).allowed).toBe(true);
    expect(buckets.take('a', 0).allowed).toBe(false);
    expect(buckets.take('b', 0).allowed).toBe(true);
  });

  it('does not mint tokens when the clock goes backwards', () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 2 });
    buckets.take('a', 10_000);
    buckets.take('a', 10_000);
    expect(buckets.take('a', 0).allowed).toBe(false);
    expect(buckets.take('a', 10_999).allowed).toBe(false);
    expect(buckets.take('a', 11_000).allowed).toBe(true);
  });

  it('forgets the least recently used buckets past maxKeys', () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 1 }, 2);
    buckets.take('a', 0);
    buckets.take('b', 0);
    buckets.take('a', 0);
    buckets.take('c', 0);
    expect(buckets.size).toBe(2);
    expect(buckets.take('b', 0).allowed).toBe(true); // b was forgotten: a fresh, full bucket
    expect(buckets.take('c', 0).allowed).toBe(false);
  });

  it('refuses nonsense limits', () => {
    expect(() => new TokenBuckets({ perSecond: 0, burst: 1 })).toThrow();
    expect(() => new TokenBuckets({ perSecond: 1, burst: 0 })).toThrow();
  });
});
