import { HOLIDAY_CALENDARS, HolidayCalendarId } from './holidays';
import { CHANNELS, CONSENT_KINDS, CapWindow, Channel, ConsentKind, HOLD_KINDS, HoldKind } from './types';

/*
 * The shape of a rule file under libs/compliance/rules/ and a strict validator for it. Files are
 * validated once, when the rule book is compiled; a malformed file fails loudly at start-up rather
 * than quietly at 3 a.m.
 */

export type DayName = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const DAY_NAMES: readonly DayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** law: statutory or regulatory text; presumption: a safe harbour; guidance: supervisory guidance; policy: Settle's conservative choice where the law is silent. */
export type RuleStrength = 'law' | 'presumption' | 'guidance' | 'policy';

export interface RuleSource {
  citation: string;
  /** Where the rule was read (from the research file); `https://…`, or `research/…` for Settle policy derived from the research. */
  url: string;
  /** Secondary or moving source: check the primary text before relying on the rule. */
  verify?: boolean;
}

interface RuleBase {
  id: string;
  title: string;
  strength: RuleStrength;
  source: RuleSource;
  channels: Channel[];
  /** ISO date (UTC midnight) from which the rule applies. */
  effectiveFrom?: string;
  /** ISO date (UTC midnight) from which the rule no longer applies. */
  effectiveUntil?: string;
  note?: string;
}

export interface HoursRule extends RuleBase {
  type: 'hours';
  days: DayName[];
  /** Local wall-clock intervals [start, end), "HH:MM". */
  intervals: [string, string][];
  excludeHolidays?: HolidayCalendarId;
}

export interface FrequencyCapRule extends RuleBase {
  type: 'frequency_cap';
  max: number;
  window: CapWindow;
  /** person: every entry in the ledger; debt: only entries about the debt being contacted. */
  scope: 'person' | 'debt';
}

export interface CooldownRule extends RuleBase {
  type: 'cooldown';
  after: 'conversation';
  afterChannels: Channel[];
  days: number;
  /** The trigger day is day 1 (Reg F): a conversation on day 1 blocks until the start of local day 1 + days. */
  includeTriggerDay: boolean;
  scope: 'person' | 'debt';
}

export interface OptOutRule extends RuleBase {
  type: 'opt_out';
  per: 'medium';
}

export interface HoldRule extends RuleBase {
  type: 'hold';
  holds: HoldKind[];
  effect: 'block' | 'defer';
  /** Statutory length from `since` when the hold gives no `until`. */
  defaultDays?: number;
}

export interface ConsentRule extends RuleBase {
  type: 'consent_required';
  consent: ConsentKind;
}

export interface ChannelBanRule extends RuleBase {
  type: 'channel_ban';
  reason: string;
}

export interface ObjectionRule extends RuleBase {
  type: 'objection';
}

export interface DisclosureRule extends RuleBase {
  type: 'disclosure';
  /** Disclosures with the same key are one duty: the most specific jurisdiction's text wins. */
  key: string;
  /** first_contact: no earlier ledger entry about this debt; subsequent_contact: at least one. */
  when: 'always' | 'first_contact' | 'subsequent_contact';
  text: string;
}

export type FeeFormula =
  | { kind: 'tiered_percent'; tiers: { widthMinor: number | null; percent: number }[]; minMinor: number; maxMinor: number }
  | { kind: 'fixed'; amounts: Record<string, number>; defaultKind: string }
  | { kind: 'value_table'; table: [number, number][]; rate: number; rateIfPaidOnFirstDemand: number }
  | { kind: 'none_chargeable' };

export interface FeeCapRule extends RuleBase {
  type: 'fee_cap';
  currency: string;
  formula: FeeFormula;
  /** Ids of `requirement` rules that must be met before any fee may be charged. */
  conditions?: string[];
}

/** A duty the engine does not gate on (letters, validation notices, renegotiation); kept with its source so callers can cite it. */
export interface RequirementRule extends RuleBase {
  type: 'requirement';
  text: string;
}

export type Rule =
  | HoursRule
  | FrequencyCapRule
  | CooldownRule
  | OptOutRule
  | HoldRule
  | ConsentRule
  | ChannelBanRule
  | ObjectionRule
  | DisclosureRule
  | FeeCapRule
  | RequirementRule;

export type RuleType = Rule['type'];

