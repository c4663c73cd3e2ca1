/*
 * Integer minor-unit money. Stored amounts are never floats: every amount is a non-negative safe
 * integer of the currency's minor unit (cents, fils, yen). Mixing currencies is an error.
 *
 * `Money` here is structurally the same as the contracts' `Money` ({ amountMinor, currency }), so
 * values flow between the two without conversion; it is redeclared so that the domain maths stays
 * free of class-validator and of any framework import.
 */

export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** Basis points: 10 000 bps = 100 %. */
export const BPS = 10_000;

/**
 * ISO 4217 minor-unit exponents that are not 2. Taken from the ISO 4217 list rather than from
 * Intl, because ICU disagrees with ISO for a few (e.g. ICU gives IQD 0 digits; ISO 4217 says 3).
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  // 0 decimals
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // 3 decimals
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // 4 decimals
  CLF: 4, UYW: 4,
};

const CURRENCY = /^[A-Z]{3}$/;

export function assertCurrency(currency: string): void {
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) {
    throw new RangeError(`currency must be an upper-case ISO 4217 code such as EUR, got ${JSON.stringify(currency)}`);
  }
}

/** Number of decimal places of the currency's minor unit (ISO 4217): JPY 0, EUR 2, KWD 3; default 2. */
export function currencyExponent(currency: string): number {
  assertCurrency(currency);
  return EXPONENTS[currency] ?? 2;
}

/** How many minor units make one major unit: 1 for JPY, 100 for EUR, 1000 for KWD. */
export function minorPerMajor(currency: string): number {
  return 10 ** currencyExponent(currency);
}

export function assertMinor(amountMinor: number, what = 'amountMinor'): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer of minor units, got ${amountMinor}`);
  }
}

export function assertMoney(m: Money, what = 'amount'): void {
  if (m === null || typeof m !== 'object') throw new RangeError(`${what} must be a Money value`);
  assertCurrency(m.currency);
  assertMinor(m.amountMinor, `${what}.amountMinor`);
}

/** A validated Money value. */
export function money(amountMinor: number, currency: string): Money {
  const m = { amountMinor, currency };
  assertMoney(m);
  return m;
}

export function zero(currency: string): Money {
  return money(0, currency);
}

export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  assertMoney(a);
  assertMoney(b);
  assertSameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

/** a − b; throws when the result would be negative (amounts are never negative). */
export function subtract(a: Money, b: Money): Money {
  assertMoney(a);
  assertMoney(b);
  assertSameCurrency(a, b);
  if (b.amountMinor > a.amountMinor) throw new RangeError(`cannot subtract ${b.amountMinor} from ${a.amountMinor} ${a.currency}`);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

/** The sum of amounts in one currency (the currency is needed for an empty list). */
export function sum(amounts: readonly Money[], currency: string): Money {
  let total = 0;
  for (const m of amounts) {
    assertMoney(m);
    if (m.currency !== currency) throw new RangeError(`currency mismatch: ${m.currency} vs ${currency}`);
    total += m.amountMinor;
    if (!Number.isSafeInteger(total)) throw new RangeError('sum overflows the safe integer range');
  }
  return money(total, currency);
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amountMinor === b.amountMinor;
}

export function min(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

export function max(a: Money, b: Money): Money {
  return compare(a, b) >= 0 ? a : b;
}

export type Rounding = 'down' | 'up';

/** ⌊a·b / c⌋ or ⌈a·b / c⌉ for non-negative integers, exact (BigInt) whatever the magnitudes. */
export function mulDiv(a: number, b: number, c: number, rounding: Rounding): number {
  for (const [v, n] of [[a, 'a'], [b, 'b']] as const) assertMinor(v, n);
  if (!Number.isSafeInteger(c) || c <= 0) throw new RangeError('divisor must be a positive safe integer');
  const p = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const q = p / d;
  const r = rounding === 'up' && p % d !== 0n ? q + 1n : q;
  return Number(r);
}

export function assertBps(bps: number, what = 'basis points'): void {
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > BPS) throw new RangeError(`${what} must be an integer in [0, ${BPS}], got ${bps}`);
}

/** `bps` basis points of an amount, rounded as asked (never a float in between). */
export function percentOf(m: Money, bps: number, rounding: Rounding): Money {
  assertMoney(m);
  assertBps(bps);
  return money(mulDiv(m.amountMinor, bps, BPS, rounding), m.currency);
}

/**
 * Parses a decimal string in major units ("89.50", "1000", "0.125") into Money, exactly: no float
 * is ever involved. More decimals than the currency has are an error, not a rounding.
 */
export function parseMajor(text: string, currency: string): Money {
  const exp = currencyExponent(currency);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a non-negative decimal amount: ${JSON.stringify(text)}`);
  const frac = m[2] ?? '';
  if (frac.length > exp) throw new RangeError(`${currency} has ${exp} decimal place(s); ${JSON.stringify(text)} has ${frac.length}`);
  const minor = BigInt(m[1]) * 10n ** BigInt(exp) + BigInt(frac.padEnd(exp, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount too large: ${text}`);
  return money(Number(minor), currency);
}

/** "89.50", "1000" (JPY), "1.250" (KWD): the amount in major units with the currency's exponent. */
export function formatMajor(m: Money): string {
  assertMoney(m);
  const exp = currencyExponent(m.currency);
  if (exp === 0) return String(m.amountMinor);
  const s = String(m.amountMinor).padStart(exp + 1, '0');
  return `${s.slice(0, -exp)}.${s.slice(-exp)}`;
}
