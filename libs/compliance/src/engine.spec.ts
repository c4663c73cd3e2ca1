import { ctx, event, hold, local, localText, zoned, DAY, HOUR } from './engine/spec-helpers';
import { ContactContext, ENGINE_RULES, PolicyDecision, RuleFile, compileRuleBook, evaluate, nextLawfulMoment, RULE_FILE_DATA } from './index';

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const DUBLIN = 'Europe/Dublin';
const PARIS = 'Europe/Paris';
const BERLIN = 'Europe/Berlin';

function until(d: PolicyDecision): string {
  if (d.outcome !== 'defer') throw new Error(`expected defer, got ${d.outcome}: ${d.reasons.join('; ')}`);
  return d.until.toISOString();
}

function iso(d: Date): string {
  return d.toISOString();
}

describe('US federal (Reg F)', () => {
  const us = (over: Parameters<typeof ctx>[0] = {}) => ctx({ ...over, debtor: { jurisdiction: 'US', timeZones: [NY], ...over.debtor } });

  it('allows inside 08:00–21:00 local and names the rules applied', () => {
    const d = evaluate(us({ at: zoned(NY, 2026, 6, 10, 12) }));
    expect(d.outcome).toBe('allow');
    expect(d.ruleIds).toEqual(expect.arrayContaining(['us.regf.hours', 'us.regf.mini_miranda.initial', 'us.regf.optout_notice.sms']));
    expect(d.jurisdiction).toBe('US');
    expect(d.ruleSet).toEqual([
      { jurisdiction: 'CORE', version: '2026-11-25' },
      { jurisdiction: 'US', version: '2026-11-25' },
    ]);
    expect(d.timeZones).toEqual([NY]);
    expect(d.flags).toEqual([]);
  });

  it('defers before 08:00 to 08:00 and from 21:00 to the next day 08:00', () => {
    expect(until(evaluate(us({ at: zoned(NY, 2026, 6, 10, 7, 59) })))).toBe(iso(zoned(NY, 2026, 6, 10, 8)));
    const late = evaluate(us({ at: zoned(NY, 2026, 6, 10, 21) }));
    expect(until(late)).toBe(iso(zoned(NY, 2026, 6, 11, 8)));
    expect(late.ruleIds).toEqual(['us.regf.hours']);
    expect(evaluate(us({ at: new Date(zoned(NY, 2026, 6, 10, 21).getTime() - 1) })).outcome).toBe('allow');
  });

  it('DST: 21:00 EDT on Saturday 31 Oct 2026 defers to Sunday 08:00 EST (13:00Z); 07:30 EST defers to 13:00Z', () => {
    expect(until(evaluate(us({ at: new Date('2026-11-01T01:00:00Z') })))).toBe('2026-11-01T13:00:00.000Z');
    expect(until(evaluate(us({ at: new Date('2026-11-01T12:30:00Z') })))).toBe('2026-11-01T13:00:00.000Z');
    expect(evaluate(us({ at: new Date('2026-11-01T13:00:00Z') })).outcome).toBe('allow');
    // Spring forward: Sat 21:00 EST → Sun 08:00 EDT (12:00Z).
    expect(until(evaluate(us({ at: new Date('2026-03-08T02:00:00Z') })))).toBe('2026-03-08T12:00:00.000Z');
  });

  it('mini-Miranda: the full statement on the first communication about a debt, "from a debt collector" afterwards', () => {
    const first = evaluate(us({ at: zoned(NY, 2026, 6, 10, 12), history: [event('sms', zoned(NY, 2026, 6, 1, 12), { debtId: 'other-debt' })] }));
    expect(first.disclosures.find((x) => x.key === 'debt_collector_identification')).toMatchObject({
      id: 'us.regf.mini_miranda.initial',
      channel: 'sms',
      text: expect.stringContaining('attempt to collect a debt'),
    });
    const later = evaluate(us({ at: zoned(NY, 2026, 6, 10, 12), history: [event('email', zoned(NY, 2026, 6, 1, 12))] }));
    expect(later.disclosures.find((x) => x.key === 'debt_collector_identification')).toMatchObject({
      id: 'us.regf.mini_miranda.subsequent',
      text: 'This communication is from a debt collector.',
    });
    expect(later.disclosures.map((x) => x.id)).not.toContain('us.regf.mini_miranda.initial');
  });

  it('every text and email carries an opt-out instruction; AI calls identify the business and say they are AI', () => {
    const at = zoned(NY, 2026, 6, 10, 12);
    expect(evaluate(us({ at, channel: 'sms' })).disclosures.map((x) => x.id)).toContain('us.regf.optout_notice.sms');
    expect(evaluate(us({ at, channel: 'email' })).disclosures.map((x) => x.id)).toContain('us.regf.optout_notice.email');
    const voice = evaluate(us({ at, channel: 'voice' }));
    expect(voice.disclosures.map((x) => x.id).sort()).toEqual(['core.policy.ai_disclosure', 'us.regf.mini_miranda.initial', 'us.tcpa.identification']);
    for (const x of voice.disclosures) expect(x.channel).toBe('voice');
    expect(evaluate(us({ at, channel: 'human' })).disclosures.map((x) => x.id)).toEqual(['us.regf.mini_miranda.initial']);
  });

  it('7 calls in 7 days about one debt: the 8th waits until the oldest leaves the rolling window', () => {
    const history = [1, 2, 3, 4, 5, 6, 7].map((day) => event(day % 2 ? 'voice' : 'human', zoned(NY, 2026, 6, day, 10)));
    const d = evaluate(us({ channel: 'voice', at: zoned(NY, 2026, 6, 7, 15), history }));
    expect(until(d)).toBe(iso(zoned(NY, 2026, 6, 8, 10)));
    expect(d.ruleIds).toEqual(['us.regf.7in7']);
    expect(d.reasons.join(' ')).toContain('at most 7 per rolling 7 days');
    // The 7th call itself was fine, and texts do not count towards the call cap.
    expect(evaluate(us({ channel: 'voice', at: zoned(NY, 2026, 6, 7, 15), history: history.slice(1) })).outcome).toBe('allow');
    expect(evaluate(us({ channel: 'sms', at: zoned(NY, 2026, 6, 7, 15), history })).outcome).toBe('allow');
  });

  it('the 7-in-7 cap is per debt: calls about another debt do not count', () => {
    const history = [1, 2, 3, 4, 5, 6, 7].map((day) => event('voice', zoned(NY, 2026, 6, day, 10), { debtId: 'debt-2' }));
    expect(evaluate(us({ channel: 'voice', at: zoned(NY, 2026, 6, 7, 15), history })).outcome).toBe('allow');
    expect(evaluate(us({ channel: 'voice', debtId: 'debt-2', at: zoned(NY, 2026, 6, 7, 15), history })).outcome).toBe('defer');
  });

  it('no call within 7 days after a telephone conversation (conversation day = day 1): wait until day 8, 08:00', () => {
    const history = [event('human', zoned(NY, 2026, 6, 1, 10), { kind: 'conversation' })];
    for (const channel of ['voice', 'human'] as const) {
      const d = evaluate(us({ channel, at: zoned(NY, 2026, 6, 5, 12), history }));
      expect(until(d)).toBe(iso(zoned(NY, 2026, 6, 8, 8)));
      expect(d.ruleIds).toContain('us.regf.post_conversation');
    }
    // On day 7 at 20:59 still blocked; texts are not calls.
    expect(evaluate(us({ channel: 'voice', at: zoned(NY, 2026, 6, 7, 20, 59), history })).outcome).toBe('defer');
    expect(evaluate(us({ channel: 'sms', at: zoned(NY, 2026, 6, 5, 12), history })).outcome).toBe('allow');
    // A conversation about another debt does not start the cool-down for this one.
    expect(evaluate(us({ channel: 'voice', at: zoned(NY, 2026, 6, 5, 12), history: [{ ...history[0], debtId: 'debt-2' }] })).outcome).toBe('allow');
    // A conversation later than the call asked about does not block it.
    expect(evaluate(us({ channel: 'voice', at: zoned(NY, 2026, 5, 30, 12), history })).outcome).toBe('allow');
  });

  it('opt-out is per medium and permanent: "stop calling" bans AI and human calls, texts continue', () => {
    const at = zoned(NY, 2026, 6, 10, 12);
    const stopCalls = { optedOut: ['voice' as const] };
    for (const channel of ['voice', 'human'] as const) {
      const d = evaluate(us({ channel, at, debtor: stopCalls }));
      expect(d.outcome).toBe('block');
      expect(d.ruleIds).toEqual(expect.arrayContaining(['core.optout.medium', 'us.regf.optout']));
      expect(d).not.toHaveProperty('until');
    }
    expect(evaluate(us({ channel: 'sms', at, debtor: stopCalls })).outcome).toBe('allow');
    expect(evaluate(us({ channel: 'sms', at, debtor: { optedOut: ['sms'] } })).ruleIds).toEqual(['core.optout.medium', 'us.regf.optout', 'us.fcc.revocation']);
    // Opt back in = absent from optedOut.
    expect(evaluate(us({ channel: 'voice', at, debtor: { optedOut: [] } })).outcome).toBe('allow');
  });

  it('AI voice needs prior express consent (TCPA, FCC 24-17); a human call does not', () => {
    const at = zoned(NY, 2026, 6, 10, 12);
    const d = evaluate(us({ channel: 'voice', at, debtor: { consents: [] } }));
    expect(d).toMatchObject({ outcome: 'block', ruleIds: ['us.tcpa.ai_voice_consent'] });
    expect(evaluate(us({ channel: 'human', at, debtor: { consents: [] } })).outcome).toBe('allow');
  });

  it('ambiguous location (New York + Los Angeles): only the overlap 11:00–21:00 Eastern is allowed', () => {
    const both = (at: Date) => evaluate(us({ at, debtor: { timeZones: [NY, LA] } }));
    const d = both(zoned(NY, 2026, 6, 10, 10, 30));
    expect(until(d)).toBe(iso(zoned(NY, 2026, 6, 10, 11)));
    expect(d.flags).toContain('ambiguous_location');
    expect(d.reasons.join(' ')).toContain(LA);
    expect(both(zoned(NY, 2026, 6, 10, 11)).outcome).toBe('allow');
    expect(both(new Date(zoned(NY, 2026, 6, 10, 21).getTime() - 1)).outcome).toBe('allow');
    expect(until(both(zoned(NY, 2026, 6, 10, 21)))).toBe(iso(zoned(NY, 2026, 6, 11, 11)));
    // Every half hour of a winter day: allowed exactly from 11:00 to 21:00 Eastern.
    for (let h = 0; h < 24; h += 0.5) {
      const at = zoned(NY, 2026, 1, 14, Math.floor(h), (h % 1) * 60);
      expect([h, both(at).outcome === 'allow']).toEqual([h, h >= 11 && h < 21]);
    }
  });

  it('an unknown zone string is replaced by the jurisdiction’s zones (intersection), flagged', () => {
    // US-MA → America/New_York.
    const ma = evaluate(ctx({ at: zoned(NY, 2026, 6, 10, 12), debtor: { jurisdiction: 'US-MA', timeZones: ['Mars/Olympus'] } }));
    expect(ma).toMatchObject({ outcome: 'allow', timeZones: [NY] });
    expect(ma.flags).toContain('unknown_time_zone');
    // Federal US → every US zone: in June 08:00 Honolulu is 14:00 Eastern.
    const us1 = evaluate(ctx({ at: zoned(NY, 2026, 6, 10, 13, 59), debtor: { jurisdiction: 'US', timeZones: ['Not/AZone'] } }));
    expect(until(us1)).toBe(iso(zoned(NY, 2026, 6, 10, 14)));
    expect(us1.flags).toEqual(expect.arrayContaining(['unknown_time_zone', 'ambiguous_location']));
    // A junk zone next to a valid one still narrows to the intersection.
    const mixed = evaluate(ctx({ at: zoned(NY, 2026, 6, 10, 10), debtor: { jurisdiction: 'US-WA', timeZones: [NY, 'garbage'] } }));
    expect(mixed.timeZones).toEqual([NY, LA]);
    expect(until(mixed)).toBe(iso(zoned(NY, 2026, 6, 10, 11)));
    // An empty list is treated the same way.
    expect(evaluate(ctx({ at: zoned(NY, 2026, 6, 10, 12), debtor: { jurisdiction: 'US-MA', timeZones: [] } })).flags).toContain('unknown_time_zone');
  });

  it('dispute and cease requests block with the federal rule ids too', () => {
    const at = zoned(NY, 2026, 6, 10, 12);
    expect(evaluate(us({ at, holds: [hold('dispute')] })).ruleIds).toEqual(['core.hold.dispute', 'us.regf.dispute']);
    expect(evaluate(us({ at, holds: [hold('do_not_contact')] })).ruleIds).toEqual(['core.hold.do_not_contact', 'us.regf.cease']);
  });

  it('an unknown state falls back to federal rules, flagged unknown_subdivision', () => {
    const d = evaluate(ctx({ at: zoned(NY, 2026, 6, 10, 12), debtor: { jurisdiction: 'US-TX', timeZones: ['America/Chicago'] } }));
    expect(d).toMatchObject({ outcome: 'allow', jurisdiction: 'US' });
    expect(d.flags).toEqual(['unknown_subdivision']);
  });
});

