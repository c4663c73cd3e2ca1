import { PlatformError, PlatformHttpError } from './errors';

/*
 * Retry policy, pure: which failures are retried, how long to wait before the next attempt
 * (exponential back-off with full jitter, or the platform's Retry-After), and when to stop.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Back-off before retry k (1-based) is drawn from [0, min(maxDelayMs, baseDelayMs × 2^(k−1))]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails at once (the caller has a budget). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000, maxRetryAfterMs: 5_000 };

/** 5xx, 408, 429, timeouts and network failures may succeed on another try; any other 4xx will not. */
export function isRetryable(error: unknown): boolean {
  return error instanceof PlatformError && error.retryable;
}

/** Full-jitter exponential back-off before retry number `retry` (1 = the first retry). */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  if (!Number.isInteger(retry) || retry < 1) throw new RangeError(`retry must be a positive integer, got ${retry}`);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when
 * absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/**
 * After attempt `attempt` (1-based) failed with `error`: retry after how long, or give up and why.
 * `remainingMs` is what is left of the caller's budget (Infinity without one): a retry whose wait
 * alone would use it up is not started.
 */
export function decideRetry(error: unknown, attempt: number, policy: RetryPolicy, remainingMs = Number.POSITIVE_INFINITY, random: () => number = Math.random): RetryDecision {
  if (!isRetryable(error)) return { retry: false, reason: 'not retryable' };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: `${policy.maxAttempts} attempts made` };
  let delayMs = backoffMs(attempt, policy, random);
  if (error instanceof PlatformHttpError && error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > policy.maxRetryAfterMs) return { retry: false, reason: `Retry-After ${error.retryAfterMs} ms exceeds ${policy.maxRetryAfterMs} ms` };
    delayMs = Math.max(delayMs, error.retryAfterMs);
  }
  if (delayMs >= remainingMs) return { retry: false, reason: 'budget exhausted' };
  return { retry: true, delayMs };
}
