import fc from 'fast-check';
import { ContactChannel, ContactRequest } from './decision';
import { DEFAULT_CONTACT_WINDOW, RULES, decideContact } from './gate';

/*
 * Every expectation about local time is computed independently of luxon, with the platform's
 * Intl.DateTimeFormat (hourCycle h23), so a luxon mistake cannot hide behind itself.
 */

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
const CHANNELS: ContactChannel[] = ['sms', 'email', 'voice', 'human'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Local {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
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
  return f;
}

function local(at: Date | number, zone: string): Local {
  const parts = Object.fromEntries(formatter(zone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function localText(at: Date | number, zone: string): string {
  const l = local(at, zone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${p(l.month)}-${p(l.day)} ${p(l.hour)}:${p(l.minute)}:${p(l.second)}`;
}

/** 08:00:00 ≤ local time < 21:00:00, by Intl. */
function insideByIntl(at: Date | number, zone: string): boolean {
  const { hour } = local(at, zone);
  return hour >= 8 && hour < 21;
}

/** The UTC instant showing the given wall-clock time in `zone` (for times that exist). */
function zoned(zone: string, y: number, mo: number, d: number, h: number, mi = 0, s = 0): Date {
  const wanted = Date.UTC(y, mo - 1, d, h, mi, s);
  let t = wanted;
  for (let i = 0; i < 4; i++) {
    const l = local(t, zone);
    const shown = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
    if (shown === wanted) return new Date(t);
    t += wanted - shown;
  }
  throw new Error(`${y}-${mo}-${d} ${h}:${mi}:${s} does not exist in ${zone}`);
}

function isValidZoneByIntl(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function request(at: Date, timeZone: string, over: Partial<ContactRequest> = {}): ContactRequest {
  return { channel: 'sms', at, timeZone, country: 'DE', optedOut: [], ...over };
}

const instantArb = fc.date({ min: new Date('2024-01-01T00:00:00.000Z'), max: new Date('2030-12-31T23:59:59.999Z'), noInvalidDate: true });
const zoneArb = fc.constantFrom(...ZONES);

/** Instants close to the window's edges (local 07:xx, 08:xx, 20:xx, 21:xx), where mistakes live. */
const edgeInstantArb = fc
  .record({
    zone: zoneArb,
    year: fc.integer({ min: 2024, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.constantFrom(7, 8, 20, 21),
    minute: fc.constantFrom(0, 1, 58, 59),
    second: fc.constantFrom(0, 1, 59),
    ms: fc.constantFrom(0, 1, 999),
  })
  .map(({ zone, year, month, day, hour, minute, second, ms }) => ({
    zone,
    at: new Date(zoned(zone, year, month, day, hour, minute, second).getTime() + ms),
  }));

/** The n-th (1-based; -1 = last) Sunday of a month, as a UTC midnight timestamp. */
function sunday(year: number, month: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1));
    return Date.UTC(year, month - 1, 1 + ((7 - first.getUTCDay()) % 7) + 7 * (n - 1));
  }
  const last = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay());
}

/** DST rules in force 2024–2030, as [month, n-th Sunday] pairs: instants within ±36 h of a switch. */
const DST_RULES: Record<string, Array<[number, number]>> = {
  'Europe/Berlin': [[3, -1], [10, -1]],
  'Europe/London': [[3, -1], [10, -1]],
  'America/New_York': [[3, 2], [11, 1]],
  'America/Los_Angeles': [[3, 2], [11, 1]],
  'America/St_Johns': [[3, 2], [11, 1]],
  'Australia/Sydney': [[4, 1], [10, 1]],
  'Pacific/Auckland': [[4, 1], [9, -1]],
  'Pacific/Chatham': [[4, 1], [9, -1]],
};
const nearDstArb = fc
  .record({
    zone: fc.constantFrom(...Object.keys(DST_RULES)),
    year: fc.integer({ min: 2024, max: 2030 }),
    which: fc.constantFrom(0, 1),
    offsetMs: fc.integer({ min: -36 * HOUR, max: 36 * HOUR }),
  })
  .map(({ zone, year, which, offsetMs }) => {
    const [month, n] = DST_RULES[zone][which];
    return { zone, at: new Date(sunday(year, month, n) + offsetMs) };
  });

const anyInstantInZoneArb = fc.oneof(
  fc.record({ zone: zoneArb, at: instantArb }),
  edgeInstantArb,
  nearDstArb,
);

describe('decideContact — properties over instants and IANA zones', () => {
  it('allows exactly when the debtor’s local time is inside 08:00–21:00 (checked with Intl, not luxon)', () => {
    fc.assert(
      fc.property(anyInstantInZoneArb, fc.constantFrom(...CHANNELS), ({ zone, at }, channel) => {
        const decision = decideContact(request(at, zone, { channel }));
        expect(decision.outcome === 'allow').toBe(insideByIntl(at, zone));
        expect(decision.outcome).not.toBe('block');
      }),
      { numRuns: 400 },
    );
  });

  it("an 'allow' decision's local hour is always between 08 and 20 inclusive", () => {
    fc.assert(
      fc.property(anyInstantInZoneArb, ({ zone, at }) => {
        const decision = decideContact(request(at, zone));
        fc.pre(decision.outcome === 'allow');
        const { hour } = local(at, zone);
        expect(hour).toBeGreaterThanOrEqual(8);
        expect(hour).toBeLessThan(21);
        expect(decision.ruleIds).toEqual([RULES.contactHours]);
        expect(decision).not.toHaveProperty('until');
      }),
      { numRuns: 300 },
    );
  });

  it("a 'defer' decision's until is after at, inside the window, and the first lawful instant", () => {
    fc.assert(
      fc.property(anyInstantInZoneArb, ({ zone, at }) => {
        const decision = decideContact(request(at, zone));
        fc.pre(decision.outcome === 'defer');
        if (decision.outcome !== 'defer') return;
        const until = decision.until;
        expect(until.getTime()).toBeGreaterThan(at.getTime());
        expect(insideByIntl(until, zone)).toBe(true);
        // The window opens on a whole local minute: 08:00:00.000 exactly.
        expect(local(until, zone)).toMatchObject({ hour: 8, minute: 0, second: 0 });
        expect(until.getUTCMilliseconds()).toBe(0);
        // The instant just before `until` is still outside the window …
        expect(insideByIntl(until.getTime() - 1, zone)).toBe(false);
        // … and so is every instant between `at` and `until`. Zone offsets are whole minutes, so
        // inside/outside is constant within each UTC minute: checking `at` and every minute start is exhaustive.
        expect(insideByIntl(at, zone)).toBe(false);
        for (let t = Math.ceil(at.getTime() / MINUTE) * MINUTE; t < until.getTime(); t += MINUTE) {
          if (insideByIntl(t, zone)) throw new Error(`${new Date(t).toISOString()} (${localText(t, zone)}) is lawful but before until`);
        }
        // Never more than one night away.
        expect(until.getTime() - at.getTime()).toBeLessThanOrEqual(13 * HOUR);
      }),
      { numRuns: 200 },
    );
  });

  it('every decision carries non-empty rule ids and reasons, and a flags array', () => {
    const zoneOrJunk = fc.oneof(zoneArb, fc.constantFrom('Mars/Olympus', '', 'Europe/Atlantis', 'GMT+99'));
    fc.assert(
      fc.property(instantArb, zoneOrJunk, fc.constantFrom(...CHANNELS), fc.subarray(CHANNELS), (at, zone, channel, optedOut) => {
        const decision = decideContact(request(at, zone, { channel, optedOut }));
        expect(decision.ruleIds.length).toBeGreaterThan(0);
        for (const id of decision.ruleIds) expect(id).toMatch(/\S/);
        expect(decision.reasons.length).toBeGreaterThan(0);
        for (const reason of decision.reasons) expect(reason).toMatch(/\S/);
        expect(Array.isArray(decision.flags)).toBe(true);
        expect(Object.values(RULES)).toEqual(expect.arrayContaining(decision.ruleIds));
      }),
      { numRuns: 300 },
    );
  });

  it("an unknown zone is blocked with 'hours.zone-unknown' and the 'unknown_time_zone' flag, at any time", () => {
    const junkZone = fc.oneof(
      fc.constantFrom('Mars/Olympus', 'Europe/Atlantis', '', ' ', 'Europe/Berlin ', 'GMT+99', 'Not a zone', 'America/New York'),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(instantArb, junkZone, fc.constantFrom(...CHANNELS), (at, zone, channel) => {
        fc.pre(!isValidZoneByIntl(zone));
        const others = CHANNELS.filter((c) => c !== channel);
        const decision = decideContact(request(at, zone, { channel, optedOut: others }));
        expect(decision).toEqual({
          outcome: 'block',
          ruleIds: ['hours.zone-unknown'],
          reasons: [expect.stringContaining('not a known IANA time zone')],
          flags: ['unknown_time_zone'],
        });
      }),
      { numRuns: 300 },
    );
  });

  it("a channel the debtor opted out of is blocked with 'consent.opt-out' regardless of time or zone", () => {
    const zoneOrJunk = fc.oneof(zoneArb, fc.constantFrom('Mars/Olympus', ''));
    fc.assert(
      fc.property(instantArb, zoneOrJunk, fc.constantFrom(...CHANNELS), fc.subarray(CHANNELS), (at, zone, channel, extra) => {
        const optedOut = [...new Set([...extra, channel])];
        const decision = decideContact(request(at, zone, { channel, optedOut }));
        expect(decision).toEqual({
          outcome: 'block',
          ruleIds: ['consent.opt-out'],
          reasons: [expect.stringContaining(channel)],
          flags: [],
        });
      }),
      { numRuns: 300 },
    );
  });

  it('opting out of other channels does not block this one', () => {
    fc.assert(
      fc.property(anyInstantInZoneArb, fc.constantFrom(...CHANNELS), ({ zone, at }, channel) => {
        const optedOut = CHANNELS.filter((c) => c !== channel);
        const decision = decideContact(request(at, zone, { channel, optedOut }));
        expect(decision.outcome).toBe(insideByIntl(at, zone) ? 'allow' : 'defer');
        expect(decision.ruleIds).not.toContain(RULES.optOut);
      }),
      { numRuns: 200 },
    );
  });

  it('is pure: the same request gives the same decision and the request is not changed', () => {
    fc.assert(
      fc.property(anyInstantInZoneArb, ({ zone, at }) => {
        const req = request(at, zone, { optedOut: ['voice'] });
        const before = { ...req, at: new Date(req.at.getTime()), optedOut: [...req.optedOut] };
        const first = decideContact(req);
        const second = decideContact(req);
        expect(second).toEqual(first);
        expect(req).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it('a deferral is stable: deciding again at `until` allows, and deciding at any instant between gives the same until', () => {
    fc.assert(
      fc.property(anyInstantInZoneArb, fc.double({ min: 0, max: 1, noNaN: true }), ({ zone, at }, fraction) => {
        const decision = decideContact(request(at, zone));
        fc.pre(decision.outcome === 'defer');
        if (decision.outcome !== 'defer') return;
        expect(decideContact(request(decision.until, zone)).outcome).toBe('allow');
        const between = new Date(at.getTime() + Math.floor((decision.until.getTime() - at.getTime()) * fraction));
        fc.pre(between.getTime() < decision.until.getTime());
        const again = decideContact(request(between, zone));
        expect(again.outcome).toBe('defer');
        if (again.outcome === 'defer') expect(again.until.toISOString()).toBe(decision.until.toISOString());
      }),
      { numRuns: 150 },
    );
  });
});

describe('test fixtures', () => {
  it('the DST rule table names days on which the zone’s UTC offset really changes (checked with Intl)', () => {
    const offsetAt = (t: number, zone: string) => {
      const l = local(t, zone);
      return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - Math.floor(t / 1000) * 1000;
    };
    for (const [zone, rules] of Object.entries(DST_RULES)) {
      for (let year = 2024; year <= 2030; year++) {
        for (const [month, n] of rules) {
          const day = sunday(year, month, n);
          expect({ zone, year, month, changes: offsetAt(day - 36 * HOUR, zone) !== offsetAt(day + 36 * HOUR, zone) }).toEqual({ zone, year, month, changes: true });
        }
      }
    }
  });
});

describe('decideContact — the window edges in every zone', () => {
  // Ordinary days and DST-transition days of both hemispheres.
  const DAYS: Array<[number, number, number]> = [
    [2026, 1, 15],
    [2026, 3, 8],
    [2026, 3, 29],
    [2026, 4, 5],
    [2026, 7, 15],
    [2026, 9, 27],
    [2026, 10, 25],
    [2026, 11, 1],
  ];
  const cases = ZONES.flatMap((zone) => DAYS.map(([y, m, d]) => ({ zone, y, m, d })));

  it.each(cases)('$zone $y-$m-$d: 20:59:59 allowed, 21:00:00 deferred to next day 08:00, 07:59 deferred to 08:00', ({ zone, y, m, d }) => {
    const justBeforeClose = zoned(zone, y, m, d, 20, 59, 59);
    expect(decideContact(request(justBeforeClose, zone)).outcome).toBe('allow');

    const atClose = zoned(zone, y, m, d, 21, 0, 0);
    const closed = decideContact(request(atClose, zone));
    expect(closed.outcome).toBe('defer');
    if (closed.outcome === 'defer') {
      const next = new Date(Date.UTC(y, m - 1, d + 1));
      expect(closed.until.toISOString()).toBe(zoned(zone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 8).toISOString());
      expect(localText(closed.until, zone)).toBe(`${next.toISOString().slice(0, 10)} 08:00:00`);
    }

    const beforeOpen = zoned(zone, y, m, d, 7, 59, 0);
    const early = decideContact(request(beforeOpen, zone));
    expect(early.outcome).toBe('defer');
    if (early.outcome === 'defer') expect(early.until.toISOString()).toBe(zoned(zone, y, m, d, 8).toISOString());

    expect(decideContact(request(zoned(zone, y, m, d, 8), zone)).outcome).toBe('allow');
  });

  it('20:59:59.999 is still allowed: the window is closed only from 21:00:00.000', () => {
    const at = new Date(zoned('Europe/Berlin', 2026, 6, 10, 20, 59, 59).getTime() + 999);
    expect(decideContact(request(at, 'Europe/Berlin')).outcome).toBe('allow');
  });

  it('07:59:59.999 is deferred by exactly one millisecond', () => {
    const at = new Date(zoned('Asia/Kolkata', 2026, 6, 10, 7, 59, 59).getTime() + 999);
    const decision = decideContact(request(at, 'Asia/Kolkata'));
    expect(decision.outcome).toBe('defer');
    if (decision.outcome === 'defer') expect(decision.until.getTime() - at.getTime()).toBe(1);
  });
});

describe('decideContact — fixed UTC examples (half-hour, 45-minute and DST zones)', () => {
  type Example = { zone: string; at: string; outcome: 'allow' | 'defer'; until?: string; note: string };
  const examples: Example[] = [
    // Europe/Berlin, spring forward 2026-03-29 02:00 CET → 03:00 CEST (01:00Z).
    { zone: 'Europe/Berlin', at: '2026-03-28T19:59:59Z', outcome: 'allow', note: 'Sat 20:59:59 CET' },
    { zone: 'Europe/Berlin', at: '2026-03-28T20:00:00Z', outcome: 'defer', until: '2026-03-29T06:00:00.000Z', note: 'Sat 21:00 CET → Sun 08:00 CEST (only 10 h later)' },
    { zone: 'Europe/Berlin', at: '2026-03-29T00:59:59Z', outcome: 'defer', until: '2026-03-29T06:00:00.000Z', note: '01:59:59 CET, just before the gap' },
    { zone: 'Europe/Berlin', at: '2026-03-29T01:00:00Z', outcome: 'defer', until: '2026-03-29T06:00:00.000Z', note: '03:00 CEST, just after the gap' },
    { zone: 'Europe/Berlin', at: '2026-03-29T05:59:59Z', outcome: 'defer', until: '2026-03-29T06:00:00.000Z', note: '07:59:59 CEST' },
    { zone: 'Europe/Berlin', at: '2026-03-29T06:00:00Z', outcome: 'allow', note: '08:00 CEST' },
    { zone: 'Europe/Berlin', at: '2026-03-29T18:59:59Z', outcome: 'allow', note: '20:59:59 CEST' },
    { zone: 'Europe/Berlin', at: '2026-03-29T19:00:00Z', outcome: 'defer', until: '2026-03-30T06:00:00.000Z', note: '21:00 CEST' },
    // Europe/Berlin, fall back 2026-10-25 03:00 CEST → 02:00 CET (01:00Z).
    { zone: 'Europe/Berlin', at: '2026-10-24T18:59:59Z', outcome: 'allow', note: 'Sat 20:59:59 CEST' },
    { zone: 'Europe/Berlin', at: '2026-10-24T19:00:00Z', outcome: 'defer', until: '2026-10-25T07:00:00.000Z', note: 'Sat 21:00 CEST → Sun 08:00 CET (12 h later)' },
    { zone: 'Europe/Berlin', at: '2026-10-25T00:30:00Z', outcome: 'defer', until: '2026-10-25T07:00:00.000Z', note: 'first 02:30 (CEST)' },
    { zone: 'Europe/Berlin', at: '2026-10-25T01:30:00Z', outcome: 'defer', until: '2026-10-25T07:00:00.000Z', note: 'second 02:30 (CET)' },
    { zone: 'Europe/Berlin', at: '2026-10-25T06:00:00Z', outcome: 'defer', until: '2026-10-25T07:00:00.000Z', note: '07:00 CET (would be 08:00 in CEST)' },
    { zone: 'Europe/Berlin', at: '2026-10-25T07:00:00Z', outcome: 'allow', note: '08:00 CET' },
    { zone: 'Europe/Berlin', at: '2026-10-25T19:59:59Z', outcome: 'allow', note: '20:59:59 CET' },
    { zone: 'Europe/Berlin', at: '2026-10-25T20:00:00Z', outcome: 'defer', until: '2026-10-26T07:00:00.000Z', note: '21:00 CET' },
    // America/New_York, spring forward 2026-03-08 02:00 EST → 03:00 EDT (07:00Z).
    { zone: 'America/New_York', at: '2026-03-08T01:59:59Z', outcome: 'allow', note: 'Sat 20:59:59 EST' },
    { zone: 'America/New_York', at: '2026-03-08T02:00:00Z', outcome: 'defer', until: '2026-03-08T12:00:00.000Z', note: 'Sat 21:00 EST → Sun 08:00 EDT' },
    { zone: 'America/New_York', at: '2026-03-08T07:00:00Z', outcome: 'defer', until: '2026-03-08T12:00:00.000Z', note: '03:00 EDT, right after the gap' },
    { zone: 'America/New_York', at: '2026-03-08T11:59:59Z', outcome: 'defer', until: '2026-03-08T12:00:00.000Z', note: '07:59:59 EDT' },
    { zone: 'America/New_York', at: '2026-03-08T12:00:00Z', outcome: 'allow', note: '08:00 EDT' },
    { zone: 'America/New_York', at: '2026-03-09T00:59:59Z', outcome: 'allow', note: 'Sun 20:59:59 EDT' },
    { zone: 'America/New_York', at: '2026-03-09T01:00:00Z', outcome: 'defer', until: '2026-03-09T12:00:00.000Z', note: 'Sun 21:00 EDT' },
    // America/New_York, fall back 2026-11-01 02:00 EDT → 01:00 EST (06:00Z).
    { zone: 'America/New_York', at: '2026-11-01T00:59:59Z', outcome: 'allow', note: 'Sat 20:59:59 EDT' },
    { zone: 'America/New_York', at: '2026-11-01T01:00:00Z', outcome: 'defer', until: '2026-11-01T13:00:00.000Z', note: 'Sat 21:00 EDT → Sun 08:00 EST' },
    { zone: 'America/New_York', at: '2026-11-01T05:30:00Z', outcome: 'defer', until: '2026-11-01T13:00:00.000Z', note: 'first 01:30 (EDT)' },
    { zone: 'America/New_York', at: '2026-11-01T06:30:00Z', outcome: 'defer', until: '2026-11-01T13:00:00.000Z', note: 'second 01:30 (EST)' },
    { zone: 'America/New_York', at: '2026-11-01T12:00:00Z', outcome: 'defer', until: '2026-11-01T13:00:00.000Z', note: '07:00 EST (would be 08:00 in EDT)' },
    { zone: 'America/New_York', at: '2026-11-01T13:00:00Z', outcome: 'allow', note: '08:00 EST' },
    { zone: 'America/New_York', at: '2026-11-02T01:59:59Z', outcome: 'allow', note: 'Sun 20:59:59 EST' },
    { zone: 'America/New_York', at: '2026-11-02T02:00:00Z', outcome: 'defer', until: '2026-11-02T13:00:00.000Z', note: 'Sun 21:00 EST' },
    // Half-hour and 45-minute offsets.
    { zone: 'Asia/Kolkata', at: '2026-06-01T02:29:59Z', outcome: 'defer', until: '2026-06-01T02:30:00.000Z', note: '07:59:59 IST (+05:30)' },
    { zone: 'Asia/Kolkata', at: '2026-06-01T15:29:59Z', outcome: 'allow', note: '20:59:59 IST' },
    { zone: 'Asia/Kolkata', at: '2026-06-01T15:30:00Z', outcome: 'defer', until: '2026-06-02T02:30:00.000Z', note: '21:00 IST' },
    { zone: 'Asia/Kathmandu', at: '2026-06-01T02:14:59Z', outcome: 'defer', until: '2026-06-01T02:15:00.000Z', note: '07:59:59 NPT (+05:45)' },
    { zone: 'Asia/Kathmandu', at: '2026-06-01T02:15:00Z', outcome: 'allow', note: '08:00 NPT' },
    { zone: 'Asia/Kathmandu', at: '2026-06-01T15:15:00Z', outcome: 'defer', until: '2026-06-02T02:15:00.000Z', note: '21:00 NPT' },
    { zone: 'Pacific/Chatham', at: '2026-01-14T18:14:59Z', outcome: 'defer', until: '2026-01-14T18:15:00.000Z', note: '07:59:59 CHADT (+13:45)' },
    { zone: 'Pacific/Chatham', at: '2026-07-14T19:15:00Z', outcome: 'allow', note: '08:00 CHAST (+12:45)' },
    { zone: 'America/St_Johns', at: '2026-01-15T11:29:59Z', outcome: 'defer', until: '2026-01-15T11:30:00.000Z', note: '07:59:59 NST (−03:30)' },
    { zone: 'America/St_Johns', at: '2026-07-15T10:30:00Z', outcome: 'allow', note: '08:00 NDT (−02:30)' },
    { zone: 'America/St_Johns', at: '2026-07-15T23:30:00Z', outcome: 'defer', until: '2026-07-16T10:30:00.000Z', note: '21:00 NDT' },
    // Southern-hemisphere DST: Sydney falls back 2026-04-05, Auckland springs forward 2026-09-27.
    { zone: 'Australia/Sydney', at: '2026-04-04T10:00:00Z', outcome: 'defer', until: '2026-04-04T22:00:00.000Z', note: 'Sat 21:00 AEDT → Sun 08:00 AEST (12 h later)' },
    { zone: 'Pacific/Auckland', at: '2026-09-26T09:00:00Z', outcome: 'defer', until: '2026-09-26T19:00:00.000Z', note: 'Sat 21:00 NZST → Sun 08:00 NZDT' },
    { zone: 'America/Sao_Paulo', at: '2026-01-15T10:59:59Z', outcome: 'defer', until: '2026-01-15T11:00:00.000Z', note: '07:59:59 BRT (no DST since 2019)' },
  ];

  it.each(examples)('$zone $at ($note) → $outcome $until', ({ zone, at, outcome, until }) => {
    const decision = decideContact(request(new Date(at), zone));
    expect(decision.outcome).toBe(outcome);
    expect(decision.ruleIds).toEqual([RULES.contactHours]);
    expect(decision.flags).toEqual([]);
    if (decision.outcome === 'defer') {
      expect(decision.until.toISOString()).toBe(until);
      expect(decision.reasons[0]).toContain(zone);
      expect(decision.reasons[0]).toContain(until);
    }
  });

  it('the example table agrees with Intl on every local time it claims', () => {
    for (const { zone, at, outcome, until } of examples) {
      expect(insideByIntl(new Date(at), zone)).toBe(outcome === 'allow');
      if (until) expect(local(new Date(until), zone)).toMatchObject({ hour: 8, minute: 0, second: 0 });
    }
  });
});

describe('decideContact — rule precedence and the default window', () => {
  const night = new Date('2026-06-01T01:00:00Z'); // 03:00 in Berlin

  it('opt-out outranks an unknown zone', () => {
    const decision = decideContact(request(night, 'Mars/Olympus', { channel: 'voice', optedOut: ['voice'] }));
    expect(decision.ruleIds).toEqual([RULES.optOut]);
    expect(decision.flags).toEqual([]);
  });

  it('opt-out outranks contact hours, both at night and in the day', () => {
    expect(decideContact(request(night, 'Europe/Berlin', { optedOut: ['sms'] }))).toMatchObject({ outcome: 'block', ruleIds: [RULES.optOut] });
    expect(decideContact(request(new Date('2026-06-01T10:00:00Z'), 'Europe/Berlin', { optedOut: ['sms'] }))).toMatchObject({
      outcome: 'block',
      ruleIds: [RULES.optOut],
    });
  });

  it('an unknown zone is blocked even in what would be the daytime in UTC', () => {
    expect(decideContact(request(new Date('2026-06-01T12:00:00Z'), 'Europe/Atlantis')).outcome).toBe('block');
  });

  it('the default window is 08:00–21:00 and the rule ids are the documented ones', () => {
    expect(DEFAULT_CONTACT_WINDOW).toEqual({ startMinute: 480, endMinute: 1260 });
    expect(RULES).toEqual({ contactHours: 'hours.default.0800-2100', unknownZone: 'hours.zone-unknown', optOut: 'consent.opt-out' });
  });

  it('honours a narrower window passed in', () => {
    const window = { startMinute: 9 * 60 + 30, endMinute: 17 * 60 };
    const berlin = (h: number, m: number) => zoned('Europe/Berlin', 2026, 6, 1, h, m);
    expect(decideContact(request(berlin(9, 29), 'Europe/Berlin'), window)).toMatchObject({ outcome: 'defer', until: berlin(9, 30) });
    expect(decideContact(request(berlin(9, 30), 'Europe/Berlin'), window).outcome).toBe('allow');
    expect(decideContact(request(berlin(16, 59), 'Europe/Berlin'), window).outcome).toBe('allow');
    expect(decideContact(request(berlin(17, 0), 'Europe/Berlin'), window)).toMatchObject({
      outcome: 'defer',
      until: zoned('Europe/Berlin', 2026, 6, 2, 9, 30),
    });
  });
});