describe('US states', () => {
  it('US-MA: at most 2 calls and texts per 7 days per person (any debt); email not counted', () => {
    const history = [event('sms', zoned(NY, 2026, 6, 3, 12)), event('voice', zoned(NY, 2026, 6, 5, 12), { debtId: 'debt-2' })];
    const ma = (channel: ContactContext['channel']) =>
      evaluate(ctx({ channel, at: zoned(NY, 2026, 6, 6, 12), history, debtor: { jurisdiction: 'US-MA', timeZones: [NY] } }));
    const d = ma('sms');
    expect(until(d)).toBe(iso(zoned(NY, 2026, 6, 10, 12)));
    expect(d.ruleIds).toEqual(['us-ma.940cmr.7.04.cap']);
    expect(until(ma('voice'))).toBe(iso(zoned(NY, 2026, 6, 10, 12)));
    expect(until(ma('human'))).toBe(iso(zoned(NY, 2026, 6, 10, 12)));
    expect(ma('email').outcome).toBe('allow');
    expect(ma('email').ruleSet.map((l) => l.jurisdiction)).toEqual(['CORE', 'US', 'US-MA']);
  });

  it('US-WA: 3 communications of any kind per week; before 07:30 the state rule binds too, 07:30–08:00 only Reg F', () => {
    const wa = (over: Parameters<typeof ctx>[0]) => evaluate(ctx({ ...over, debtor: { jurisdiction: 'US-WA', timeZones: [LA] } }));
    const history = [event('email', zoned(LA, 2026, 6, 2, 10)), event('sms', zoned(LA, 2026, 6, 3, 10)), event('voice', zoned(LA, 2026, 6, 4, 10))];
    const d = wa({ channel: 'email', at: zoned(LA, 2026, 6, 5, 10), history });
    expect(until(d)).toBe(iso(zoned(LA, 2026, 6, 9, 10)));
    expect(d.ruleIds).toEqual(['us-wa.rcw19.16.250.cap']);
    const early = wa({ at: zoned(LA, 2026, 6, 5, 7, 15) });
    expect(until(early)).toBe(iso(zoned(LA, 2026, 6, 5, 8)));
    expect(early.ruleIds.sort()).toEqual(['us-wa.rcw19.16.250.hours', 'us.regf.hours']);
    expect(wa({ at: zoned(LA, 2026, 6, 5, 7, 45) }).ruleIds).toEqual(['us.regf.hours']);
  });

  it('US-CA: Rosenthal hours apply (to first-party lenders)', () => {
    const ca = (at: Date) => evaluate(ctx({ at, debtor: { jurisdiction: 'US-CA', timeZones: [LA] } }));
    expect(ca(zoned(LA, 2026, 6, 5, 12)).ruleIds).toContain('us-ca.rosenthal.1788.17.hours');
    const d = ca(zoned(LA, 2026, 6, 5, 22));
    expect(until(d)).toBe(iso(zoned(LA, 2026, 6, 6, 8)));
    expect(d.ruleIds.sort()).toEqual(['us-ca.rosenthal.1788.17.hours', 'us.regf.hours']);
  });

  it('US-NY: email only with written consent', () => {
    const ny = (consents: ('email' | 'ai_voice')[], channel: ContactContext['channel'] = 'email') =>
      evaluate(ctx({ channel, at: zoned(NY, 2026, 6, 5, 12), debtor: { jurisdiction: 'US-NY', timeZones: [NY], consents } }));
    expect(ny([])).toMatchObject({ outcome: 'block', ruleIds: ['us-ny.23nycrr1.6.email_consent'] });
    expect(ny(['email']).outcome).toBe('allow');
    expect(ny([], 'sms').outcome).toBe('allow');
  });
});

