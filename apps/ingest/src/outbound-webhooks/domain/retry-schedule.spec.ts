import { isDelivered, nextRetry, retryDelayMs } from './retry-schedule';

const schedule = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAgeMs: 3_600_000 };

describe('retry schedule', () => {
  it('doubles the wait per attempt, half of it fixed and half jitter', () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const full = 1_000 * 2 ** (attempt - 1);
      expect(retryDelayMs(attempt, schedule, 0)).toBe(full / 2);
      expect(retryDelayMs(attempt, schedule, 0.5)).toBe(Math.round(full * 0.75));
      expect(retryDelayMs(attempt, schedule, 0.999999)).toBe(Math.round(full / 2 + (full / 2) * 0.999999));
    }
  });

  it('never waits longer than the cap, even after very many attempts', () => {
    expect(retryDelayMs(7, schedule, 1)).toBe(60_000);
    expect(retryDelayMs(1_000, schedule, 1)).toBe(60_000);
    expect(retryDelayMs(1_000, schedule, 0)).toBe(30_000);
  });

  it('keeps each wait at least as long as the previous one whatever the jitter', () => {
    for (let attempt = 1; attempt < 12; attempt++) {
      expect(retryDelayMs(attempt + 1, schedule, 0)).toBeGreaterThanOrEqual(retryDelayMs(attempt, schedule, 0.999999) / 2);
      expect(retryDelayMs(attempt + 1, schedule, 0)).toBeGreaterThanOrEqual(retryDelayMs(attempt, schedule, 0));
    }
  });

  it('treats nonsense inputs safely: attempt 0 as the first, random outside [0,1) clamped', () => {
    expect(retryDelayMs(0, schedule, 0)).toBe(500);
    expect(retryDelayMs(-3, schedule, 0)).toBe(500);
    expect(retryDelayMs(1, schedule, -1)).toBe(500);
    expect(retryDelayMs(1, schedule, 7)).toBe(1_000);
  });

  it('retries while the next try is before the give-up time, and gives up after', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const decision = nextRetry(3, now, new Date('2026-03-02T11:00:00Z'), schedule, 0);
    expect(decision).toEqual({ retry: true, at: new Date('2026-03-02T10:00:02Z'), delayMs: 2_000 });
    expect(nextRetry(3, now, new Date('2026-03-02T10:00:02Z'), schedule, 0)).toEqual({ retry: true, at: new Date('2026-03-02T10:00:02Z'), delayMs: 2_000 });
    expect(nextRetry(3, now, new Date('2026-03-02T10:00:01.999Z'), schedule, 0)).toEqual({ retry: false });
    expect(nextRetry(1, now, now, schedule, 0)).toEqual({ retry: false });
  });

  it('counts only 2xx as delivered', () => {
    expect([200, 201, 202, 204, 299].every(isDelivered)).toBe(true);
    expect([null, 100, 199, 301, 302, 400, 404, 410, 429, 500, 503].some(isDelivered)).toBe(false);
  });
});
