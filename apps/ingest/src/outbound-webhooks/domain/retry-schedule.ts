/**
 * When to try a failed delivery again: exponential back-off with jitter, until the delivery is
 * older than the maximum age, then it is marked failed (a replay can send it again later).
 */
export interface RetrySchedule {
  /** The wait after the first failed attempt, in ms; it doubles with each further one. */
  baseDelayMs: number;
  /** No wait is longer than this, in ms. */
  maxDelayMs: number;
  /** How long after it was (re)queued a delivery is still retried, in ms. */
  maxAgeMs: number;
}

export type RetryDecision = { retry: true; at: Date; delayMs: number } | { retry: false };

/**
 * The wait after failed attempt `attempt` (1 = the first): `min(max, base·2^(attempt−1))`, then
 * "equal jitter": half of it fixed, the other half random. The waits still grow, and receivers
 * that failed together are not hit again in lockstep. `random` is in [0, 1).
 */
export function retryDelayMs(attempt: number, schedule: Pick<RetrySchedule, 'baseDelayMs' | 'maxDelayMs'>, random: number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40);
  const capped = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** exponent);
  return Math.round(capped / 2 + (capped / 2) * Math.min(Math.max(random, 0), 1));
}

/** After failed attempt `attempt` at `now`: the next try, or give up when it would fall past `giveUpAt`. */
export function nextRetry(attempt: number, now: Date, giveUpAt: Date, schedule: RetrySchedule, random: number): RetryDecision {
  const delayMs = retryDelayMs(attempt, schedule, random);
  const at = new Date(now.getTime() + delayMs);
  return at.getTime() > giveUpAt.getTime() ? { retry: false } : { retry: true, at, delayMs };
}

/** Whether an HTTP answer counts as delivered: any 2xx. Redirects are not followed. */
export function isDelivered(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}