describe('GB (FCA CONC)', () => {
  const LONDON = 'Europe/London';
  const gb = (over: Parameters<typeof ctx>[0] = {}) => ctx({ ...over, debtor: { jurisdiction: 'GB', timeZones: [LONDON], ...over.debtor } });

  it('08:00–21:00 as the conservative reading of "reasonable hours"', () => {
    expect(until(evaluate(gb({ at: zoned(LONDON, 2026, 6, 10, 7, 59) })))).toBe(iso(zoned(LONDON, 2026, 6, 10, 8)));
    const d = evaluate(gb({ at: zoned(LONDON, 2026, 6, 10, 20, 59) }));
    expect(d.outcome).toBe('allow');
    expect(d.ruleIds).toContain('gb.conc.7.9.4r.hours');
  });

  it('Breathing Space blocks all contact for 60 days from its start, then lifts', () => {
    const since = new Date('2026-06-01T00:00:00Z');
    for (const channel of ['sms', 'email', 'voice', 'human'] as const) {
      const d = evaluate(gb({ channel, at: zoned(LONDON, 2026, 6, 10, 12), holds: [hold('breathing_space', { since })] }));
      expect(d).toMatchObject({ outcome: 'block', until: new Date('2026-07-31T00:00:00Z') });
      expect(d.ruleIds).toEqual(['core.hold.breathing_space', 'gb.breathing_space']);
      expect(d.disclosures).toEqual([]);
    }
    expect(evaluate(gb({ at: zoned(LONDON, 2026, 8, 3, 12), holds: [hold('breathing_space', { since })] })).outcome).toBe('allow');
    // An explicit end (e.g. a mental-health crisis moratorium) wins over the 60 days.
    const crisis = evaluate(gb({ at: zoned(LONDON, 2026, 9, 1, 12), holds: [hold('breathing_space', { since, until: new Date('2026-10-01T00:00:00Z') })] }));
    expect(crisis).toMatchObject({ outcome: 'block', until: new Date('2026-10-01T00:00:00Z') });
    // With neither start nor end: blocked until resolved (no until).
    expect(evaluate(gb({ at: zoned(LONDON, 2026, 9, 1, 12), holds: [hold('breathing_space')] }))).not.toHaveProperty('until');
  });

  it('disputes suspend recovery', () => {
    const d = evaluate(gb({ at: zoned(LONDON, 2026, 6, 10, 12), holds: [hold('dispute')] }));
    expect(d).toMatchObject({ outcome: 'block', ruleIds: ['core.hold.dispute', 'gb.conc.7.14.1r.dispute'] });
  });

  it('signposts free debt advice on first contact; AI calls say they are AI (policy, GB is outside the AI Act)', () => {
    const first = evaluate(gb({ channel: 'voice', at: zoned(LONDON, 2026, 9, 10, 12) }));
    expect(first.disclosures.map((x) => x.id)).toEqual(['gb.conc.7.3.signposting', 'core.policy.ai_disclosure']);
    const later = evaluate(gb({ channel: 'sms', at: zoned(LONDON, 2026, 9, 10, 12), history: [event('sms', zoned(LONDON, 2026, 9, 1, 12))] }));
    expect(later.disclosures).toEqual([]);
  });
});

