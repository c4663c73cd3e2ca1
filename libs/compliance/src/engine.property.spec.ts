import fc from 'fast-check';
import { DAY, HOUR, MINUTE, local, localText } from './engine/spec-helpers';
import {
  CHANNELS,
  Channel,
  ContactContext,
  ContactEvent,
  DEFAULT_RULES,
  ENGINE_RULES,
  Hold,
  PolicyDecision,
  TenantCap,
  evaluate,
  publicHolidays,
} from './index';

/*
 * Properties of the policy engine, checked against reference models written here from the rule table
 * (not read from the rule files) and against Intl for local time.
 */

const DST_ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Chicago',
  'Europe/Berlin',
  'Europe/Dublin',
  'Europe/London',
  'Europe/Paris',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Santiago',
  'America/St_Johns',
  'Pacific/Chatham',
];
const OTHER_ZONES = ['Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Tokyo', 'Pacific/Honolulu', 'UTC'];
const ZONES = [...DST_ZONES, ...OTHER_ZONES];

const JURISDICTIONS = ['US', 'US-MA', 'US-WA', 'US-CA', 'US-NY', 'GB', 'IE', 'DE', 'NL', 'SE', 'FR', 'ES', 'IT', 'XX'] as const;
type J = (typeof JURISDICTIONS)[number];

// ---------------------------------------------------------------------------------------------
// Reference model of contact windows (all listed windows must hold in every candidate zone).

interface RefWindow {
  days: number[]; // 0 = Monday
  intervals: [number, number][]; // minutes after local midnight, [start, end)
  holidays?: 'IE' | 'FR';
}
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
const MON_SAT = [0, 1, 2, 3, 4, 5];
const MON_FRI = [0, 1, 2, 3, 4];
const h = (hh: number, mm = 0) => hh * 60 + mm;

function refWindows(j: J, channel: Channel): RefWindow[] {
  const call = channel === 'voice' || channel === 'human';
  switch (j) {
    case 'IE':
      return [{ days: MON_SAT, intervals: [[h(9), h(21)]], holidays: 'IE' }];
    case 'FR':
      return call
        ? [{ days: MON_FRI, intervals: [[h(10), h(13)], [h(14), h(20)]], holidays: 'FR' }]
        : [{ days: MON_SAT, intervals: [[h(8), h(21)]], holidays: 'FR' }];
    case 'XX':
      return [{ days: MON_SAT, intervals: [[h(9), h(20)]] }];
    case 'US-WA':
      return [{ days: EVERY_DAY, intervals: [[h(8), h(21)]] }, { days: EVERY_DAY, intervals: [[h(7, 30), h(21)]] }];
    default:
      return [{ days: EVERY_DAY, intervals: [[h(8), h(21)]] }];
  }
}

