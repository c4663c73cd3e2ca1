import fc from 'fast-check';
import { addMonths, daysBetween, daysInMonth, isStrictlyIncreasing, monthsBetween, parseDate } from './dates';
import { money } from './money';
import { RemainderOn, inferCadence, partBounds, scheduleDates, splitIntoInstalments, splitMinor } from './split';
import { arbCadence, arbCurrency, arbDate } from './spec-helpers';

const amounts = (total: number, currency: string, n: number, options = {}) => splitIntoInstalments(money(total, currency), n, options).map((m) => m.amountMinor);

describe('splitIntoInstalments — examples', () => {
  it('€89.50 over 3 → 29.84, 29.83, 29.83', () => {
    expect(splitIntoInstalments(money(8950, 'EUR'), 3)).toEqual([money(2984, 'EUR'), money(2983, 'EUR'), money(2983, 'EUR')]);
  });

  it.each<[number, number, object, number[]]>([
    [10_000, 3, {}, [3334, 3333, 3333]],
    [10_001, 3, {}, [3334, 3334, 3333]],
    [200, 4, {}, [50, 50, 50, 50]],
    [2, 3, {}, [1, 1, 0]],
    [0, 3, {}, [0, 0, 0]],
    [8950, 1, {}, [8950]],
    [8950, 3, { roundTo: 100 }, [3000, 3000, 2950]],
    [8950, 3, { roundTo: 100, remainderOn: 'first' }, [3150, 2900, 2900]],
    [8950, 3, { roundTo: 100, remainderOn: 'last' }, [2900, 2900, 3150]],
    [8950, 3, { remainderOn: 'last' }, [2983, 2983, 2984]],
    [20_000, 3, { roundTo: 500 }, [7000, 6500, 6500]],
    [99, 4, { roundTo: 100 }, [0, 0, 0, 99]],
  ])('%i over %i with %j → %j', (total, n, options, expected) => {
    expect(amounts(total, 'EUR', n, options)).toEqual(expected);
  });

  it('JPY has no minor unit: ¥10,000 over 3 → 3334, 3333, 3333 yen', () => {
    expect(splitIntoInstalments(money(10_000, 'JPY'), 3)).toEqual([money(3334, 'JPY'), money(3333, 'JPY'), money(3333, 'JPY')]);
    expect(amounts(10_000, 'JPY', 3, { roundTo: 1000 })).toEqual([4000, 3000, 3000]);
  });

  it('KWD has 3 decimals: 100.000 KWD over 3 → 33.334, 33.333, 33.333; in whole dinars → 34, 33, 33', () => {
    expect(amounts(100_000, 'KWD', 3)).toEqual([33_334, 33_333, 33_333]);
    expect(amounts(100_000, 'KWD', 3, { roundTo: 1000 })).toEqual([34_000, 33_000, 33_000]);
    expect(amounts(100_500, 'KWD', 3, { roundTo: 1000 })).toEqual([34_000, 33_000, 33_500]);
  });

  it('refuses bad arguments', () => {
    expect(() => splitIntoInstalments(money(100, 'EUR'), 0)).toThrow(RangeError);
    expect(() => splitIntoInstalments(money(100, 'EUR'), 1.5)).toThrow(RangeError);
    expect(() => splitIntoInstalments({ amountMinor: 89.5, currency: 'EUR' }, 2)).toThrow(RangeError);
    expect(() => splitIntoInstalments({ amountMinor: -100, currency: 'EUR' }, 2)).toThrow(RangeError);
    expect(() => splitIntoInstalments(money(100, 'EUR'), 2, { roundTo: 0 })).toThrow(RangeError);
    expect(() => splitIntoInstalments(money(100, 'EUR'), 2, { roundTo: 2.5 })).toThrow(RangeError);
    expect(() => splitIntoInstalments(money(100, 'EUR'), 2, { remainderOn: 'middle' as RemainderOn })).toThrow(RangeError);
  });
});

const arbSplit = fc.record({
  total: fc.integer({ min: 0, max: 100_000_000 }),
  n: fc.integer({ min: 1, max: 120 }),
  roundTo: fc.constantFrom(1, 1, 5, 100, 1000, 7),
  remainderOn: fc.constantFrom<RemainderOn>('spread', 'first', 'last'),
  currency: arbCurrency,
});

