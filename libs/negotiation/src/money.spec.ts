import fc from 'fast-check';
import {
  add,
  compare,
  currencyExponent,
  equals,
  formatMajor,
  max,
  min,
  minorPerMajor,
  money,
  mulDiv,
  parseMajor,
  percentOf,
  subtract,
  sum,
  zero,
} from './money';

describe('currency exponents (ISO 4217)', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['SEK', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['IQD', 3],
    ['TND', 3],
    ['CLF', 4],
  ])('%s has %i decimals', (c, e) => {
    expect(currencyExponent(c)).toBe(e);
    expect(minorPerMajor(c)).toBe(10 ** e);
  });

  it('defaults to 2 for a well-formed code not in the table', () => {
    expect(currencyExponent('CHF')).toBe(2);
  });

  it('agrees with Intl wherever ICU follows ISO 4217', () => {
    for (const c of ['EUR', 'USD', 'JPY', 'KWD', 'BHD', 'TND', 'OMR', 'JOD', 'CLP', 'VND', 'SEK', 'CHF']) {
      expect(currencyExponent(c)).toBe(new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions().maximumFractionDigits);
    }
  });

  it.each(['eur', 'EURO', '', 'E1R'])('refuses %j', (c) => {
    expect(() => currencyExponent(c)).toThrow(RangeError);
  });
});

describe('Money values', () => {
  it('are non-negative safe integers of minor units', () => {
    expect(money(8950, 'EUR')).toEqual({ amountMinor: 8950, currency: 'EUR' });
    expect(() => money(89.5, 'EUR')).toThrow(/non-negative safe integer/);
    expect(() => money(-1, 'EUR')).toThrow(RangeError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow(RangeError);
    expect(() => money(Number.NaN, 'EUR')).toThrow(RangeError);
    expect(() => money(1, 'eur')).toThrow(RangeError);
  });

  it('add, subtract, sum, compare, min, max', () => {
    const a = money(2984, 'EUR');
    const b = money(2983, 'EUR');
    expect(add(a, b)).toEqual(money(5967, 'EUR'));
    expect(subtract(a, b)).toEqual(money(1, 'EUR'));
    expect(() => subtract(b, a)).toThrow(/cannot subtract/);
    expect(sum([a, b, b], 'EUR')).toEqual(money(8950, 'EUR'));
    expect(sum([], 'JPY')).toEqual(zero('JPY'));
    expect(compare(a, b)).toBe(1);
    expect(compare(b, a)).toBe(-1);
    expect(compare(a, a)).toBe(0);
    expect(min(a, b)).toBe(b);
    expect(max(a, b)).toBe(a);
    expect(equals(a, money(2984, 'EUR'))).toBe(true);
    expect(equals(a, money(2984, 'USD'))).toBe(false);
  });

  it('refuse to mix currencies', () => {
    const eur = money(100, 'EUR');
    const usd = money(100, 'USD');
    expect(() => add(eur, usd)).toThrow(/currency mismatch/);
    expect(() => subtract(eur, usd)).toThrow(/currency mismatch/);
    expect(() => compare(eur, usd)).toThrow(/currency mismatch/);
    expect(() => sum([eur, usd], 'EUR')).toThrow(/currency mismatch/);
    expect(() => sum([eur], 'USD')).toThrow(/currency mismatch/);
  });

  it('mulDiv is exact where floats are not', () => {
    expect(mulDiv(8950, 1000, 10_000, 'down')).toBe(895);
    expect(mulDiv(8950, 333, 10_000, 'down')).toBe(298);
    expect(mulDiv(8950, 333, 10_000, 'up')).toBe(299);
    expect(mulDiv(Number.MAX_SAFE_INTEGER, 10_000, 10_000, 'up')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => mulDiv(1, 1, 0, 'up')).toThrow(RangeError);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (a, b, c) => {
        const down = mulDiv(a, b, c, 'down');
        const up = mulDiv(a, b, c, 'up');
        expect(BigInt(down) * BigInt(c) <= BigInt(a) * BigInt(b)).toBe(true);
        expect(BigInt(down + 1) * BigInt(c) > BigInt(a) * BigInt(b)).toBe(true);
        expect(up - down).toBe((a * b) % c === 0 ? 0 : 1);
      }),
    );
  });

  it('percentOf rounds as asked and refuses out-of-range basis points', () => {
    expect(percentOf(money(8950, 'EUR'), 333, 'up')).toEqual(money(299, 'EUR'));
    expect(percentOf(money(8950, 'EUR'), 333, 'down')).toEqual(money(298, 'EUR'));
    expect(() => percentOf(money(1, 'EUR'), 10_001, 'up')).toThrow(RangeError);
    expect(() => percentOf(money(1, 'EUR'), 1.5, 'up')).toThrow(RangeError);
  });
});

describe('major-unit strings (parse and format, never through a float)', () => {
  it.each([
    ['89.50', 'EUR', 8950, '89.50'],
    ['89.5', 'EUR', 8950, '89.50'],
    ['0.07', 'EUR', 7, '0.07'],
    ['1000', 'JPY', 1000, '1000'],
    ['1.250', 'KWD', 1250, '1.250'],
    ['0.001', 'BHD', 1, '0.001'],
    ['12', 'KWD', 12000, '12.000'],
  ])('%s %s = %i minor units = %s', (text, currency, minor, formatted) => {
    expect(parseMajor(text, currency)).toEqual(money(minor, currency));
    expect(formatMajor(money(minor, currency))).toBe(formatted);
  });

  it('refuses more decimals than the currency has, and non-numbers', () => {
    expect(() => parseMajor('1.5', 'JPY')).toThrow(/0 decimal/);
    expect(() => parseMajor('1.001', 'EUR')).toThrow(/2 decimal/);
    expect(() => parseMajor('-1', 'EUR')).toThrow(RangeError);
    expect(() => parseMajor('1e3', 'EUR')).toThrow(RangeError);
    expect(() => parseMajor('99999999999999999', 'EUR')).toThrow(/too large/);
  });

  it('format then parse is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF', 'SEK'), (minor, currency) => {
        expect(parseMajor(formatMajor(money(minor, currency)), currency)).toEqual(money(minor, currency));
      }),
    );
  });
});
