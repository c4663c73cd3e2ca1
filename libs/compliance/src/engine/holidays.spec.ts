import fc from 'fast-check';
import { easterSunday, isHolidayDay, isPublicHoliday, publicHolidays } from './holidays';
import { daysFromCivil } from './time';

describe('easterSunday', () => {
  it.each([
    [1818, 3, 22],
    [1943, 4, 25],
    [1961, 4, 2],
    [2000, 4, 23],
    [2008, 3, 23],
    [2011, 4, 24],
    [2019, 4, 21],
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2028, 4, 16],
    [2029, 4, 1],
    [2030, 4, 21],
    [2038, 4, 25],
    [2285, 3, 22],
  ])('%i → %i-%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual({ year, month, day });
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const { month, day } = easterSunday(year);
        expect(new Date(Date.UTC(year, month - 1, day)).getUTCDay()).toBe(0);
        const key = month * 100 + day;
        expect(key).toBeGreaterThanOrEqual(322);
        expect(key).toBeLessThanOrEqual(425);
      }),
      { numRuns: 500 },
    );
  });
});

describe('Irish public holidays', () => {
  const dates = (year: number) => publicHolidays('IE', year).map((h) => h.date);

  it('2026, with the St Stephen’s Day substitute on Monday 28 December', () => {
    expect(publicHolidays('IE', 2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-02-02', name: "St Brigid's Day" },
      { date: '2026-03-17', name: "St Patrick's Day" },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-04', name: 'May Day' },
      { date: '2026-06-01', name: 'June Bank Holiday' },
      { date: '2026-08-03', name: 'August Bank Holiday' },
      { date: '2026-10-26', name: 'October Bank Holiday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: "St Stephen's Day" },
      { date: '2026-12-28', name: "St Stephen's Day (observed)", observed: true },
    ]);
  });

  it('2024: St Patrick’s Day on a Sunday gives Monday 18 March', () => {
    expect(dates(2024)).toEqual([
      '2024-01-01',
      '2024-02-05',
      '2024-03-17',
      '2024-03-18',
      '2024-04-01',
      '2024-05-06',
      '2024-06-03',
      '2024-08-05',
      '2024-10-28',
      '2024-12-25',
      '2024-12-26',
    ]);
  });

  it('2025', () => {
    expect(dates(2025)).toEqual(['2025-01-01', '2025-02-03', '2025-03-17', '2025-04-21', '2025-05-05', '2025-06-02', '2025-08-04', '2025-10-27', '2025-12-25', '2025-12-26']);
  });

  it('2027: Christmas on a Saturday and St Stephen’s on a Sunday give Monday 27 and Tuesday 28 December', () => {
    expect(dates(2027)).toEqual([
      '2027-01-01',
      '2027-02-01',
      '2027-03-17',
      '2027-03-29',
      '2027-05-03',
      '2027-06-07',
      '2027-08-02',
      '2027-10-25',
      '2027-12-25',
      '2027-12-26',
      '2027-12-27',
      '2027-12-28',
    ]);
  });

  it('St Brigid’s Day is 1 February when that is a Friday (2030), and did not exist before 2023', () => {
    expect(dates(2030)).toContain('2030-02-01');
    expect(dates(2030)).not.toContain('2030-02-04');
    expect(publicHolidays('IE', 2022).map((h) => h.name)).not.toContain("St Brigid's Day");
  });

  it('first-Monday holidays are Mondays in the first week; the October one is the last Monday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2023, max: 2100 }), (year) => {
        for (const h of publicHolidays('IE', year)) {
          const [y, m, d] = h.date.split('-').map(Number);
          const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
          if (['May Day', 'June Bank Holiday', 'August Bank Holiday'].includes(h.name)) {
            expect(weekday).toBe(1);
            expect(d).toBeLessThanOrEqual(7);
          }
          if (h.name === 'October Bank Holiday') {
            expect(weekday).toBe(1);
            expect(d).toBeGreaterThan(24);
          }
          if (h.name === "St Brigid's Day") expect(weekday === 1 ? d <= 7 : weekday === 5 && d === 1).toBe(true);
          if (h.observed) expect([0, 6]).not.toContain(weekday);
        }
      }),
      { numRuns: 78 },
    );
  });

  it('isPublicHoliday agrees with the list and with the day-number form', () => {
    expect(isPublicHoliday('IE', { year: 2026, month: 3, day: 17 })).toBe(true);
    expect(isPublicHoliday('IE', { year: 2026, month: 4, day: 3 })).toBe(false); // Good Friday is not a public holiday
    expect(isPublicHoliday('IE', { year: 2026, month: 4, day: 6 })).toBe(true);
    expect(isHolidayDay('IE', daysFromCivil(2026, 12, 28))).toBe(true);
    expect(isHolidayDay('IE', daysFromCivil(2026, 12, 29))).toBe(false);
  });
});

describe('French jours fériés', () => {
  it('2026 (Easter 5 April: Ascension 14 May, Whit Monday 25 May)', () => {
    expect(publicHolidays('FR', 2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('Ascension is a Thursday and Whit Monday a Monday every year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const byName = new Map(publicHolidays('FR', year).map((h) => [h.name, h.date]));
        const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
        expect(weekday(byName.get('Ascension') as string)).toBe(4);
        expect(weekday(byName.get('Lundi de Pentecôte') as string)).toBe(1);
        expect(weekday(byName.get('Lundi de Pâques') as string)).toBe(1);
      }),
      { numRuns: 100 },
    );
  });
});
