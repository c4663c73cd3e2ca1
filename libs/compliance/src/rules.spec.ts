import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS, DEFAULT_RULES, RULE_FILE_DATA, Rule, RuleFileError, compileRuleBook, parseRuleFile } from './index';

const RULES_DIR = join(__dirname, '..', 'rules');
const files = RULE_FILE_DATA.map((f, i) => parseRuleFile(f, `#${i}`));
const allRules: Rule[] = files.flatMap((f) => f.rules);
const byId = new Map(allRules.map((r) => [r.id, r]));

describe('shipped rule files', () => {
  it('every JSON file in rules/ is loaded, once', () => {
    const onDisk = readdirSync(RULES_DIR)
      .filter((n) => n.endsWith('.json'))
      .map((n) => (JSON.parse(readFileSync(join(RULES_DIR, n), 'utf8')) as { jurisdiction: string }).jurisdiction)
      .sort();
    expect(files.map((f) => f.jurisdiction).sort()).toEqual(onDisk);
  });

  it('each file has a version and every rule an id, a source citation and URL, and channels', () => {
    for (const f of files) {
      expect(f.version).toMatch(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/);
      for (const r of f.rules) {
        expect(r.id.startsWith(`${f.jurisdiction.toLowerCase()}.`)).toBe(true);
        expect(r.source.citation.length).toBeGreaterThan(5);
        expect(r.source.url).toMatch(/^(https:\/\/\S+|research\/compliance-rules\.md#\S+)$/);
        expect(Array.isArray(r.channels)).toBe(true);
        if (!['fee_cap', 'requirement'].includes(r.type)) expect(r.channels.length).toBeGreaterThan(0);
      }
    }
  });

  it('rule ids are unique across all files', () => {
    expect(byId.size).toBe(allRules.length);
  });

  it.each([
    'us.regf.hours',
    'us.regf.7in7',
    'us.regf.post_conversation',
    'us.regf.optout',
    'us.regf.mini_miranda.initial',
    'us.regf.mini_miranda.subsequent',
    'us-ma.940cmr.7.04.cap',
    'us-wa.rcw19.16.250.cap',
    'us-wa.rcw19.16.250.hours',
    'us-ca.rosenthal.1788.17.hours',
    'us-ny.23nycrr1.6.email_consent',
    'gb.conc.7.9.4r.hours',
    'gb.breathing_space',
    'gb.conc.7.14.1r.dispute',
    'ie.cca1995.s46.hours',
    'ie.cpc2012.ch8.unsolicited_cap',
    'de.policy.hours',
    'de.rdg.13e.rvg_fee_cap',
    'nl.bik.fee_scale',
    'nl.bw6-96.fourteen_day_letter',
    'se.lag1981-739.fee_caps',
    'fr.conso.d223-9.hours',
    'fr.conso.d223-9.cap',
    'es.policy.hours',
    'it.garante.2005.ai_voice_ban',
    'eu.aiact.art50.ai_disclosure',
    'eu.gdpr.art21.objection',
    'default.hours',
  ])('%s is defined', (id) => {
    expect(byId.has(id)).toBe(true);
  });

  it('encodes the researched parameters', () => {
    expect(byId.get('us.regf.hours')).toMatchObject({ type: 'hours', intervals: [['08:00', '21:00']], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] });
    expect(byId.get('us.regf.7in7')).toMatchObject({ type: 'frequency_cap', max: 7, window: { kind: 'rolling', days: 7 }, scope: 'debt', channels: ['voice', 'human'] });
    expect(byId.get('us.regf.post_conversation')).toMatchObject({ type: 'cooldown', days: 7, includeTriggerDay: true, scope: 'debt' });
    expect(byId.get('us-ma.940cmr.7.04.cap')).toMatchObject({ max: 2, window: { kind: 'rolling', days: 7 }, channels: ['sms', 'voice', 'human'] });
    expect(byId.get('us-wa.rcw19.16.250.cap')).toMatchObject({ max: 3, window: { kind: 'rolling', days: 7 }, channels: ['sms', 'email', 'voice', 'human'] });
    expect(byId.get('us-wa.rcw19.16.250.hours')).toMatchObject({ intervals: [['07:30', '21:00']] });
    expect(byId.get('ie.cca1995.s46.hours')).toMatchObject({ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], intervals: [['09:00', '21:00']], excludeHolidays: 'IE' });
    expect(byId.get('ie.cpc2012.ch8.unsolicited_cap')).toMatchObject({ max: 3, window: { kind: 'calendar', unit: 'month' } });
    expect(byId.get('fr.conso.d223-9.hours')).toMatchObject({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], intervals: [['10:00', '13:00'], ['14:00', '20:00']], channels: ['voice', 'human'] });
    expect(byId.get('fr.conso.d223-9.cap')).toMatchObject({ max: 4, window: { kind: 'rolling', days: 30 } });
    expect(byId.get('gb.breathing_space')).toMatchObject({ type: 'hold', holds: ['breathing_space'], effect: 'block', defaultDays: 60 });
    expect(byId.get('gb.conc.7.9.4r.hours')).toMatchObject({ intervals: [['08:00', '21:00']], strength: 'policy' });
    expect(byId.get('default.hours')).toMatchObject({ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], intervals: [['09:00', '20:00']] });
    expect(byId.get('it.garante.2005.ai_voice_ban')).toMatchObject({ type: 'channel_ban', channels: ['voice'] });
    expect(byId.get('eu.aiact.art50.ai_disclosure')).toMatchObject({ type: 'disclosure', channels: ['voice'], effectiveFrom: '2026-08-02' });
    expect(byId.get('se.lag1981-739.fee_caps')).toMatchObject({ formula: { kind: 'fixed', amounts: { reminder: 6000, collection_demand: 18000, repayment_plan: 17000 } } });
  });
});

