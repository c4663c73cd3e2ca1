/**
 * Token buckets, one per key: each holds at most `burst` tokens and refills at `perSecond`;
 * a request takes one token or is refused with the whole seconds until one is back.
 * Pure: time comes in as milliseconds, so the maths is tested without a clock.
 */
export interface BucketLimits {
  perSecond: number;
  burst: number;
}

export type Take = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  /** `maxKeys` bounds memory: past it, the least recently used buckets are forgotten (they would be full by then or soon). */
  constructor(
    private readonly limits: BucketLimits,
    private readonly maxKeys = 100_000,
  ) {
    if (!(limits.perSecond > 0) || !(limits.burst >= 1)) throw new Error('a token bucket needs perSecond > 0 and burst >= 1');
  }

  take(key: string, nowMs: number): Take {
    const bucket = this.buckets.get(key) ?? { tokens: this.limits.burst, at: nowMs };
    // Time never runs backwards for a bucket (a clock set back must not mint tokens or go negative).
    const elapsed = Math.max(0, nowMs - bucket.at) / 1000;
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + elapsed * this.limits.perSecond);
    bucket.at = Math.max(bucket.at, nowMs);
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evict();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.limits.perSecond)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(): void {
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
