import fc from 'fast-check';
import { local } from './spec-helpers';
import { DAY, HOUR, civilFromDays, daysFromCivil, isoDate, weekdayOfDay, zoneClock } from './time';

const ZONES = [
  'Europe/Berlin',
  'Europe/Dublin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'UTC',
];

describe('civil calendar arithmetic', () => {
  it('daysFromCivil and civilFromDays agree with Date.UTC and invert each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(1600, 1, 1), max: daysFromCivil(2600, 12, 31) }), (days) => {
        const d = new Date(days * DAY);
        const civil = civilFromDays(days);
        expect(civil).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
        expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(days);
        expect(weekdayOfDay(days)).toBe((d.getUTCDay() + 6) % 7);
        expect(isoDate(days)).toBe(d.toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ZoneClock', () => {
  it('wall time matches Intl for random instants 2024–2030, transition hours included', () => {
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) }),
      // Hours around the usual transition instants (00:00–03:00 UTC ±, any day in Mar/Apr/Sep/Oct/Nov).
      fc
        .record({ y: fc.integer({ min: 2024, max: 2030 }), m: fc.constantFrom(2, 3, 8, 9, 10), d: fc.integer({ min: 1, max: 30 }), ms: fc.integer({ min: 0, max: DAY - 1 }) })
        .map(({ y, m, d, ms }) => Date.UTC(y, m, d) + ms),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, t) => {
        const clock = zoneClock(zone);
        expect(clock).not.toBeNull();
        const l = local(t, zone);
        const shown = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
        expect(Math.floor(clock!.wall(t) / 1000) * 1000).toBe(shown);
      }),
      { numRuns: 3000 },
    );
  });

  it('firstInstantAtOrAfter: a wall time in a spring-forward gap resolves to the transition instant', () => {
    const ny = zoneClock('America/New_York')!;
    // 2026-03-08 02:30 does not exist in New York; 03:00 EDT = 07:00Z.
    expect(new Date(ny.firstInstantAtOrAfter(Date.UTC(2026, 2, 8, 2, 30))).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    const berlin = zoneClock('Europe/Berlin')!;
    expect(new Date(berlin.firstInstantAtOrAfter(Date.UTC(2026, 2, 29, 2, 0))).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // Ordinary times resolve exactly.
    expect(new Date(berlin.firstInstantAtOrAfter(Date.UTC(2026, 2, 29, 8, 0))).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(new Date(ny.firstInstantAtOrAfter(Date.UTC(2026, 10, 1, 8, 0))).toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });

  it('firstInstantAtOrAfter: a wall time in a fall-back overlap resolves to one of its two occurrences', () => {
    const ny = zoneClock('America/New_York')!;
    const t = ny.firstInstantAtOrAfter(Date.UTC(2026, 10, 1, 1, 30));
    expect(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']).toContain(new Date(t).toISOString());
    expect(local(t, 'America/New_York')).toMatchObject({ hour: 1, minute: 30 });
  });

  it('startOfDay is the first instant of the local day, also where midnight is skipped (Santiago, 2026-09-06)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: daysFromCivil(2024, 1, 1), max: daysFromCivil(2030, 12, 31) }), (zone, day) => {
        const clock = zoneClock(zone)!;
        const start = clock.startOfDay(day);
        expect(clock.localDay(start)).toBe(day);
        expect(clock.localDay(start - 1)).toBe(day - 1);
      }),
      { numRuns: 1500 },
    );
    const santiago = zoneClock('America/Santiago')!;
    const start = santiago.startOfDay(daysFromCivil(2026, 9, 6));
    expect(local(start, 'America/Santiago')).toMatchObject({ day: 6, hour: 1, minute: 0 });
    expect(santiago.startOfDay(daysFromCivil(2026, 9, 7)) - start).toBe(23 * HOUR);
    expect(start - santiago.startOfDay(daysFromCivil(2026, 9, 5))).toBe(24 * HOUR);
  });

  it('rejects what is not a zone, without throwing', () => {
    for (const junk of ['', ' ', 'Mars/Olympus', 'Europe/Berlin ', 'GMT+99', 'America/New York', null, undefined, 42, {}, 'x'.repeat(500)]) {
      expect(zoneClock(junk)).toBeNull();
    }
    expect(zoneClock('Europe/Berlin')).toBe(zoneClock('Europe/Berlin'));
  });
});