export interface RuleFile {
  /** 'CORE' (always applied), 'DEFAULT' (unknown jurisdictions), 'EU', or an ISO 3166 code. */
  jurisdiction: string;
  name: string;
  version: string;
  parents?: string[];
  /** Zones used when the debtor's zone is unknown (their intersection is checked). */
  timeZones?: string[];
  /** True where subdivisions carry their own law (US states): an unlisted subdivision is flagged. */
  subdivisionRulesExpected?: boolean;
  notes?: string[];
  rules: Rule[];
}

export class RuleFileError extends Error {}

type Json = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw new RuleFileError(`${path}: ${message}`);
}

function obj(v: unknown, path: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
  return v as Json;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') fail(path, 'must be a non-empty string');
  return v;
}

function int(v: unknown, path: string, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(path, `must be an integer ≥ ${min}`);
  return v;
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(path, 'must be a non-negative number');
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) fail(path, `must be one of ${allowed.join(', ')}`);
  return v as T;
}

function list<T>(v: unknown, path: string, item: (x: unknown, p: string) => T, allowEmpty = false): T[] {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  if (!allowEmpty && v.length === 0) fail(path, 'must not be empty');
  return v.map((x, i) => item(x, `${path}[${i}]`));
}

function onlyKeys(o: Json, allowed: string[], path: string): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(`${path}.${k}`, 'unknown field');
}