describe('IE (Consumer Credit Act 1995 s.46, CPC 2012)', () => {
  const ie = (over: Parameters<typeof ctx>[0] = {}) => ctx({ channel: 'human', ...over, debtor: { jurisdiction: 'IE', timeZones: [DUBLIN], ...over.debtor } });

  it('Sunday → Monday 09:00', () => {
    const d = evaluate(ie({ at: zoned(DUBLIN, 2026, 3, 15, 12) }));
    expect(local(d.outcome === 'defer' ? d.until : 0, DUBLIN).weekday).toBe(0);
    expect(until(d)).toBe(iso(zoned(DUBLIN, 2026, 3, 16, 9)));
    expect(d.ruleIds).toEqual(['ie.cca1995.s46.hours']);
  });

  it("St Patrick's Day (Tue 17 Mar 2026) → Wednesday 09:00", () => {
    expect(until(evaluate(ie({ at: zoned(DUBLIN, 2026, 3, 17, 10) })))).toBe(iso(zoned(DUBLIN, 2026, 3, 18, 9)));
    expect(until(evaluate(ie({ at: zoned(DUBLIN, 2026, 3, 16, 21) })))).toBe(iso(zoned(DUBLIN, 2026, 3, 18, 9)));
  });

  it('Easter Monday (6 Apr 2026) → Tuesday 09:00 IST; Good Friday and Easter Saturday are lawful', () => {
    expect(until(evaluate(ie({ at: zoned(DUBLIN, 2026, 4, 6, 10) })))).toBe('2026-04-07T08:00:00.000Z');
    expect(until(evaluate(ie({ at: zoned(DUBLIN, 2026, 4, 4, 21, 30) })))).toBe('2026-04-07T08:00:00.000Z');
    expect(evaluate(ie({ at: zoned(DUBLIN, 2026, 4, 3, 10) })).outcome).toBe('allow');
    expect(evaluate(ie({ at: zoned(DUBLIN, 2026, 4, 4, 10) })).outcome).toBe('allow');
  });

  it('09:00–21:00 on weekdays and Saturdays', () => {
    expect(until(evaluate(ie({ at: zoned(DUBLIN, 2026, 6, 10, 8, 59) })))).toBe(iso(zoned(DUBLIN, 2026, 6, 10, 9)));
    expect(evaluate(ie({ at: zoned(DUBLIN, 2026, 6, 13, 20, 59) })).outcome).toBe('allow');
  });

  it('Christmas 2026: Thu 24 Dec 21:00 → Tue 29 Dec 09:00 (25, 26, Sunday 27 and the substitute 28 skipped)', () => {
    expect(until(evaluate(ie({ at: zoned(DUBLIN, 2026, 12, 24, 21) })))).toBe(iso(zoned(DUBLIN, 2026, 12, 29, 9)));
  });

  it('texts and emails keep the same hours (policy rule)', () => {
    const d = evaluate(ie({ channel: 'sms', at: zoned(DUBLIN, 2026, 3, 17, 10) }));
    expect(until(d)).toBe(iso(zoned(DUBLIN, 2026, 3, 18, 9)));
    expect(d.ruleIds).toEqual(['ie.policy.written_hours']);
  });

  it('at most 3 unsolicited communications per calendar month: the 4th waits for the 1st of next month, 09:00', () => {
    const history = [
      event('sms', zoned(DUBLIN, 2026, 2, 27, 10)),
      event('sms', zoned(DUBLIN, 2026, 3, 2, 10)),
      event('email', zoned(DUBLIN, 2026, 3, 3, 10), { debtId: 'debt-2' }),
      event('human', zoned(DUBLIN, 2026, 3, 4, 10)),
    ];
    const d = evaluate(ie({ channel: 'email', at: zoned(DUBLIN, 2026, 3, 20, 10), history }));
    expect(until(d)).toBe(iso(zoned(DUBLIN, 2026, 4, 1, 9)));
    // The cap moves the search to 1 April 00:00, the hours rule then to 09:00: both are named.
    expect(d.ruleIds).toEqual(['ie.cpc2012.ch8.unsolicited_cap', 'ie.policy.written_hours']);
    expect(d.reasons.join(' ')).toContain('calendar month');
    // February's contact does not count towards March.
    expect(evaluate(ie({ channel: 'email', at: zoned(DUBLIN, 2026, 3, 20, 10), history: history.slice(0, 3) })).outcome).toBe('allow');
  });

  it('EU layer: GDPR objection notice on first contact; AI Act disclosure on AI calls from 2 Aug 2026, policy text before', () => {
    const july = evaluate(ie({ channel: 'voice', at: zoned(DUBLIN, 2026, 7, 1, 12) }));
    expect(july.disclosures.map((x) => x.id)).toEqual(['eu.gdpr.art21.notice', 'core.policy.ai_disclosure']);
    const sept = evaluate(ie({ channel: 'voice', at: zoned(DUBLIN, 2026, 9, 1, 12) }));
    expect(sept.disclosures.map((x) => x.id)).toEqual(['eu.aiact.art50.ai_disclosure', 'eu.gdpr.art21.notice']);
    expect(sept.ruleIds).toContain('eu.aiact.art50.ai_disclosure');
  });

  it('a GDPR Art. 21 objection blocks every channel until a person reviews it', () => {
    const d = evaluate(ie({ at: zoned(DUBLIN, 2026, 6, 10, 12), debtor: { gdprObjection: true } }));
    expect(d).toMatchObject({ outcome: 'block', ruleIds: ['eu.gdpr.art21.objection'] });
    expect(d.flags).toContain('gdpr_objection_review');
  });
});

