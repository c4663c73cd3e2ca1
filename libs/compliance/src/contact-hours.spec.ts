import fc from 'fast-check';
import { ContactWindow, isInsideWindow, isKnownZone, nextWindowOpening } from './contact-hours';

/* Local wall-clock time is computed independently of luxon, with Intl.DateTimeFormat (hourCycle h23). */

const ZONES = [
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
] as const;
const MINUTE = 60_000;
const DEFAULT: ContactWindow = { startMinute: 8 * 60, endMinute: 21 * 60 };

const formatters = new Map<string, Intl.DateTimeFormat>();
function local(at: Date | number, zone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

/** Minutes since local midnight, with seconds as a fraction (milliseconds ignored), by Intl. */
function localMinute(at: Date | number, zone: string): number {
  const l = local(at, zone);
  return l.h * 60 + l.mi + l.s / 60;
}

function insideByIntl(at: Date | number, zone: string, window: ContactWindow): boolean {
  const m = localMinute(at, zone);
  return m >= window.startMinute && m < window.endMinute;
}

function zoned(zone: string, y: number, mo: number, d: number, h: number, mi = 0, s = 0): Date {
  const wanted = Date.UTC(y, mo - 1, d, h, mi, s);
  let t = wanted;
  for (let i = 0; i < 4; i++) {
    const l = local(t, zone);
    const shown = Date.UTC(l.y, l.mo - 1, l.d, l.h, l.mi, l.s);
    if (shown === wanted) return new Date(t);
    t += wanted - shown;
  }
  throw new Error(`no such local time in ${zone}`);
}

const instantArb = fc.date({ min: new Date('2024-01-01T00:00:00.000Z'), max: new Date('2030-12-31T23:59:59.999Z'), noInvalidDate: true });
const zoneArb = fc.constantFrom(...ZONES);
const anyWindowArb = fc
  .tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 1440 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]): ContactWindow => ({ startMinute: Math.min(a, b), endMinute: Math.max(a, b) }));
/** Windows opening at 04:00 or later: no zone listed has a DST gap there (see the it.failing below for gaps). */
const lateOpeningWindowArb = fc
  .integer({ min: 4 * 60, max: 1439 })
  .chain((start) => fc.integer({ min: start + 1, max: 1440 }).map((end): ContactWindow => ({ startMinute: start, endMinute: end })));

