import { IsoDate, addDays, addMonths, daysBetween, monthsBetween, parseDate } from './dates';
import { Money, assertMinor, assertMoney, money } from './money';

/*
 * Splitting an amount into instalments that sum EXACTLY to it, and the due dates of a schedule.
 */

export type RemainderOn = 'spread' | 'first' | 'last';

export interface SplitOptions {
  /**
   * Instalments are whole multiples of this many minor units (e.g. 100 for whole euros), except
   * for the one part that carries the sub-unit rest. Default 1 (any minor unit).
   */
  roundTo?: number;
  /**
   * Where what does not divide evenly goes.
   * - 'spread' (default): each part gets ⌊k/n⌋ or ⌊k/n⌋+1 rounding units (the bigger ones first)
   *   and the rest below one rounding unit goes on the last part, so no two parts differ by more
   *   than one rounding unit. €89.50 / 3 → 29.84, 29.83, 29.83; in whole euros → 30, 30, 29.50.
   * - 'first' / 'last': every other part is the same whole number of rounding units
   *   (⌊total / (n·roundTo)⌋·roundTo) and the whole remainder goes on the first / last part.
   *   €89.50 / 3 in whole euros, 'last' → 29, 29, 31.50.
   */
  remainderOn?: RemainderOn;
}

function checkSplitArgs(totalMinor: number, n: number, options: SplitOptions): { unit: number; mode: RemainderOn } {
  assertMinor(totalMinor, 'total');
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`number of instalments must be a positive integer, got ${n}`);
  const unit = options.roundTo ?? 1;
  if (!Number.isSafeInteger(unit) || unit < 1) throw new RangeError(`roundTo must be a positive integer of minor units, got ${unit}`);
  const mode = options.remainderOn ?? 'spread';
  if (mode !== 'spread' && mode !== 'first' && mode !== 'last') throw new RangeError(`remainderOn must be spread, first or last, got ${String(mode)}`);
  return { unit, mode };
}

/** The instalment amounts in minor units (see {@link splitIntoInstalments}). */
export function splitMinor(totalMinor: number, n: number, options: SplitOptions = {}): number[] {
  const { unit, mode } = checkSplitArgs(totalMinor, n, options);
  if (mode === 'spread') {
    const units = Math.floor(totalMinor / unit);
    const rest = totalMinor - units * unit;
    const base = Math.floor(units / n);
    const extra = units - base * n; // parts 0 … extra−1 get one more unit
    const parts = Array.from({ length: n }, (_, i) => (base + (i < extra ? 1 : 0)) * unit);
    parts[n - 1] += rest;
    return parts;
  }
  const base = Math.floor(totalMinor / (n * unit)) * unit;
  const parts = new Array<number>(n).fill(base);
  parts[mode === 'first' ? 0 : n - 1] += totalMinor - n * base;
  return parts;
}

/**
 * Splits `total` into `n` instalments that sum exactly to it; each is ≥ 0; deterministic.
 * See {@link SplitOptions} for rounding and where the remainder goes.
 */
export function splitIntoInstalments(total: Money, n: number, options: SplitOptions = {}): Money[] {
  assertMoney(total, 'total');
  return splitMinor(total.amountMinor, n, options).map((a) => money(a, total.currency));
}

/**
 * The smallest and largest part of `splitMinor(totalMinor, n, options)` in O(1), without building
 * the split: used to search for instalment counts over large ranges.
 */
export function partBounds(totalMinor: number, n: number, options: SplitOptions = {}): { min: number; max: number } {
  const { unit, mode } = checkSplitArgs(totalMinor, n, options);
  if (n === 1) return { min: totalMinor, max: totalMinor };
  if (mode === 'spread') {
    const units = Math.floor(totalMinor / unit);
    const rest = totalMinor - units * unit;
    const base = Math.floor(units / n);
    const extra = units - base * n;
    if (extra === 0) return { min: base * unit, max: base * unit + rest };
    // extra ≤ n−1 so the last part is a base part; the plain base parts are n−extra−1 besides it.
    return { min: n - extra - 1 > 0 ? base * unit : base * unit + rest, max: (base + 1) * unit };
  }
  const base = Math.floor(totalMinor / (n * unit)) * unit;
  return { min: base, max: base + (totalMinor - n * base) };
}

export type CadenceUnit = 'week' | 'month';

export interface Cadence {
  unit: CadenceUnit;
  /** Every how many weeks / months; a positive integer. */
  every: number;
}

export interface ScheduleOptions {
  /**
   * Monthly schedules: the day of the month the schedule is anchored on, when it differs from
   * firstDue's day because firstDue was clamped (a schedule anchored on the 31st that starts on
   * 28 Feb). Default: firstDue's day.
   */
  anchorDay?: number;
}

function checkCadence(c: Cadence): void {
  if (!c || (c.unit !== 'week' && c.unit !== 'month')) throw new RangeError('cadence unit must be week or month');
  if (!Number.isSafeInteger(c.every) || c.every < 1) throw new RangeError(`cadence.every must be a positive integer, got ${c.every}`);
}

/**
 * `n` due dates starting at `firstDue`, every `cadence.every` weeks or months; strictly increasing.
 *
 * Months keep the anchor day whenever the month has it and clamp to the month's last day
 * otherwise; the clamping never carries over: 31 Jan, 28/29 Feb, 31 Mar, 30 Apr, 31 May, …
 * (each date is firstDue + i months, not the previous date + 1 month).
 */
export function scheduleDates(firstDue: IsoDate, n: number, cadence: Cadence, options: ScheduleOptions = {}): IsoDate[] {
  const first = parseDate(firstDue);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  checkCadence(cadence);
  if (cadence.unit === 'week') {
    if (options.anchorDay !== undefined) throw new RangeError('anchorDay applies to monthly schedules only');
    return Array.from({ length: n }, (_, i) => addDays(firstDue, i * 7 * cadence.every));
  }
  const anchor = options.anchorDay ?? first.day;
  if (addMonths(firstDue, 0, anchor) !== firstDue) throw new RangeError(`${firstDue} is not on anchor day ${anchor}`);
  return Array.from({ length: n }, (_, i) => addMonths(firstDue, i * cadence.every, anchor));
}

export interface InferredCadence {
  cadence: Cadence;
  /** Monthly only: the anchor day that reproduces the dates. */
  anchorDay?: number;
}

/**
 * The regular cadence the dates follow (the one {@link scheduleDates} reproduces them with), or
 * null for an irregular schedule or fewer than two dates. Weekly is preferred when both fit.
 */
export function inferCadence(dates: readonly IsoDate[]): InferredCadence | null {
  if (dates.length < 2) return null;
  const same = (xs: readonly IsoDate[]) => xs.length === dates.length && xs.every((d, i) => d === dates[i]);
  const gap = daysBetween(dates[0], dates[1]);
  if (gap > 0 && gap % 7 === 0) {
    const cadence: Cadence = { unit: 'week', every: gap / 7 };
    if (same(scheduleDates(dates[0], dates.length, cadence))) return { cadence };
  }
  const every = monthsBetween(dates[0], dates[1]);
  if (every >= 1) {
    const cadence: Cadence = { unit: 'month', every };
    const first = parseDate(dates[0]);
    for (let anchor = first.day; anchor <= 31; anchor++) {
      if (addMonths(dates[0], 0, anchor) !== dates[0]) break; // only a month-end date can have a later anchor
      if (same(scheduleDates(dates[0], dates.length, cadence, { anchorDay: anchor }))) return { cadence, anchorDay: anchor };
    }
  }
  return null;
}
