import { MissLimiter } from './miss-limiter';

describe('MissLimiter', () => {
  let now: number;
  const limiter = (limit = 3, maxClients = 100) => new MissLimiter(limit, 60_000, () => now, maxClients);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a client miss up to the limit, then refuses it until its window ends', () => {
    const l = limiter(3);
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterSeconds('1.2.3.4')).toBe(0);
      l.miss('1.2.3.4');
    }
    expect(l.retryAfterSeconds('1.2.3.4')).toBe(60);
    now += 59_001;
    expect(l.retryAfterSeconds('1.2.3.4')).toBe(1);
    now += 999;
    expect(l.retryAfterSeconds('1.2.3.4')).toBe(0);
  });

  it('counts each client on its own', () => {
    const l = limiter(1);
    l.miss('a');
    expect(l.retryAfterSeconds('a')).toBe(60);
    expect(l.retryAfterSeconds('b')).toBe(0);
  });

  it('starts a fresh window after the old one ends: misses do not carry over', () => {
    const l = limiter(2);
    l.miss('a');
    now += 60_000;
    l.miss('a');
    expect(l.retryAfterSeconds('a')).toBe(0);
  });

  it('keeps at most maxClients windows, dropping expired ones first and then the oldest', () => {
    const l = limiter(1, 3);
    l.miss('old');
    now += 60_000;
    l.miss('a');
    l.miss('b');
    l.miss('c'); // 'old' has expired: it goes
    expect(['a', 'b', 'c'].map((c) => l.retryAfterSeconds(c))).toEqual([60, 60, 60]);
    l.miss('d'); // nothing expired: the oldest, 'a', goes
    expect(['a', 'b', 'c', 'd'].map((c) => l.retryAfterSeconds(c))).toEqual([0, 60, 60, 60]);
  });
});