describe('isInsideWindow', () => {
  it('agrees with Intl for any window, zone and instant (start inclusive, end exclusive, to the second)', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, anyWindowArb, (at, zone, window) => {
        expect(isInsideWindow(at, zone, window)).toBe(insideByIntl(at, zone, window));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with Intl right at the edges of random windows', () => {
    fc.assert(
      fc.property(
        zoneArb,
        fc.integer({ min: 2024, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        lateOpeningWindowArb,
        fc.constantFrom(-1000, -1, 0, 1, 999, 1000),
        fc.boolean(),
        (zone, y, mo, d, window, offsetMs, atStart) => {
          const edge = atStart ? window.startMinute : window.endMinute;
          fc.pre(edge < 1440);
          const at = new Date(zoned(zone, y, mo, d, Math.floor(edge / 60), edge % 60).getTime() + offsetMs);
          expect(isInsideWindow(at, zone, window)).toBe(insideByIntl(at, zone, window));
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['07:59:59', 7, 59, 59, 0, false],
    ['08:00:00', 8, 0, 0, 0, true],
    ['08:00:00.001', 8, 0, 0, 1, true],
    ['14:30:00', 14, 30, 0, 0, true],
    ['20:59:59.999', 20, 59, 59, 999, true],
    ['21:00:00', 21, 0, 0, 0, false],
    ['00:00:00', 0, 0, 0, 0, false],
    ['23:59:59', 23, 59, 59, 0, false],
  ])('local %s in Asia/Kathmandu is inside 08:00–21:00: %s', (_label, h, mi, s, ms, expected) => {
    const at = new Date(zoned('Asia/Kathmandu', 2026, 5, 20, h as number, mi as number, s as number).getTime() + (ms as number));
    expect(isInsideWindow(at, 'Asia/Kathmandu', DEFAULT)).toBe(expected);
  });

  it('the same instant can be inside in one zone and outside in another', () => {
    const at = new Date('2026-06-01T05:00:00Z'); // 07:00 Berlin, 10:30 Kolkata, 22:00 (prev day) Los Angeles
    expect(isInsideWindow(at, 'Europe/Berlin', DEFAULT)).toBe(false);
    expect(isInsideWindow(at, 'Asia/Kolkata', DEFAULT)).toBe(true);
    expect(isInsideWindow(at, 'America/Los_Angeles', DEFAULT)).toBe(false);
  });

  it('a whole-day window contains every instant; an empty one none', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, (at, zone) => {
        expect(isInsideWindow(at, zone, { startMinute: 0, endMinute: 1440 })).toBe(true);
        expect(isInsideWindow(at, zone, { startMinute: 600, endMinute: 600 })).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('nextWindowOpening', () => {
  it('returns `at` itself (same instant) when `at` is inside the window', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, lateOpeningWindowArb, (at, zone, window) => {
        fc.pre(insideByIntl(at, zone, window));
        expect(nextWindowOpening(at, zone, window).getTime()).toBe(at.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('otherwise returns the first lawful instant after `at`: inside, later, with nothing lawful between', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, lateOpeningWindowArb, (at, zone, window) => {
        fc.pre(!insideByIntl(at, zone, window));
        const next = nextWindowOpening(at, zone, window);
        expect(next.getTime()).toBeGreaterThan(at.getTime());
        expect(insideByIntl(next, zone, window)).toBe(true);
        expect(local(next, zone)).toMatchObject({ h: Math.floor(window.startMinute / 60), mi: window.startMinute % 60, s: 0 });
        expect(insideByIntl(next.getTime() - 1, zone, window)).toBe(false);
        // Offsets are whole minutes, so inside/outside is constant within a UTC minute: this scan is exhaustive.
        for (let t = Math.ceil(at.getTime() / MINUTE) * MINUTE; t < next.getTime(); t += MINUTE) {
          if (insideByIntl(t, zone, window)) throw new Error(`${new Date(t).toISOString()} is inside but before ${next.toISOString()}`);
        }
        expect(next.getTime() - at.getTime()).toBeLessThanOrEqual(25 * 60 * MINUTE);
      }),
      { numRuns: 150 },
    );
  });

  it('is idempotent: the opening of an opening is itself', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, lateOpeningWindowArb, (at, zone, window) => {
        const next = nextWindowOpening(at, zone, window);
        expect(nextWindowOpening(next, zone, window).getTime()).toBe(next.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('resolves a spring-forward morning correctly (Europe/Berlin 2026-03-29, 02:00 → 03:00)', () => {
    // 01:30 CET, before the gap → 08:00 CEST = 06:00Z, not 07:00Z as a fixed +1h offset would give.
    expect(nextWindowOpening(new Date('2026-03-29T00:30:00Z'), 'Europe/Berlin', DEFAULT).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    // 21:30 CET on the evening before.
    expect(nextWindowOpening(new Date('2026-03-28T20:30:00Z'), 'Europe/Berlin', DEFAULT).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('resolves a fall-back morning correctly (America/New_York 2026-11-01, 02:00 → 01:00)', () => {
    expect(nextWindowOpening(new Date('2026-11-01T05:30:00Z'), 'America/New_York', DEFAULT).toISOString()).toBe('2026-11-01T13:00:00.000Z');
    expect(nextWindowOpening(new Date('2026-11-01T06:30:00Z'), 'America/New_York', DEFAULT).toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });

  it('a window opening inside a DST gap still never yields an instant outside the window or before `at`', () => {
    const window = { startMinute: 2 * 60 + 30, endMinute: 21 * 60 };
    for (const [zone, at] of [
      ['Europe/Berlin', '2026-03-28T23:30:00Z'],
      ['America/New_York', '2026-03-08T06:00:00Z'],
    ] as const) {
      const next = nextWindowOpening(new Date(at), zone, window);
      expect(next.getTime()).toBeGreaterThan(new Date(at).getTime());
      expect(insideByIntl(next, zone, window)).toBe(true);
    }
  });

  // BUG (contact-hours.ts, nextWindowOpening): when the window's opening wall-clock time does not
  // exist that day (it falls in a spring-forward gap), luxon shifts 02:30 forward by the gap to 03:30,
  // and the 03:30 instant is returned. But the clock jumps straight from 01:59:59 to 03:00:00, which
  // is already ≥ 02:30 and so inside the window: the first lawful instant is 03:00, 30 minutes earlier.
  // The doc comment promises "the first instant at or after `at` that falls inside the window" and
  // that gap times "resolve to the next real instant". Not reachable with the default 08:00 window in
  // these zones, only with a configured window that opens between 02:00 and 03:00 (or 02:45–03:45 in NZ).
  it('a window opening inside a DST gap opens at the first real instant after the gap (Berlin 02:30 → 03:00 CEST)', () => {
    const window = { startMinute: 2 * 60 + 30, endMinute: 21 * 60 };
    // 00:30 CET on 2026-03-29; 03:00 CEST = 01:00Z is inside the window. Actual: 01:30Z (03:30 CEST).
    expect(nextWindowOpening(new Date('2026-03-28T23:30:00Z'), 'Europe/Berlin', window).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('throws rather than loop forever when the window is empty', () => {
    expect(() => nextWindowOpening(new Date('2026-06-01T12:00:00Z'), 'Europe/Berlin', { startMinute: 600, endMinute: 600 })).toThrow(
      /no contact window found after 2026-06-01T12:00:00.000Z in Europe\/Berlin/,
    );
  });
});

describe('isKnownZone', () => {
  it.each(ZONES)('knows %s', (zone) => {
    expect(isKnownZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus', 'Europe/Atlantis', '', 'Europe/Berlin ', 'America/New York', 'GMT+99'])('does not know %j', (zone) => {
    expect(isKnownZone(zone)).toBe(false);
  });

  it('agrees with Intl on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 24 }), fc.constantFrom(...ZONES), fc.constantFrom('UTC', 'Etc/GMT+5', 'europe/berlin')), (zone) => {
        let valid = true;
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: zone });
        } catch {
          valid = false;
        }
        expect(isKnownZone(zone)).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });
});