describe('DE, NL, SE, ES', () => {
  it('DE: 08:00–21:00 across the 2026-03-29 spring-forward (Sat 21:00 CET → Sun 08:00 CEST)', () => {
    const de = (at: Date) => evaluate(ctx({ at, debtor: { jurisdiction: 'DE', timeZones: [BERLIN] } }));
    expect(until(de(new Date('2026-03-28T20:00:00Z')))).toBe('2026-03-29T06:00:00.000Z');
    expect(until(de(new Date('2026-03-29T01:00:00Z')))).toBe('2026-03-29T06:00:00.000Z');
    expect(de(new Date('2026-03-29T06:00:00Z')).outcome).toBe('allow');
    expect(until(de(new Date('2026-03-29T19:00:00Z')))).toBe('2026-03-30T06:00:00.000Z');
    expect(de(new Date('2026-03-29T06:00:00Z')).ruleIds).toContain('de.policy.hours');
  });

  it('DE: the first email carries the § 13a RDG information', () => {
    const d = evaluate(ctx({ channel: 'email', at: zoned(BERLIN, 2026, 6, 10, 12), debtor: { jurisdiction: 'DE', timeZones: [BERLIN] } }));
    expect(d.disclosures.map((x) => x.id)).toEqual(['de.rdg.13a.first_demand', 'eu.gdpr.art21.notice']);
  });

  it.each([
    ['NL', 'Europe/Amsterdam', 'nl.policy.hours'],
    ['SE', 'Europe/Stockholm', 'se.policy.hours'],
    ['ES', 'Europe/Madrid', 'es.policy.hours'],
  ])('%s: 08:00–21:00 (%s)', (jurisdiction, zone, id) => {
    const d = evaluate(ctx({ at: zoned(zone, 2026, 6, 10, 21), debtor: { jurisdiction, timeZones: [zone] } }));
    expect(until(d)).toBe(iso(zoned(zone, 2026, 6, 11, 8)));
    expect(d.ruleIds).toEqual([id]);
  });
});

