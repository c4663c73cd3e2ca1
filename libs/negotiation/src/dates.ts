/*
 * Calendar dates as 'YYYY-MM-DD' strings (no time, no zone): a due date is a day, not an instant.
 * Arithmetic is on proleptic Gregorian day numbers, so it is exact and independent of the host
 * time zone and of daylight saving.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface YMD {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Parses and validates a real calendar date in years 1000–9999. */
export function parseDate(date: IsoDate): YMD {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!m) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a real calendar date: ${date}`);
  }
  return { year, month, day };
}

export function formatDate({ year, month, day }: YMD): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (UTC calendar, no zone involved). */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function fromDayNumber(n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError('day number must be an integer');
  const d = new Date(n * DAY_MS);
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new RangeError('days must be an integer');
  return fromDayNumber(toDayNumber(date) + days);
}

/** b − a in days (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Whole calendar months from a's month to b's month (days ignored). */
export function monthsBetween(a: IsoDate, b: IsoDate): number {
  const x = parseDate(a);
  const y = parseDate(b);
  return (y.year - x.year) * 12 + (y.month - x.month);
}

/**
 * The date `months` calendar months after `date`, on `anchorDay` (default: the date's own day)
 * clamped to the length of the target month: 31 Jan + 1 month = 28/29 Feb; with anchorDay 31,
 * 29 Feb + 1 month = 31 Mar.
 */
export function addMonths(date: IsoDate, months: number, anchorDay?: number): IsoDate {
  if (!Number.isSafeInteger(months)) throw new RangeError('months must be an integer');
  const { year, month, day } = parseDate(date);
  const anchor = anchorDay ?? day;
  if (!Number.isInteger(anchor) || anchor < 1 || anchor > 31) throw new RangeError('anchorDay must be 1–31');
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDate({ year: y, month: m, day: Math.min(anchor, daysInMonth(y, m)) });
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return toDayNumber(a) >= toDayNumber(b) ? a : b;
}

export function isStrictlyIncreasing(dates: readonly IsoDate[]): boolean {
  for (let i = 1; i < dates.length; i++) if (toDayNumber(dates[i]) <= toDayNumber(dates[i - 1])) return false;
  return true;
}