function isoDay(v: unknown, path: string): string {
  const s = str(v, path);
  const t = Date.parse(`${s}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s) fail(path, 'must be an ISO date YYYY-MM-DD');
  return s;
}

export function parseClock(v: unknown, path: string): number {
  const s = str(v, path);
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59 || (Number(m[1]) === 24 && Number(m[2]) !== 0)) fail(path, 'must be HH:MM between 00:00 and 24:00');
  return Number(m[1]) * 60 + Number(m[2]);
}

function capWindow(v: unknown, path: string): CapWindow {
  const w = obj(v, path);
  const kind = oneOf(w.kind, ['rolling', 'calendar'] as const, `${path}.kind`);
  if (kind === 'calendar') {
    onlyKeys(w, ['kind', 'unit'], path);
    return { kind, unit: oneOf(w.unit, ['day', 'month'] as const, `${path}.unit`) };
  }
  onlyKeys(w, ['kind', 'days', 'hours'], path);
  const days = w.days === undefined ? 0 : int(w.days, `${path}.days`, 0);
  const hours = w.hours === undefined ? 0 : int(w.hours, `${path}.hours`, 0);
  if (days * 24 + hours <= 0) fail(path, 'a rolling window needs days or hours > 0');
  return { kind, ...(w.days !== undefined ? { days } : {}), ...(w.hours !== undefined ? { hours } : {}) };
}

const BASE_KEYS = ['id', 'type', 'title', 'strength', 'source', 'channels', 'effectiveFrom', 'effectiveUntil', 'note'];

const ID_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9_.-]*)+$/;

function parseRule(v: unknown, path: string): Rule {
  const r = obj(v, path);
  const id = str(r.id, `${path}.id`);
  if (!ID_PATTERN.test(id)) fail(`${path}.id`, `"${id}" is not a dotted lower-case rule id`);
  const at = `${path}(${id})`;
  const type = oneOf(
    r.type,
    ['hours', 'frequency_cap', 'cooldown', 'opt_out', 'hold', 'consent_required', 'channel_ban', 'objection', 'disclosure', 'fee_cap', 'requirement'] as const,
    `${at}.type`,
  );
  const src = obj(r.source, `${at}.source`);
  onlyKeys(src, ['citation', 'url', 'verify'], `${at}.source`);
  const url = str(src.url, `${at}.source.url`);
  if (!/^https:\/\/[^\s]+$/.test(url) && !/^research\/[^\s]+$/.test(url)) fail(`${at}.source.url`, 'must be an https URL or a research/… reference');
  if (src.verify !== undefined && typeof src.verify !== 'boolean') fail(`${at}.source.verify`, 'must be a boolean');
  const base = {
    id,
    title: str(r.title, `${at}.title`),
    strength: oneOf(r.strength, ['law', 'presumption', 'guidance', 'policy'] as const, `${at}.strength`),
    source: { citation: str(src.citation, `${at}.source.citation`), url, ...(src.verify !== undefined ? { verify: src.verify as boolean } : {}) },
    channels: list(r.channels, `${at}.channels`, (x, p) => oneOf(x, CHANNELS, p), type === 'fee_cap' || type === 'requirement'),
    ...(r.effectiveFrom !== undefined ? { effectiveFrom: isoDay(r.effectiveFrom, `${at}.effectiveFrom`) } : {}),
    ...(r.effectiveUntil !== undefined ? { effectiveUntil: isoDay(r.effectiveUntil, `${at}.effectiveUntil`) } : {}),
    ...(r.note !== undefined ? { note: str(r.note, `${at}.note`) } : {}),
  };
  if (new Set(base.channels).size !== base.channels.length) fail(`${at}.channels`, 'has duplicates');
  const keys = (...extra: string[]) => onlyKeys(r, [...BASE_KEYS, ...extra], at);
  switch (type) {
    case 'hours': {
      keys('days', 'intervals', 'excludeHolidays');
      const intervals = list(r.intervals, `${at}.intervals`, (x, p) => {
        if (!Array.isArray(x) || x.length !== 2) fail(p, 'must be ["HH:MM", "HH:MM"]');
        const [s, e] = [parseClock(x[0], `${p}[0]`), parseClock(x[1], `${p}[1]`)];
        if (s >= e) fail(p, 'start must be before end');
        return [x[0], x[1]] as [string, string];
      });
      return {
        ...base,
        type,
        days: list(r.days, `${at}.days`, (x, p) => oneOf(x, DAY_NAMES, p)),
        intervals,
        ...(r.excludeHolidays !== undefined ? { excludeHolidays: oneOf(r.excludeHolidays, HOLIDAY_CALENDARS, `${at}.excludeHolidays`) } : {}),
      };
    }
    case 'frequency_cap':
      keys('max', 'window', 'scope');
      return {
        ...base,
        type,
        max: int(r.max, `${at}.max`, 1),
        window: capWindow(r.window, `${at}.window`),
        scope: oneOf(r.scope, ['person', 'debt'] as const, `${at}.scope`),
      };
    case 'cooldown':
      keys('after', 'afterChannels', 'days', 'includeTriggerDay', 'scope');
      if (typeof r.includeTriggerDay !== 'boolean') fail(`${at}.includeTriggerDay`, 'must be a boolean');
      return {
        ...base,
        type,
        after: oneOf(r.after, ['conversation'] as const, `${at}.after`),
        afterChannels: list(r.afterChannels, `${at}.afterChannels`, (x, p) => oneOf(x, CHANNELS, p)),
        days: int(r.days, `${at}.days`, 1),
        includeTriggerDay: r.includeTriggerDay,
        scope: oneOf(r.scope, ['person', 'debt'] as const, `${at}.scope`),
      };
    case 'opt_out':
      keys('per');
      return { ...base, type, per: oneOf(r.per, ['medium'] as const, `${at}.per`) };
    case 'hold':
      keys('holds', 'effect', 'defaultDays');
      return {
        ...base,
        type,
        holds: list(r.holds, `${at}.holds`, (x, p) => oneOf(x, HOLD_KINDS, p)),
        effect: oneOf(r.effect, ['block', 'defer'] as const, `${at}.effect`),
        ...(r.defaultDays !== undefined ? { defaultDays: int(r.defaultDays, `${at}.defaultDays`, 1) } : {}),
      };
    case 'consent_required':
      keys('consent');
      return { ...base, type, consent: oneOf(r.consent, CONSENT_KINDS, `${at}.consent`) };
    case 'channel_ban':
      keys('reason');
      return { ...base, type, reason: str(r.reason, `${at}.reason`) };
    case 'objection':
      keys();
      return { ...base, type };
    case 'disclosure':
      keys('key', 'when', 'text');
      return {
        ...base,
        type,
        key: str(r.key, `${at}.key`),
        when: oneOf(r.when, ['always', 'first_contact', 'subsequent_contact'] as const, `${at}.when`),
        text: str(r.text, `${at}.text`),
      };
    case 'fee_cap':
      keys('currency', 'formula', 'conditions');
      return {
        ...base,
        type,
        currency: oneOf(r.currency, ['EUR', 'SEK', 'GBP', 'USD'] as const, `${at}.currency`),
        formula: feeFormula(r.formula, `${at}.formula`),
        ...(r.conditions !== undefined ? { conditions: list(r.conditions, `${at}.conditions`, (x, p) => str(x, p)) } : {}),
      };
    case 'requirement':
      keys('text');
      return { ...base, type, text: str(r.text, `${at}.text`) };
  }
}

function feeFormula(v: unknown, path: string): FeeFormula {
  const f = obj(v, path);
  const kind = oneOf(f.kind, ['tiered_percent', 'fixed', 'value_table', 'none_chargeable'] as const, `${path}.kind`);
  switch (kind) {
    case 'tiered_percent': {
      onlyKeys(f, ['kind', 'tiers', 'minMinor', 'maxMinor'], path);
      const tiers = list(f.tiers, `${path}.tiers`, (x, p) => {
        const t = obj(x, p);
        onlyKeys(t, ['widthMinor', 'percent'], p);
        return { widthMinor: t.widthMinor === null ? null : int(t.widthMinor, `${p}.widthMinor`, 1), percent: num(t.percent, `${p}.percent`) };
      });
      if (tiers.slice(0, -1).some((t) => t.widthMinor === null)) fail(`${path}.tiers`, 'only the last tier may be open-ended');
      return { kind, tiers, minMinor: int(f.minMinor, `${path}.minMinor`, 0), maxMinor: int(f.maxMinor, `${path}.maxMinor`, 0) };
    }
    case 'fixed': {
      onlyKeys(f, ['kind', 'amounts', 'defaultKind'], path);
      const amounts = obj(f.amounts, `${path}.amounts`);
      const parsed: Record<string, number> = {};
      for (const [k, a] of Object.entries(amounts)) parsed[k] = int(a, `${path}.amounts.${k}`, 0);
      const defaultKind = str(f.defaultKind, `${path}.defaultKind`);
      if (!(defaultKind in parsed)) fail(`${path}.defaultKind`, 'must name one of the amounts');
      return { kind, amounts: parsed, defaultKind };
    }
    case 'value_table': {
      onlyKeys(f, ['kind', 'table', 'rate', 'rateIfPaidOnFirstDemand'], path);
      const table = list(f.table, `${path}.table`, (x, p) => {
        if (!Array.isArray(x) || x.length !== 2) fail(p, 'must be [valueUpToMinor, feeMinor]');
        return [int(x[0], `${p}[0]`, 1), int(x[1], `${p}[1]`, 0)] as [number, number];
      });
      for (let i = 1; i < table.length; i++) if (table[i][0] <= table[i - 1][0]) fail(`${path}.table`, 'values must increase');
      return { kind, table, rate: num(f.rate, `${path}.rate`), rateIfPaidOnFirstDemand: num(f.rateIfPaidOnFirstDemand, `${path}.rateIfPaidOnFirstDemand`) };
    }
    case 'none_chargeable':
      onlyKeys(f, ['kind'], path);
      return { kind };
  }
}

/** Validates one rule file (parsed JSON) and returns it typed; throws RuleFileError naming the offending path. */
export function parseRuleFile(v: unknown, name = 'rule file'): RuleFile {
  const f = obj(v, name);
  onlyKeys(f, ['$comment', 'jurisdiction', 'name', 'version', 'parents', 'timeZones', 'subdivisionRulesExpected', 'notes', 'rules'], name);
  const jurisdiction = str(f.jurisdiction, `${name}.jurisdiction`);
  if (!/^(CORE|DEFAULT|EU|[A-Z]{2}(-[A-Z0-9]{1,3})?)$/.test(jurisdiction)) fail(`${name}.jurisdiction`, `"${jurisdiction}" is not CORE, DEFAULT, EU or an ISO 3166 code`);
  const path = `${name}(${jurisdiction})`;
  const version = str(f.version, `${path}.version`);
  if (!/^\d{4}-\d{2}-\d{2}(\.\d+)?$/.test(version)) fail(`${path}.version`, 'must be YYYY-MM-DD or YYYY-MM-DD.N');
  const rules = list(f.rules, `${path}.rules`, parseRule);
  const prefix = `${jurisdiction.toLowerCase()}.`;
  for (const r of rules) if (!r.id.startsWith(prefix)) fail(`${path}.rules(${r.id})`, `rule ids in this file must start with "${prefix}"`);
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) fail(`${path}.rules(${r.id})`, 'duplicate id');
    ids.add(r.id);
  }
  return {
    jurisdiction,
    name: str(f.name, `${path}.name`),
    version,
    ...(f.parents !== undefined ? { parents: list(f.parents, `${path}.parents`, (x, p) => str(x, p), true) } : {}),
    ...(f.timeZones !== undefined ? { timeZones: list(f.timeZones, `${path}.timeZones`, (x, p) => str(x, p)) } : {}),
    ...(f.subdivisionRulesExpected !== undefined ? { subdivisionRulesExpected: f.subdivisionRulesExpected === true } : {}),
    ...(f.notes !== undefined ? { notes: list(f.notes, `${path}.notes`, (x, p) => str(x, p), true) } : {}),
    rules,
  };
}
