import fc from 'fast-check';
import { addDays, addMonths, daysBetween, daysInMonth, fromDayNumber, isLeapYear, isStrictlyIncreasing, maxDate, monthsBetween, parseDate, toDayNumber } from './dates';

import { arbDate } from './spec-helpers';

describe('calendar dates', () => {
  it('parses real dates only', () => {
    expect(parseDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '20250101', '', '0999-01-01']) {
      expect(() => parseDate(bad)).toThrow(RangeError);
    }
  });

  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2025].map(isLeapYear)).toEqual([false, true, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(toDayNumber('1970-01-01')).toBe(0);
  });

  it('adds months, clamping to the month end without carrying the clamp', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 2)).toBe('2025-03-31');
    expect(addMonths('2025-02-28', 1, 31)).toBe('2025-03-31');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(monthsBetween('2025-11-30', '2026-02-01')).toBe(3);
    expect(() => addMonths('2025-01-01', 1, 32)).toThrow(RangeError);
  });

  it('maxDate and isStrictlyIncreasing', () => {
    expect(maxDate('2025-01-02', '2025-01-01')).toBe('2025-01-02');
    expect(isStrictlyIncreasing(['2025-01-01', '2025-01-02'])).toBe(true);
    expect(isStrictlyIncreasing(['2025-01-01', '2025-01-01'])).toBe(false);
    expect(isStrictlyIncreasing([])).toBe(true);
  });

  it('day numbers round-trip and addDays agrees with daysBetween', () => {
    fc.assert(
      fc.property(arbDate(), fc.integer({ min: -3000, max: 3000 }), (d, n) => {
        expect(fromDayNumber(toDayNumber(d))).toBe(d);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });

  it('addMonths lands in the right month on min(day, month length)', () => {
    fc.assert(
      fc.property(arbDate(), fc.integer({ min: -36, max: 36 }), (d, m) => {
        const r = parseDate(addMonths(d, m));
        expect(monthsBetween(d, addMonths(d, m))).toBe(m);
        expect(r.day).toBe(Math.min(parseDate(d).day, daysInMonth(r.year, r.month)));
      }),
    );
  });
});