describe('FR (telemarketing rule as proxy for calls)', () => {
  const fr = (over: Parameters<typeof ctx>[0] = {}) => ctx({ channel: 'human', ...over, debtor: { jurisdiction: 'FR', timeZones: [PARIS], ...over.debtor } });

  it('calls Mon–Fri 10–13 and 14–20 only', () => {
    const lunch = evaluate(fr({ at: zoned(PARIS, 2026, 6, 8, 13, 30) }));
    expect(until(lunch)).toBe(iso(zoned(PARIS, 2026, 6, 8, 14)));
    expect(lunch.ruleIds).toEqual(['fr.conso.d223-9.hours']);
    expect(until(evaluate(fr({ at: zoned(PARIS, 2026, 6, 12, 20) })))).toBe(iso(zoned(PARIS, 2026, 6, 15, 10)));
    expect(until(evaluate(fr({ at: zoned(PARIS, 2026, 6, 13, 11) })))).toBe(iso(zoned(PARIS, 2026, 6, 15, 10)));
    expect(evaluate(fr({ at: zoned(PARIS, 2026, 6, 8, 12, 59) })).outcome).toBe('allow');
  });

  it('no calls on jours fériés (Ascension, Thu 14 May 2026)', () => {
    expect(until(evaluate(fr({ at: zoned(PARIS, 2026, 5, 14, 11) })))).toBe(iso(zoned(PARIS, 2026, 5, 15, 10)));
  });

  it('texts Mon–Sat 08–21, not Sundays', () => {
    expect(evaluate(fr({ channel: 'sms', at: zoned(PARIS, 2026, 6, 13, 10) })).outcome).toBe('allow');
    expect(until(evaluate(fr({ channel: 'sms', at: zoned(PARIS, 2026, 6, 14, 10) })))).toBe(iso(zoned(PARIS, 2026, 6, 15, 8)));
  });

  it('at most 4 calls per 30 days', () => {
    const history = [1, 2, 3, 4].map((day) => event('human', zoned(PARIS, 2026, 6, day, 11)));
    const d = evaluate(fr({ at: zoned(PARIS, 2026, 6, 5, 11), history }));
    expect(until(d)).toBe(iso(zoned(PARIS, 2026, 7, 1, 11)));
    expect(d.ruleIds).toEqual(['fr.conso.d223-9.cap']);
  });
});

describe('IT (Garante 2005)', () => {
  const ROME = 'Europe/Rome';
  const it_ = (over: Parameters<typeof ctx>[0] = {}) => ctx({ ...over, debtor: { jurisdiction: 'IT', timeZones: [ROME], ...over.debtor } });

  it('AI voice collection calls are blocked with a reason; a human agent may call', () => {
    const d = evaluate(it_({ channel: 'voice', at: zoned(ROME, 2026, 6, 10, 12) }));
    expect(d).toMatchObject({ outcome: 'block', ruleIds: ['it.garante.2005.ai_voice_ban'] });
    expect(d.reasons[0]).toContain('human agent');
    expect(evaluate(it_({ channel: 'human', at: zoned(ROME, 2026, 6, 10, 12) })).outcome).toBe('allow');
  });

  it('no second call on the same day', () => {
    const d = evaluate(it_({ channel: 'human', at: zoned(ROME, 2026, 6, 10, 15), history: [event('human', zoned(ROME, 2026, 6, 10, 10))] }));
    expect(until(d)).toBe(iso(zoned(ROME, 2026, 6, 11, 8)));
    expect(d.ruleIds).toEqual(['it.garante.2005.same_day_calls', 'it.policy.hours']);
  });
});

describe('unknown jurisdiction (conservative DEFAULT)', () => {
  const KOLKATA = 'Asia/Kolkata';
  const xx = (over: Parameters<typeof ctx>[0] = {}) => ctx({ ...over, debtor: { jurisdiction: 'XX', timeZones: [KOLKATA], ...over.debtor } });

  it('Mon–Sat 09:00–20:00, flagged unknown_jurisdiction', () => {
    const d = evaluate(xx({ at: zoned(KOLKATA, 2026, 6, 14, 12) }));
    expect(until(d)).toBe(iso(zoned(KOLKATA, 2026, 6, 15, 9)));
    expect(d).toMatchObject({ jurisdiction: 'DEFAULT', ruleIds: ['default.hours'] });
    expect(d.flags).toContain('unknown_jurisdiction');
    expect(until(evaluate(xx({ at: zoned(KOLKATA, 2026, 6, 15, 20) })))).toBe(iso(zoned(KOLKATA, 2026, 6, 16, 9)));
    expect(evaluate(xx({ at: zoned(KOLKATA, 2026, 6, 15, 19, 59) })).outcome).toBe('allow');
  });

  it('no AI voice; low caps (2 calls/texts a week, 1 call a day, 3 a month)', () => {
    expect(evaluate(xx({ channel: 'voice', at: zoned(KOLKATA, 2026, 6, 15, 12) })).ruleIds).toEqual(['default.ai_voice.ban']);
    const twoTexts = [event('sms', zoned(KOLKATA, 2026, 6, 8, 12)), event('sms', zoned(KOLKATA, 2026, 6, 10, 12))];
    const d = evaluate(xx({ at: zoned(KOLKATA, 2026, 6, 11, 12), history: twoTexts }));
    expect(until(d)).toBe(iso(zoned(KOLKATA, 2026, 6, 15, 12)));
    expect(d.ruleIds).toEqual(['default.cap.calls_texts_7d']);
    const call = evaluate(xx({ channel: 'human', at: zoned(KOLKATA, 2026, 6, 15, 15), history: [event('human', zoned(KOLKATA, 2026, 6, 15, 10))] }));
    expect(until(call)).toBe(iso(zoned(KOLKATA, 2026, 6, 16, 9)));
  });

  it('an unknown zone in an unknown jurisdiction blocks', () => {
    const d = evaluate(xx({ at: zoned(KOLKATA, 2026, 6, 15, 12), debtor: { timeZones: ['Mars/Olympus'] } }));
    expect(d).toMatchObject({ outcome: 'block', ruleIds: [ENGINE_RULES.unknownZone] });
    expect(d.flags).toEqual(expect.arrayContaining(['unknown_jurisdiction', 'unknown_time_zone']));
  });
});

