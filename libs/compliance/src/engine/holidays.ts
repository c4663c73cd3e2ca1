import { CivilDate, civilFromDays, daysFromCivil, isoDate, weekdayOfDay } from './time';

/*
 * A small computed public-holiday calendar for the rules that need one ("no calls on Sundays or
 * public holidays"): fixed dates, Easter-based dates and Ireland's first/last-Monday rules. Pure
 * code, computed per year on demand and memoised.
 */

export type HolidayCalendarId = 'IE' | 'FR';
export const HOLIDAY_CALENDARS: readonly HolidayCalendarId[] = ['IE', 'FR'];

export interface PublicHoliday {
  /** ISO date, YYYY-MM-DD. */
  date: string;
  name: string;
  /**
   * True for a substitute weekday given when a holiday falls on a weekend. In Ireland these are not
   * public holidays in the statutory sense (the entitlement is to a day in lieu), but banks and most
   * employers close, so the engine treats them as no-contact days too (the conservative reading).
   */
  observed?: boolean;
}

/** Easter Sunday (Gregorian) by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

interface DayHoliday {
  day: number;
  name: string;
  observed?: boolean;
}

const MONDAY = 0;
const FRIDAY = 4;
const SATURDAY = 5;

/** The n-th (1-based) Monday of a month. */
function nthMonday(year: number, month: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  const offset = (MONDAY - weekdayOfDay(first) + 7) % 7;
  return first + offset + (n - 1) * 7;
}

function lastMonday(year: number, month: number): number {
  const nextMonthFirst = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  const last = nextMonthFirst - 1;
  return last - ((weekdayOfDay(last) - MONDAY + 7) % 7);
}

function easterDay(year: number): number {
  const e = easterSunday(year);
  return daysFromCivil(e.year, e.month, e.day);
}

/**
 * Ireland: the public holidays of the Organisation of Working Time Act 1997, Sch. 2 (which replaced
 * the Holidays (Employees) Act 1973 that s.46 of the Consumer Credit Act 1995 refers to).
 */
function irishHolidays(year: number): DayHoliday[] {
  const list: DayHoliday[] = [{ day: daysFromCivil(year, 1, 1), name: "New Year's Day" }];
  if (year >= 2023) {
    // St Brigid's Day: the first Monday in February, or 1 February when that is a Friday.
    const feb1 = daysFromCivil(year, 2, 1);
    list.push({ day: weekdayOfDay(feb1) === FRIDAY ? feb1 : nthMonday(year, 2, 1), name: "St Brigid's Day" });
  }
  list.push(
    { day: daysFromCivil(year, 3, 17), name: "St Patrick's Day" },
    { day: easterDay(year) + 1, name: 'Easter Monday' },
    { day: nthMonday(year, 5, 1), name: 'May Day' },
    { day: nthMonday(year, 6, 1), name: 'June Bank Holiday' },
    { day: nthMonday(year, 8, 1), name: 'August Bank Holiday' },
    { day: lastMonday(year, 10), name: 'October Bank Holiday' },
    { day: daysFromCivil(year, 12, 25), name: 'Christmas Day' },
    { day: daysFromCivil(year, 12, 26), name: "St Stephen's Day" },
  );
  // Fixed-date holidays on a weekend get the next free weekday as a substitute, in date order
  // (Christmas on a Saturday → Monday 27th; St Stephen's on the Sunday → Tuesday 28th).
  const taken = new Set(list.map((h) => h.day));
  const substitutes: DayHoliday[] = [];
  for (const h of [...list].sort((x, y) => x.day - y.day)) {
    if (weekdayOfDay(h.day) < SATURDAY) continue;
    let sub = h.day + 1;
    while (weekdayOfDay(sub) >= SATURDAY || taken.has(sub)) sub++;
    taken.add(sub);
    substitutes.push({ day: sub, name: `${h.name} (observed)`, observed: true });
  }
  return [...list, ...substitutes];
}

/** France: the eleven national jours fériés (Code du travail L3133-1). Alsace-Moselle's extra two are not included. */
function frenchHolidays(year: number): DayHoliday[] {
  const easter = easterDay(year);
  return [
    { day: daysFromCivil(year, 1, 1), name: "Jour de l'an" },
    { day: easter + 1, name: 'Lundi de Pâques' },
    { day: daysFromCivil(year, 5, 1), name: 'Fête du Travail' },
    { day: daysFromCivil(year, 5, 8), name: 'Victoire 1945' },
    { day: easter + 39, name: 'Ascension' },
    { day: easter + 50, name: 'Lundi de Pentecôte' },
    { day: daysFromCivil(year, 7, 14), name: 'Fête nationale' },
    { day: daysFromCivil(year, 8, 15), name: 'Assomption' },
    { day: daysFromCivil(year, 11, 1), name: 'Toussaint' },
    { day: daysFromCivil(year, 11, 11), name: 'Armistice 1918' },
    { day: daysFromCivil(year, 12, 25), name: 'Noël' },
  ];
}

const GENERATORS: Record<HolidayCalendarId, (year: number) => DayHoliday[]> = { IE: irishHolidays, FR: frenchHolidays };

const memo = new Map<string, Map<number, DayHoliday>>();

function yearTable(calendar: HolidayCalendarId, year: number): Map<number, DayHoliday> {
  const key = `${calendar}:${year}`;
  let table = memo.get(key);
  if (!table) {
    table = new Map();
    // A substitute day of the previous year can spill into January (e.g. 31 Dec on a weekend would);
    // both years' lists are merged into each table by day number.
    for (const y of [year - 1, year]) for (const h of GENERATORS[calendar](y)) if (!table.has(h.day)) table.set(h.day, h);
    if (memo.size > 2_000) memo.clear();
    memo.set(key, table);
  }
  return table;
}

/** Is local day number `day` a (possibly observed) public holiday in `calendar`? */
export function isHolidayDay(calendar: HolidayCalendarId, day: number): boolean {
  return yearTable(calendar, civilFromDays(day).year).has(day);
}

export function isPublicHoliday(calendar: HolidayCalendarId, date: CivilDate): boolean {
  return isHolidayDay(calendar, daysFromCivil(date.year, date.month, date.day));
}

/** The holidays of `year` in `calendar`, sorted by date. */
export function publicHolidays(calendar: HolidayCalendarId, year: number): PublicHoliday[] {
  return GENERATORS[calendar](year)
    .filter((h) => civilFromDays(h.day).year === year)
    .sort((a, b) => a.day - b.day)
    .map((h) => (h.observed ? { date: isoDate(h.day), name: h.name, observed: true } : { date: isoDate(h.day), name: h.name }));
}