describe('jurisdiction resolution', () => {
  const JURISDICTIONS = ['US', 'US-MA', 'US-WA', 'US-CA', 'US-NY', 'GB', 'IE', 'DE', 'NL', 'SE', 'FR', 'ES', 'IT', 'DEFAULT-FALLBACK'];

  it.each(JURISDICTIONS)('%s has at least one contact-hours rule for every channel', (j) => {
    const set = DEFAULT_RULES.resolve(j === 'DEFAULT-FALLBACK' ? 'ZZ' : j);
    for (const c of CHANNELS) expect(set.byChannel[c].hours.length).toBeGreaterThan(0);
  });

  it('layers apply general to specific, with versions', () => {
    expect(DEFAULT_RULES.resolve('US-MA').ruleSet.map((l) => l.jurisdiction)).toEqual(['CORE', 'US', 'US-MA']);
    expect(DEFAULT_RULES.resolve('IE').ruleSet.map((l) => l.jurisdiction)).toEqual(['CORE', 'EU', 'IE']);
    expect(DEFAULT_RULES.resolve('GB').ruleSet.map((l) => l.jurisdiction)).toEqual(['CORE', 'GB']);
    expect(DEFAULT_RULES.resolve('XX').ruleSet.map((l) => l.jurisdiction)).toEqual(['CORE', 'DEFAULT']);
    for (const layer of DEFAULT_RULES.resolve('US-MA').ruleSet) expect(layer.version).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('normalises case, underscores and UK; subdivisions fall back to the country', () => {
    expect(DEFAULT_RULES.resolve('us-ma').jurisdiction).toBe('US-MA');
    expect(DEFAULT_RULES.resolve(' us_wa ').jurisdiction).toBe('US-WA');
    expect(DEFAULT_RULES.resolve('UK').jurisdiction).toBe('GB');
    expect(DEFAULT_RULES.resolve('US-TX')).toMatchObject({ jurisdiction: 'US', flags: ['unknown_subdivision'] });
    expect(DEFAULT_RULES.resolve('DE-BY')).toMatchObject({ jurisdiction: 'DE', flags: [] });
    expect(DEFAULT_RULES.resolve('GB-SCT')).toMatchObject({ jurisdiction: 'GB', flags: [] });
  });

  it('anything else is the conservative DEFAULT, flagged', () => {
    for (const j of ['XX', '', 'CORE', 'EU', 'DEFAULT', 'Narnia', '🙂', 'US-', 'U']) {
      expect(DEFAULT_RULES.resolve(j)).toMatchObject({ jurisdiction: 'DEFAULT', known: false, flags: ['unknown_jurisdiction'] });
    }
    expect(DEFAULT_RULES.resolve(undefined).jurisdiction).toBe('DEFAULT');
    expect(DEFAULT_RULES.resolve(42).jurisdiction).toBe('DEFAULT');
  });

  it('resolution is memoised: the same compiled object comes back', () => {
    expect(DEFAULT_RULES.resolve('IE')).toBe(DEFAULT_RULES.resolve('IE'));
  });
});

describe('rule file validation', () => {
  const good = () => ({
    jurisdiction: 'XY',
    name: 'Test',
    version: '2026-01-01',
    rules: [
      {
        id: 'xy.hours',
        type: 'hours',
        title: 'hours',
        strength: 'law',
        source: { citation: 'Test Act s.1', url: 'https://example.org/act' },
        channels: ['sms'],
        days: ['mon'],
        intervals: [['09:00', '17:00']],
      },
    ],
  });
  type Mutable = ReturnType<typeof good> & Record<string, unknown>;
  const withRule = (patch: Record<string, unknown>): Mutable => {
    const f = good() as Mutable;
    f.rules = [{ ...f.rules[0], ...patch } as (typeof f.rules)[0]];
    return f;
  };

  it('accepts a well-formed file', () => {
    expect(parseRuleFile(good()).rules[0].id).toBe('xy.hours');
  });

  it.each<[string, () => unknown, RegExp]>([
    ['not an object', () => [], /must be an object/],
    ['an unknown top-level field', () => ({ ...good(), extra: 1 }), /extra: unknown field/],
    ['a bad jurisdiction code', () => ({ ...good(), jurisdiction: 'xy' }), /ISO 3166/],
    ['a bad version', () => ({ ...good(), version: 'v1' }), /version/],
    ['no rules', () => ({ ...good(), rules: [] }), /must not be empty/],
    ['a rule id with the wrong prefix', () => withRule({ id: 'zz.hours' }), /must start with "xy\."/],
    ['a rule id that is not dotted lower-case', () => withRule({ id: 'XY Hours' }), /dotted lower-case/],
    ['an unknown rule type', () => withRule({ type: 'vibes' }), /type: must be one of/],
    ['an unknown channel', () => withRule({ channels: ['fax'] }), /channels\[0\]/],
    ['duplicate channels', () => withRule({ channels: ['sms', 'sms'] }), /duplicates/],
    ['a missing source URL', () => withRule({ source: { citation: 'x' } }), /source\.url/],
    ['a plain-http source URL', () => withRule({ source: { citation: 'x', url: 'http://example.org' } }), /https URL/],
    ['an impossible clock time', () => withRule({ intervals: [['25:00', '26:00']] }), /HH:MM/],
    ['an empty interval', () => withRule({ intervals: [['17:00', '09:00']] }), /start must be before end/],
    ['an unknown day', () => withRule({ days: ['someday'] }), /days\[0\]/],
    ['an unknown holiday calendar', () => withRule({ excludeHolidays: 'XX' }), /excludeHolidays/],
    ['an unknown field on a rule', () => withRule({ maxPerDay: 3 }), /maxPerDay: unknown field/],
    ['a bad effective date', () => withRule({ effectiveFrom: '2026-13-45' }), /effectiveFrom/],
    ['a non-existent effective date', () => withRule({ effectiveUntil: '2026-02-31' }), /effectiveUntil/],
    [
      'a cap with max 0',
      () => withRule({ type: 'frequency_cap', max: 0, window: { kind: 'rolling', days: 7 }, scope: 'person', days: undefined, intervals: undefined }),
      /max: must be an integer ≥ 1/,
    ],
    [
      'a zero-length rolling window',
      () => withRule({ type: 'frequency_cap', max: 1, window: { kind: 'rolling' }, scope: 'person', days: undefined, intervals: undefined }),
      /needs days or hours/,
    ],
    ['a duplicate id', () => ({ ...good(), rules: [good().rules[0], good().rules[0]] }), /duplicate id/],
  ])('rejects %s', (_label, make, message) => {
    const raw = JSON.parse(JSON.stringify(make())) as unknown;
    expect(() => parseRuleFile(raw)).toThrow(RuleFileError);
    expect(() => parseRuleFile(raw)).toThrow(message);
  });

  it('the rule book rejects broken sets of files', () => {
    const core = RULE_FILE_DATA[0];
    const file = (over: Record<string, unknown>) => ({ ...good(), ...over });
    expect(() => compileRuleBook([core, core])).toThrow(/two rule files for CORE/);
    expect(() => compileRuleBook([file({ parents: ['QQ'] })])).toThrow(/parent QQ has no rule file/);
    expect(() => compileRuleBook([file({ timeZones: ['Mars/Olympus'] })])).toThrow(/not an IANA zone/);
    expect(() =>
      compileRuleBook([file({}), file({ jurisdiction: 'XZ', rules: [{ ...good().rules[0], id: 'xz.a' }], parents: ['XY'] }), file({ jurisdiction: 'XW', rules: [{ ...good().rules[0], id: 'xw.hours' }] })]),
    ).not.toThrow();
    expect(() =>
      compileRuleBook([file({ parents: ['XZ'] }), file({ jurisdiction: 'XZ', rules: [{ ...good().rules[0], id: 'xz.a' }], parents: ['XY'] })]),
    ).toThrow(/parent cycle/);
    expect(() =>
      compileRuleBook([
        file({
          rules: [{ id: 'xy.fee', type: 'fee_cap', title: 'f', strength: 'law', source: { citation: 'c', url: 'https://e.org' }, channels: [], currency: 'EUR', formula: { kind: 'none_chargeable' }, conditions: ['xy.nope'] }],
        }),
      ]),
    ).toThrow(/condition xy.nope is not a requirement rule/);
  });
});