const holidaySets = new Map<string, Set<string>>();
function isHoliday(calendar: 'IE' | 'FR', y: number, m: number, d: number): boolean {
  const key = `${calendar}${y}`;
  let set = holidaySets.get(key);
  if (!set) {
    set = new Set(publicHolidays(calendar, y).map((x) => x.date));
    holidaySets.set(key, set);
  }
  return set.has(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

function lawfulByRef(at: number, zones: string[], j: J, channel: Channel): boolean {
  for (const zone of zones) {
    const l = local(at, zone);
    const minute = l.hour * 60 + l.minute + l.second / 60 + (new Date(at).getUTCMilliseconds() / 60_000);
    for (const w of refWindows(j, channel)) {
      if (!w.days.includes(l.weekday)) return false;
      if (w.holidays && isHoliday(w.holidays, l.year, l.month, l.day)) return false;
      if (!w.intervals.some(([s, e]) => minute >= s && minute < e)) return false;
    }
  }
  return true;
}

function blockedChannel(j: J, channel: Channel): boolean {
  return channel === 'voice' && (j === 'IT' || j === 'XX');
}

// ---------------------------------------------------------------------------------------------
// Reference model of frequency caps.

interface RefCap {
  name: string;
  channels: Channel[];
  max: number;
  window: { rollingMs: number } | { calendar: 'day' | 'month' };
  scope: 'person' | 'debt';
}
const ALL: Channel[] = ['sms', 'email', 'voice', 'human'];
const CALLS: Channel[] = ['voice', 'human'];

function refCaps(j: J): RefCap[] {
  const regF: RefCap = { name: 'Reg F 7-in-7', channels: CALLS, max: 7, window: { rollingMs: 7 * DAY }, scope: 'debt' };
  switch (j) {
    case 'US':
    case 'US-CA':
    case 'US-NY':
      return [regF];
    case 'US-MA':
      return [regF, { name: 'MA 2/7d', channels: ['sms', 'voice', 'human'], max: 2, window: { rollingMs: 7 * DAY }, scope: 'person' }];
    case 'US-WA':
      return [regF, { name: 'WA 3/week', channels: ALL, max: 3, window: { rollingMs: 7 * DAY }, scope: 'person' }];
    case 'IE':
      return [{ name: 'IE 3/month', channels: ALL, max: 3, window: { calendar: 'month' }, scope: 'person' }];
    case 'FR':
      return [{ name: 'FR 4/30d', channels: CALLS, max: 4, window: { rollingMs: 30 * DAY }, scope: 'person' }];
    case 'IT':
      return [{ name: 'IT 1 call/day', channels: CALLS, max: 1, window: { calendar: 'day' }, scope: 'person' }];
    case 'XX':
      return [
        { name: 'default 2 calls+texts/7d', channels: ['sms', 'voice', 'human'], max: 2, window: { rollingMs: 7 * DAY }, scope: 'person' },
        { name: 'default 3/7d', channels: ALL, max: 3, window: { rollingMs: 7 * DAY }, scope: 'person' },
        { name: 'default 3/month', channels: ALL, max: 3, window: { calendar: 'month' }, scope: 'person' },
        { name: 'default 1 call/day', channels: CALLS, max: 1, window: { calendar: 'day' }, scope: 'person' },
      ];
    default:
      return [];
  }
}

function tenantRefCap(c: TenantCap): RefCap {
  const w = c.window;
  return {
    name: `tenant ${c.id}`,
    channels: c.channels,
    max: c.max,
    window: w.kind === 'rolling' ? { rollingMs: ((w.days ?? 0) * 24 + (w.hours ?? 0)) * HOUR } : { calendar: w.unit },
    scope: c.scope,
  };
}

/** Throws naming the first window in which a cap is exceeded. */
function assertCapsHold(events: ContactEvent[], caps: RefCap[], zones: string[]): void {
  for (const cap of caps) {
    const debts = cap.scope === 'person' ? [undefined] : [...new Set(events.map((e) => e.debtId))];
    for (const debt of debts) {
      const times = events
        .filter((e) => cap.channels.includes(e.channel) && (debt === undefined || e.debtId === debt))
        .map((e) => e.at.getTime())
        .sort((a, b) => a - b);
      if ('rollingMs' in cap.window) {
        // At most `max` in every window [s, s + W) ⇔ every max+1 consecutive events span ≥ W.
        for (let i = 0; i + cap.max < times.length; i++) {
          if (times[i + cap.max] - times[i] < cap.window.rollingMs) {
            throw new Error(`${cap.name} exceeded: ${times.slice(i, i + cap.max + 1).map((t) => new Date(t).toISOString()).join(', ')}`);
          }
        }
      } else {
        const unit = cap.window.calendar;
        for (const zone of zones) {
          const counts = new Map<string, number>();
          for (const t of times) {
            const l = local(t, zone);
            const key = unit === 'day' ? `${l.year}-${l.month}-${l.day}` : `${l.year}-${l.month}`;
            const n = (counts.get(key) ?? 0) + 1;
            if (n > cap.max) throw new Error(`${cap.name} exceeded in ${zone} ${key}`);
            counts.set(key, n);
          }
        }
      }
    }
  }
}

/** Reg F cool-down: no call about a debt on local days 1–7 counted from a conversation about it (day 1), in any zone. */
function assertCooldownHolds(events: ContactEvent[], zones: string[]): void {
  const dayNo = (t: number, zone: string) => {
    const l = local(t, zone);
    return Date.UTC(l.year, l.month - 1, l.day) / DAY;
  };
  events.forEach((c, ci) => {
    if (c.kind !== 'conversation' || !CALLS.includes(c.channel)) return;
    events.forEach((e, ei) => {
      if (ei <= ci || e.debtId !== c.debtId || !CALLS.includes(e.channel)) return;
      for (const zone of zones) {
        if (dayNo(e.at.getTime(), zone) - dayNo(c.at.getTime(), zone) < 7) {
          throw new Error(`call at ${localText(e.at, zone)} within 7 days of the conversation at ${localText(c.at, zone)} (${zone})`);
        }
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Generators.

const T0 = Date.UTC(2024, 0, 1);
const T1 = Date.UTC(2030, 11, 31);
const instantArb = fc.integer({ min: T0, max: T1 });
const channelArb = fc.constantFrom(...CHANNELS);
const jurisdictionArb = fc.constantFrom(...JURISDICTIONS);
const zonesArb = fc.uniqueArray(fc.constantFrom(...ZONES), { minLength: 1, maxLength: 3 });

/** Instants near local window edges (07:xx–10:xx, 12:xx–14:xx, 19:xx–21:xx) in a given zone, found via Intl. */
function edgeInstant(zone: string, dayStart: number, hour: number, minute: number, ms: number): number {
  let t = dayStart + hour * HOUR + minute * MINUTE + ms;
  for (let i = 0; i < 3; i++) {
    const l = local(t, zone);
    const shown = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
    const wanted = Date.UTC(new Date(dayStart).getUTCFullYear(), new Date(dayStart).getUTCMonth(), new Date(dayStart).getUTCDate(), hour, minute) + Math.floor(ms / 1000) * 1000;
    t += wanted - shown;
  }
  return t;
}

const scenarioArb = fc
  .record({
    jurisdiction: jurisdictionArb,
    zones: zonesArb,
    channel: channelArb,
    day: fc.integer({ min: 0, max: Math.floor((T1 - T0) / DAY) }),
    edge: fc.boolean(),
    hour: fc.constantFrom(7, 8, 9, 10, 12, 13, 14, 19, 20, 21),
    minute: fc.constantFrom(0, 1, 29, 30, 59),
    ms: fc.constantFrom(0, 1, 999, 59_999),
    any: instantArb,
  })
  .map((s) => ({ ...s, at: s.edge ? edgeInstant(s.zones[0], T0 + s.day * DAY, s.hour, s.minute, s.ms) : s.any }));

const eventArb = (around: number) =>
  fc.record({
    channel: channelArb,
    offset: fc.integer({ min: -20 * DAY, max: 5 * DAY }),
    kind: fc.constantFrom('attempt' as const, 'attempt' as const, 'conversation' as const),
    debtId: fc.constantFrom('debt-1', 'debt-2'),
  }).map((e): ContactEvent => ({ channel: e.channel, at: new Date(around + e.offset), kind: e.kind, debtId: e.debtId }));

const tenantCapArb: fc.Arbitrary<TenantCap> = fc.record({
  id: fc.constantFrom('a', 'b'),
  channels: fc.subarray([...CHANNELS], { minLength: 1 }),
  max: fc.integer({ min: 1, max: 3 }),
  window: fc.oneof(
    fc.record({ kind: fc.constant('rolling' as const), hours: fc.integer({ min: 1, max: 72 }) }),
    fc.record({ kind: fc.constant('rolling' as const), days: fc.integer({ min: 1, max: 10 }) }),
    fc.record({ kind: fc.constant('calendar' as const), unit: fc.constantFrom('day' as const, 'month' as const) }),
  ),
  scope: fc.constantFrom('person' as const, 'debt' as const),
});

function context(s: { jurisdiction: J; zones: string[]; channel: Channel; at: number }, over: Partial<ContactContext> = {}): ContactContext {
  return {
    channel: s.channel,
    at: new Date(s.at),
    debtor: { jurisdiction: s.jurisdiction, timeZones: s.zones, optedOut: [], consents: ['ai_voice', 'email'] },
    holds: [],
    history: [],
    debtId: 'debt-1',
    ...over,
  };
}

function untilOf(d: PolicyDecision): number {
  if (d.outcome !== 'defer') throw new Error('not a deferral');
  return d.until.getTime();
}

// ---------------------------------------------------------------------------------------------

describe('evaluate — properties', () => {
  it('(1) no allow falls outside the window in ANY candidate zone; with no history, allow ⇔ inside all windows', () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), fc.array(eventArb(0), { maxLength: 6 }), (s, withHistory, rawEvents) => {
        const history = withHistory ? rawEvents.map((e) => ({ ...e, at: new Date(s.at + e.at.getTime()) })) : [];
        const d = evaluate(context(s, { history }));
        const lawful = lawfulByRef(s.at, s.zones, s.jurisdiction, s.channel);
        if (d.outcome === 'allow' && !lawful) {
          throw new Error(`allowed at ${s.zones.map((z) => localText(s.at, z) + ' ' + z).join(' / ')} in ${s.jurisdiction} (${s.channel})`);
        }
        if (!withHistory && !blockedChannel(s.jurisdiction, s.channel)) {
          if (lawful) expect(d.outcome).toBe('allow');
          else if (d.outcome === 'block') {
            // Only when the zones' windows never overlap (e.g. Sydney ∩ Paris ∩ New York): check 8 days by quarter hour.
            expect(d.flags).toContain('no_lawful_moment_within_horizon');
            for (let t = s.at; t < s.at + 8 * DAY; t += 15 * MINUTE) if (lawfulByRef(t, s.zones, s.jurisdiction, s.channel)) throw new Error(`blocked, but ${new Date(t).toISOString()} is lawful`);
          } else expect(d.outcome).toBe('defer');
        }
        if (d.outcome === 'defer') expect(lawfulByRef(untilOf(d), s.zones, s.jurisdiction, s.channel)).toBe(true);
      }),
      { numRuns: 2500 },
    );
  });

  it('(2) defer: until > at, evaluating at until (same history) allows, and nothing in between does', () => {
    const arb = fc.record({
      s: scenarioArb,
      events: fc.array(eventArb(0), { maxLength: 12 }),
      caps: fc.array(tenantCapArb, { maxLength: 2 }),
      coolingOff: fc.option(fc.integer({ min: -DAY, max: 4 * DAY }), { nil: undefined }),
      probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
    });
    let defers = 0;
    fc.assert(
      fc.property(arb, ({ s, events, caps, coolingOff, probes }) => {
        const history = events.map((e) => ({ ...e, at: new Date(s.at + e.at.getTime()) }));
        const holds: Hold[] = coolingOff === undefined ? [] : [{ kind: 'cooling_off', until: new Date(s.at + coolingOff) }];
        const base = context(s, { history, holds, tenantCaps: caps.map((c, i) => ({ ...c, id: `${c.id}${i}` })) });
        const d = evaluate(base);
        if (d.outcome !== 'defer') return;
        defers++;
        const until = untilOf(d);
        expect(until).toBeGreaterThan(s.at);
        const again = evaluate({ ...base, at: new Date(until) });
        if (again.outcome !== 'allow') throw new Error(`at until ${new Date(until).toISOString()}: ${again.outcome} ${again.reasons.join('; ')}`);
        for (const p of probes) {
          const t = s.at + Math.floor((until - s.at) * p);
          if (t >= until) continue;
          const mid = evaluate({ ...base, at: new Date(t) });
          expect(mid.outcome).toBe('defer');
          if (mid.outcome === 'defer') expect(mid.until.getTime()).toBe(until);
        }
        expect(evaluate({ ...base, at: new Date(until - 1) }).outcome).toBe('defer');
      }),
      { numRuns: 1500 },
    );
    expect(defers).toBeGreaterThan(300);
  });

  it('(3) caps are never exceeded by a greedy sender asking at random times in random order', () => {
    const arb = fc.record({
      jurisdiction: fc.constantFrom<J>('US', 'US-MA', 'US-WA', 'IE', 'FR', 'IT', 'XX', 'DE'),
      zones: zonesArb,
      start: fc.integer({ min: T0, max: T1 - 90 * DAY }),
      requests: fc.array(
        fc.record({
          offset: fc.integer({ min: 0, max: 45 * DAY }),
          channel: channelArb,
          debtId: fc.constantFrom('debt-1', 'debt-2'),
          conversation: fc.boolean(),
        }),
        { minLength: 20, maxLength: 80 },
      ),
      caps: fc.array(tenantCapArb, { maxLength: 2 }),
    });
    let sent = 0;
    fc.assert(
      fc.property(arb, ({ jurisdiction, zones, start, requests, caps }) => {
        const tenantCaps = caps.map((c, i) => ({ ...c, id: `${c.id}${i}` }));
        const history: ContactEvent[] = [];
        for (const r of requests) {
          const at = start + r.offset;
          const d = evaluate({
            channel: r.channel,
            at: new Date(at),
            debtor: { jurisdiction, timeZones: zones, optedOut: [], consents: ['ai_voice', 'email'] },
            holds: [],
            history: [...history],
            debtId: r.debtId,
            tenantCaps,
          });
          if (d.outcome === 'allow') history.push({ channel: r.channel, at: new Date(at), kind: r.conversation ? 'conversation' : 'attempt', debtId: r.debtId });
        }
        sent += history.length;
        assertCapsHold(history, [...refCaps(jurisdiction), ...tenantCaps.map(tenantRefCap)], zones);
      }),
      { numRuns: 400 },
    );
    expect(sent).toBeGreaterThan(1000);
  });

  it('(3b) a sender that follows every deferral stays inside windows, caps and the Reg F cool-down', () => {
    const arb = fc.record({
      jurisdiction: fc.constantFrom<J>('US', 'US-MA', 'US-WA', 'US-CA', 'IE', 'FR', 'IT', 'XX', 'GB'),
      zones: zonesArb,
      start: fc.integer({ min: T0, max: T1 - 120 * DAY }),
      steps: fc.array(
        fc.record({ gap: fc.integer({ min: 0, max: 30 * HOUR }), channel: channelArb, debtId: fc.constantFrom('debt-1', 'debt-2'), conversation: fc.boolean() }),
        { minLength: 10, maxLength: 50 },
      ),
      caps: fc.array(tenantCapArb, { maxLength: 1 }),
    });
    fc.assert(
      fc.property(arb, ({ jurisdiction, zones, start, steps, caps }) => {
        const history: ContactEvent[] = [];
        let t = start;
        for (const step of steps) {
          t += step.gap;
          const ask = (at: number) =>
            evaluate({
              channel: step.channel,
              at: new Date(at),
              debtor: { jurisdiction, timeZones: zones, optedOut: [], consents: ['ai_voice', 'email'] },
              holds: [],
              history,
              debtId: step.debtId,
              tenantCaps: caps,
            });
          let d = ask(t);
          if (d.outcome === 'defer') {
            t = d.until.getTime();
            d = ask(t);
            expect(d.outcome).toBe('allow');
          }
          if (d.outcome !== 'allow') continue;
          if (!lawfulByRef(t, zones, jurisdiction, step.channel)) throw new Error(`sent outside the window at ${new Date(t).toISOString()}`);
          history.push({ channel: step.channel, at: new Date(t), kind: step.conversation ? 'conversation' : 'attempt', debtId: step.debtId });
        }
        assertCapsHold(history, [...refCaps(jurisdiction), ...caps.map(tenantRefCap)], zones);
        if (jurisdiction.startsWith('US') || jurisdiction === 'XX') assertCooldownHolds(history, zones);
      }),
      { numRuns: 200 },
    );
  });

  it('(4) every decision has non-empty rule ids, each one a known rule, an engine rule or a tenant cap, and non-empty reasons', () => {
    const known = new Set([...DEFAULT_RULES.ruleIds, ...Object.values(ENGINE_RULES)]);
    const holdArb = fc.record({
      kind: fc.constantFrom('dispute', 'hardship', 'bereavement', 'breathing_space', 'vulnerability', 'cooling_off', 'do_not_contact'),
      until: fc.option(fc.date({ min: new Date(T0), max: new Date(T1), noInvalidDate: true }), { nil: undefined }),
    }) as fc.Arbitrary<Hold>;
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(eventArb(0), { maxLength: 8 }),
        fc.array(holdArb, { maxLength: 2 }),
        fc.subarray([...CHANNELS]),
        fc.subarray(['email', 'ai_voice', 'sms'] as const),
        fc.array(tenantCapArb, { maxLength: 2 }),
        fc.boolean(),
        (s, events, holds, optedOut, consents, caps, objection) => {
          const c = context(s, {
            history: events.map((e) => ({ ...e, at: new Date(s.at + e.at.getTime()) })),
            holds,
            tenantCaps: caps.map((x, i) => ({ ...x, id: `${x.id}${i}` })),
          });
          c.debtor = { ...c.debtor, optedOut, consents: [...consents], gdprObjection: objection };
          const d = evaluate(c);
          expect(d.ruleIds.length).toBeGreaterThan(0);
          expect(d.reasons.length).toBeGreaterThan(0);
          for (const id of d.ruleIds) if (!known.has(id) && !id.startsWith('tenant.') && !id.startsWith('engine.hold.')) throw new Error(`unknown rule id ${id}`);
          expect(d.flags).not.toContain('engine_error');
          expect(d.ruleSet.length).toBeGreaterThan(0);
          if (d.outcome === 'block') expect(d.disclosures).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('(5) never throws and never errors internally for arbitrary jurisdiction and zone strings', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 24 }),
      fc.constantFrom('', ' ', 'US-', '-MA', 'us-ma', 'UK', 'EU', 'CORE', 'DEFAULT', 'Mars/Olympus', 'Europe/Atlantis', 'GMT+99', 'Etc/GMT+12', 'America/New York', '__proto__', 'constructor'),
      fc.constantFrom(...ZONES),
      fc.constantFrom(...JURISDICTIONS),
    );
    fc.assert(
      fc.property(junk, fc.array(junk, { maxLength: 3 }), instantArb, channelArb, (jurisdiction, zones, at, channel) => {
        let d: PolicyDecision | undefined;
        expect(() => {
          d = evaluate({ channel, at: new Date(at), debtor: { jurisdiction, timeZones: zones, optedOut: [] }, holds: [], history: [], debtId: 'd' });
        }).not.toThrow();
        expect(d?.flags).not.toContain('engine_error');
        expect(d?.ruleIds.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (a, b, c) => {
        expect(() => evaluate({ channel: 'sms', at: new Date(T0), debtor: { jurisdiction: a, timeZones: b, optedOut: c }, holds: b, history: c, debtId: a } as never)).not.toThrow();
        expect(() => evaluate(a as never)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('(6) the order of the ledger does not matter', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(eventArb(0), { maxLength: 10 }), fc.infiniteStream(fc.nat()), (s, events, seeds) => {
        const history = events.map((e) => ({ ...e, at: new Date(s.at + e.at.getTime()) }));
        const shuffled = [...history];
        const it = seeds[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = evaluate(context(s, { history }));
        const b = evaluate(context(s, { history: shuffled }));
        expect({ ...b, ruleIds: [...b.ruleIds].sort(), reasons: [...b.reasons].sort() }).toEqual({ ...a, ruleIds: [...a.ruleIds].sort(), reasons: [...a.reasons].sort() });
      }),
      { numRuns: 500 },
    );
  });

  it('(7) more history never makes the next lawful moment earlier', () => {
    const moment = (d: PolicyDecision, at: number) => (d.outcome === 'allow' ? at : d.outcome === 'defer' ? d.until.getTime() : Infinity);
    fc.assert(
      fc.property(scenarioArb, fc.array(eventArb(0), { maxLength: 10 }), fc.array(eventArb(0), { minLength: 1, maxLength: 4 }), (s, events, extra) => {
        const shift = (list: ContactEvent[]) => list.map((e) => ({ ...e, at: new Date(s.at + e.at.getTime()) }));
        const fewer = evaluate(context(s, { history: shift(events) }));
        const more = evaluate(context(s, { history: shift([...events, ...extra]) }));
        expect(moment(more, s.at)).toBeGreaterThanOrEqual(moment(fewer, s.at));
      }),
      { numRuns: 800 },
    );
  });

  it('(8) an opt-out of the medium always blocks, whatever the time, zone or ledger', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(eventArb(0), { maxLength: 5 }), (s, events) => {
        const sibling: Channel = s.channel === 'voice' ? 'human' : s.channel === 'human' ? 'voice' : s.channel;
        const c = context(s, { history: events.map((e) => ({ ...e, at: new Date(s.at + e.at.getTime()) })) });
        c.debtor = { ...c.debtor, optedOut: [sibling] };
        const d = evaluate(c);
        expect(d.outcome).toBe('block');
        expect(d.ruleIds).toContain('core.optout.medium');
      }),
      { numRuns: 500 },
    );
  });
});