describe('holds', () => {
  const at = zoned(NY, 2026, 6, 10, 12);

  it.each(['dispute', 'hardship', 'bereavement', 'vulnerability', 'do_not_contact'] as const)('%s blocks every channel until resolved', (kind) => {
    for (const channel of ['sms', 'email', 'voice', 'human'] as const) {
      const d = evaluate(ctx({ channel, at, holds: [hold(kind)] }));
      expect(d.outcome).toBe('block');
      expect(d.ruleIds).toContain(`core.hold.${kind}`);
      expect(d).not.toHaveProperty('until');
    }
  });

  it('a hold with an end blocks until then (block.until), and is ignored once ended', () => {
    const end = new Date('2026-06-20T00:00:00Z');
    expect(evaluate(ctx({ at, holds: [hold('hardship', { until: end })] }))).toMatchObject({ outcome: 'block', until: end });
    expect(evaluate(ctx({ at: new Date('2026-06-22T16:00:00Z'), holds: [hold('hardship', { until: end })] })).outcome).toBe('allow');
  });

  it('cooling-off defers until it ends (and then to the next lawful hour)', () => {
    const d = evaluate(ctx({ at, holds: [hold('cooling_off', { until: new Date('2026-06-10T23:00:00Z') })] }));
    expect(until(d)).toBe('2026-06-10T23:00:00.000Z');
    expect(d.ruleIds).toEqual(['core.hold.cooling_off']);
    const night = evaluate(ctx({ at, holds: [hold('cooling_off', { until: new Date('2026-06-11T03:00:00Z') })] }));
    expect(until(night)).toBe(iso(zoned(NY, 2026, 6, 11, 8)));
    expect(night.ruleIds.sort()).toEqual(['core.hold.cooling_off', 'us.regf.hours']);
    // Without an end it cannot be scheduled: block.
    expect(evaluate(ctx({ at, holds: [hold('cooling_off')] })).outcome).toBe('block');
  });

  it('every blocking reason is reported; no block.until when any of them is open-ended', () => {
    const d = evaluate(ctx({ at, channel: 'voice', holds: [hold('dispute'), hold('breathing_space', { until: new Date('2026-07-01T00:00:00Z') })], debtor: { optedOut: ['human'] } }));
    expect(d.outcome).toBe('block');
    expect(d.ruleIds).toEqual(expect.arrayContaining(['core.optout.medium', 'core.hold.dispute', 'core.hold.breathing_space']));
    expect(d.reasons).toHaveLength(3);
    expect(d).not.toHaveProperty('until');
  });

  it('an unrecognised hold is treated as do-not-contact, flagged', () => {
    const d = evaluate(ctx({ at, holds: [{ kind: 'gone_fishing' } as never] }));
    expect(d).toMatchObject({ outcome: 'block', ruleIds: [ENGINE_RULES.unknownHold] });
    expect(d.flags).toContain('unknown_hold_kind');
  });
});

describe('tenant caps', () => {
  const at = zoned(NY, 2026, 6, 10, 12);

  it('apply on top of the law: 1 text per rolling 24 h', () => {
    const tenantCaps = [{ id: 'sms-daily', channels: ['sms' as const], max: 1, window: { kind: 'rolling' as const, hours: 24 }, scope: 'person' as const }];
    const d = evaluate(ctx({ at, tenantCaps, history: [event('sms', zoned(NY, 2026, 6, 9, 15), { debtId: 'debt-9' })] }));
    expect(until(d)).toBe(iso(zoned(NY, 2026, 6, 10, 15)));
    expect(d.ruleIds).toEqual(['tenant.sms-daily']);
    expect(evaluate(ctx({ at, tenantCaps })).ruleIds).toContain('tenant.sms-daily');
  });

  it('per-debt calendar-day cap', () => {
    const tenantCaps = [{ id: 'email-day', channels: ['email' as const], max: 1, window: { kind: 'calendar' as const, unit: 'day' as const }, scope: 'debt' as const }];
    const history = [event('email', zoned(NY, 2026, 6, 10, 9))];
    expect(until(evaluate(ctx({ channel: 'email', at, tenantCaps, history })))).toBe(iso(zoned(NY, 2026, 6, 11, 8)));
    expect(evaluate(ctx({ channel: 'email', at, tenantCaps, history, debtId: 'debt-2' })).outcome).toBe('allow');
  });

  it('a malformed tenant cap blocks (flagged) rather than being silently ignored', () => {
    const tenantCaps = [{ id: 'zero', channels: ['sms' as const], max: 0, window: { kind: 'rolling' as const, days: 1 }, scope: 'person' as const }];
    const d = evaluate(ctx({ at, tenantCaps }));
    expect(d).toMatchObject({ outcome: 'block', ruleIds: [ENGINE_RULES.invalidTenantCap] });
    expect(d.flags).toContain('invalid_tenant_cap');
  });
});