describe('splitIntoInstalments — properties', () => {
  it('has n parts, each a non-negative integer, summing exactly to the total, in its currency', () => {
    fc.assert(
      fc.property(arbSplit, ({ total, n, roundTo, remainderOn, currency }) => {
        const parts = splitIntoInstalments(money(total, currency), n, { roundTo, remainderOn });
        expect(parts).toHaveLength(n);
        expect(parts.every((p) => p.currency === currency && Number.isSafeInteger(p.amountMinor) && p.amountMinor >= 0)).toBe(true);
        expect(parts.reduce((s, p) => s + p.amountMinor, 0)).toBe(total);
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(arbSplit, ({ total, n, roundTo, remainderOn }) => {
        expect(splitMinor(total, n, { roundTo, remainderOn })).toEqual(splitMinor(total, n, { roundTo, remainderOn }));
      }),
    );
  });

  it('spread: parts differ by at most one rounding unit, bigger first; all but the last are whole rounding units', () => {
    fc.assert(
      fc.property(arbSplit, ({ total, n, roundTo }) => {
        const parts = splitMinor(total, n, { roundTo });
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(roundTo);
        expect(parts.slice(0, -1).every((p) => p % roundTo === 0)).toBe(true);
        expect(parts.slice(0, -1).every((p, i) => i === 0 || p <= parts[i - 1])).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('with roundTo 1 the parts are ⌈total/n⌉ and ⌊total/n⌋, the bigger ones first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: 200 }), (total, n) => {
        const parts = splitMinor(total, n);
        const big = total % n;
        expect(parts).toEqual(parts.map((_, i) => Math.floor(total / n) + (i < big ? 1 : 0)));
      }),
    );
  });

  it('first/last: every other part is the same whole number of rounding units; the remainder part is the biggest', () => {
    fc.assert(
      fc.property(arbSplit, ({ total, n, roundTo, remainderOn }) => {
        fc.pre(remainderOn !== 'spread');
        const parts = splitMinor(total, n, { roundTo, remainderOn });
        const at = remainderOn === 'first' ? 0 : n - 1;
        const others = parts.filter((_, i) => i !== at);
        const base = Math.floor(total / (n * roundTo)) * roundTo;
        expect(others.every((p) => p === base)).toBe(true);
        expect(parts[at]).toBeGreaterThanOrEqual(base);
        expect(parts[at] - base).toBeLessThan(n * roundTo);
      }),
    );
  });

  it('partBounds gives the smallest and largest part without building the split', () => {
    fc.assert(
      fc.property(arbSplit, ({ total, n, roundTo, remainderOn }) => {
        const parts = splitMinor(total, n, { roundTo, remainderOn });
        expect(partBounds(total, n, { roundTo, remainderOn })).toEqual({ min: Math.min(...parts), max: Math.max(...parts) });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scheduleDates', () => {
  it('monthly keeps the anchor day when the month has it: 31 Jan → 28 Feb → 31 Mar → 30 Apr', () => {
    expect(scheduleDates('2025-01-31', 4, { unit: 'month', every: 1 })).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
    expect(scheduleDates('2024-01-31', 3, { unit: 'month', every: 1 })).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
    expect(scheduleDates('2025-11-30', 3, { unit: 'month', every: 2 })).toEqual(['2025-11-30', '2026-01-30', '2026-03-30']);
  });

  it('an explicit anchor continues a clamped schedule', () => {
    expect(scheduleDates('2025-02-28', 3, { unit: 'month', every: 1 }, { anchorDay: 31 })).toEqual(['2025-02-28', '2025-03-31', '2025-04-30']);
    expect(() => scheduleDates('2025-03-28', 2, { unit: 'month', every: 1 }, { anchorDay: 31 })).toThrow(/anchor/);
    expect(() => scheduleDates('2025-03-28', 2, { unit: 'week', every: 1 }, { anchorDay: 28 })).toThrow(/monthly/);
  });

  it('weekly steps 7·every days', () => {
    expect(scheduleDates('2025-12-22', 3, { unit: 'week', every: 1 })).toEqual(['2025-12-22', '2025-12-29', '2026-01-05']);
    expect(scheduleDates('2025-12-22', 2, { unit: 'week', every: 2 })).toEqual(['2025-12-22', '2026-01-05']);
  });

  it('refuses bad arguments', () => {
    expect(() => scheduleDates('2025-02-30', 2, { unit: 'week', every: 1 })).toThrow(RangeError);
    expect(() => scheduleDates('2025-02-01', 2, { unit: 'week', every: 0 })).toThrow(RangeError);
    expect(() => scheduleDates('2025-02-01', -1, { unit: 'week', every: 1 })).toThrow(RangeError);
    expect(() => scheduleDates('2025-02-01', 2, { unit: 'day' as 'week', every: 1 })).toThrow(RangeError);
    expect(scheduleDates('2025-02-01', 0, { unit: 'week', every: 1 })).toEqual([]);
  });

  it('dates are strictly increasing, start at firstDue and follow the cadence', () => {
    fc.assert(
      fc.property(arbDate(), fc.integer({ min: 1, max: 60 }), arbCadence, (first, n, cadence) => {
        const dates = scheduleDates(first, n, cadence);
        expect(dates).toHaveLength(n);
        expect(dates[0]).toBe(first);
        expect(isStrictlyIncreasing(dates)).toBe(true);
        const anchor = parseDate(first).day;
        const followsCadence = dates.every((d, i) => {
          if (cadence.unit === 'week') return daysBetween(first, d) === 7 * cadence.every * i;
          const p = parseDate(d);
          return monthsBetween(first, d) === cadence.every * i && p.day === Math.min(anchor, daysInMonth(p.year, p.month));
        });
        expect(followsCadence).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('inferCadence recognises a schedule it can reproduce (weekly first), and nothing irregular', () => {
    fc.assert(
      fc.property(arbDate(), fc.integer({ min: 2, max: 24 }), arbCadence, fc.integer({ min: 1, max: 31 }), (first, n, cadence, anchorDay) => {
        // A schedule anchored on anchorDay whose first date is clamped (e.g. 28 Feb for the 31st).
        const start = cadence.unit === 'month' ? addMonths(first, 0, Math.max(anchorDay, parseDate(first).day)) : first;
        const options = cadence.unit === 'month' ? { anchorDay: Math.max(anchorDay, parseDate(first).day) } : {};
        const dates = scheduleDates(start, n, cadence, options);
        const inferred = inferCadence(dates);
        expect(inferred).not.toBeNull();
        expect(scheduleDates(dates[0], n, inferred!.cadence, inferred!.anchorDay ? { anchorDay: inferred!.anchorDay } : {})).toEqual(dates);
      }),
      { numRuns: 500 },
    );
    expect(inferCadence(['2025-01-01'])).toBeNull();
    expect(inferCadence(['2025-01-01', '2025-01-11', '2025-01-21'])).toBeNull();
    expect(inferCadence(['2025-01-31', '2025-02-28', '2025-03-31'])).toEqual({ cadence: { unit: 'month', every: 1 }, anchorDay: 31 });
    expect(inferCadence(['2025-01-01', '2025-01-15'])).toEqual({ cadence: { unit: 'week', every: 2 } });
  });
});