describe('search horizon, effective dates, robustness', () => {
  it('blocks when no lawful moment exists within the horizon', () => {
    const history = [2, 3, 4].map((day) => event('sms', zoned(DUBLIN, 2026, 3, day, 10)));
    const c = ctx({ at: zoned(DUBLIN, 2026, 3, 5, 10), history, debtor: { jurisdiction: 'IE', timeZones: [DUBLIN] } });
    expect(until(evaluate(c))).toBe(iso(zoned(DUBLIN, 2026, 4, 1, 9)));
    const d = evaluate(c, undefined, { horizonDays: 5 });
    expect(d.outcome).toBe('block');
    expect(d.ruleIds).toEqual([ENGINE_RULES.horizon, 'ie.cpc2012.ch8.unsolicited_cap']);
    expect(d.flags).toContain('no_lawful_moment_within_horizon');
  });

  it('a rule applies only from its effectiveFrom date', () => {
    const file: RuleFile = {
      jurisdiction: 'ZZ',
      name: 'Test',
      version: '2026-01-01',
      timeZones: ['UTC'],
      rules: [
        { id: 'zz.hours', type: 'hours', title: 'day', strength: 'law', source: { citation: 'c', url: 'https://e.org' }, channels: ['sms', 'email', 'voice', 'human'], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], intervals: [['06:00', '22:00']] },
        { id: 'zz.late', type: 'hours', title: 'noon only from July', strength: 'law', source: { citation: 'c', url: 'https://e.org' }, channels: ['sms'], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], intervals: [['12:00', '13:00']], effectiveFrom: '2026-07-01' },
      ],
    };
    const book = compileRuleBook([RULE_FILE_DATA[0], file]);
    const zz = (at: string) => evaluate(ctx({ at: new Date(at), debtor: { jurisdiction: 'ZZ', timeZones: ['UTC'] } }), book);
    expect(zz('2026-06-30T09:00:00Z').outcome).toBe('allow');
    expect(until(zz('2026-07-01T09:00:00Z'))).toBe('2026-07-01T12:00:00.000Z');
    // Deferred across the start date: the rule is applied at the moment it would be sent.
    expect(until(zz('2026-06-30T23:00:00Z'))).toBe('2026-07-01T12:00:00.000Z');
  });

  it('invalid input is blocked with an engine rule id, never thrown', () => {
    expect(evaluate(ctx({ at: new Date(Number.NaN) }))).toMatchObject({ outcome: 'block', ruleIds: [ENGINE_RULES.invalidTime], flags: ['invalid_time'] });
    expect(evaluate(ctx({ channel: 'fax' as never }))).toMatchObject({ outcome: 'block', ruleIds: [ENGINE_RULES.invalidChannel] });
    expect(evaluate(null as never)).toMatchObject({ outcome: 'block' });
    const junkHistory = evaluate(ctx({ at: zoned(NY, 2026, 6, 10, 12), history: [null, { channel: 'sms', at: 'yesterday' }, event('sms', zoned(NY, 2026, 6, 9, 12))] as never }));
    expect(junkHistory.outcome).toBe('allow');
    expect(junkHistory.flags).toContain('invalid_history_entry');
    // The valid entry still counted: this is not the first contact.
    expect(junkHistory.disclosures.map((x) => x.id)).toContain('us.regf.mini_miranda.subsequent');
  });

  it('a broken rule book yields a flagged block, not an exception', () => {
    const broken = { resolve: () => { throw new Error('boom'); } } as never;
    expect(evaluate(ctx(), broken)).toMatchObject({ outcome: 'block', ruleIds: [ENGINE_RULES.error], flags: ['engine_error'] });
  });

  it('is pure: same input, same output; input untouched', () => {
    const c = ctx({ channel: 'voice', at: zoned(NY, 2026, 6, 7, 15), history: [1, 2, 3, 4, 5, 6, 7].map((d) => event('voice', zoned(NY, 2026, 6, d, 10))) });
    const snapshot = JSON.stringify(c);
    expect(evaluate(c)).toEqual(evaluate(c));
    expect(JSON.stringify(c)).toBe(snapshot);
  });

  it('nextLawfulMoment: at itself, the deferral, or null', () => {
    const at = zoned(NY, 2026, 6, 10, 12);
    expect(nextLawfulMoment(ctx({ at }))?.toISOString()).toBe(iso(at));
    expect(nextLawfulMoment(ctx({ at: zoned(NY, 2026, 6, 10, 22) }))?.toISOString()).toBe(iso(zoned(NY, 2026, 6, 11, 8)));
    expect(nextLawfulMoment(ctx({ at, holds: [hold('dispute')] }))).toBeNull();
  });

  it('reasons name the zone, local window and the next lawful moment', () => {
    const d = evaluate(ctx({ at: zoned(NY, 2026, 6, 10, 22) }));
    expect(d.reasons[0]).toContain(iso(zoned(NY, 2026, 6, 11, 8)));
    expect(d.reasons[1]).toBe('us.regf.hours: outside 08:00–21:00 every day (America/New_York)');
    expect(localText(zoned(NY, 2026, 6, 11, 8), NY)).toBe('Thu 2026-06-11 08:00:00');
    expect(DAY / HOUR).toBe(24);
  });
});

describe('decision record details', () => {
  it('flags are not repeated and hold names read naturally', () => {
    const d = evaluate(ctx({ holds: [{ kind: 'x' } as never, { kind: 'y' } as never, hold('do_not_contact')] }));
    expect(d.flags).toEqual(['unknown_hold_kind']);
    expect(d.reasons).toContain('do not contact hold until resolved');
  });
});
