import coreRules from '../../rules/core.json';
import deRules from '../../rules/de.json';
import defaultRules from '../../rules/default.json';
import esRules from '../../rules/es.json';
import euRules from '../../rules/eu.json';
import frRules from '../../rules/fr.json';
import gbRules from '../../rules/gb.json';
import ieRules from '../../rules/ie.json';
import itRules from '../../rules/it.json';
import nlRules from '../../rules/nl.json';
import seRules from '../../rules/se.json';
import usCaRules from '../../rules/us-ca.json';
import usMaRules from '../../rules/us-ma.json';
import usNyRules from '../../rules/us-ny.json';
import usWaRules from '../../rules/us-wa.json';
import usRules from '../../rules/us.json';
import { HolidayCalendarId } from './holidays';
import {
  ChannelBanRule,
  ConsentRule,
  CooldownRule,
  DAY_NAMES,
  DisclosureRule,
  FeeCapRule,
  HoldRule,
  HoursRule,
  ObjectionRule,
  OptOutRule,
  Rule,
  RuleFile,
  RuleFileError,
  parseClock,
  parseRuleFile,
} from './schema';
import { HOUR, MINUTE, zoneClock } from './time';
import { CHANNELS, CapWindow, Channel, HoldKind, RuleSetVersion } from './types';

/*
 * A rule book is the set of rule files, validated once and compiled per jurisdiction on first use
 * (then memoised), so that evaluate() never re-reads or re-parses rule data.
 */

/** Effective-date bounds in epoch ms (−∞ … +∞ when the rule gives none). */
interface Effective {
  from: number;
  until: number;
}

export interface CompiledHours extends Effective {
  id: string;
  rule: HoursRule;
  /** Bit d set = weekday d (0 = Monday) is allowed. */
  dayMask: number;
  /** [start, end) in ms after local midnight. */
  intervals: [number, number][];
  holidays: HolidayCalendarId | null;
  label: string;
}

export interface CompiledCap extends Effective {
  id: string;
  channels: ReadonlySet<Channel>;
  max: number;
  window: CapWindow;
  /** Rolling windows only. */
  windowMs: number;
  scope: 'person' | 'debt';
  label: string;
}

export interface CompiledCooldown extends Effective {
  id: string;
  rule: CooldownRule;
  afterChannels: ReadonlySet<Channel>;
}

export interface Compiled<R extends Rule> extends Effective {
  id: string;
  rule: R;
}

export interface ChannelRules {
  hours: CompiledHours[];
  caps: CompiledCap[];
  cooldowns: CompiledCooldown[];
  optOut: Compiled<OptOutRule>[];
  holds: Partial<Record<HoldKind, Compiled<HoldRule>[]>>;
  consents: Compiled<ConsentRule>[];
  bans: Compiled<ChannelBanRule>[];
  objections: Compiled<ObjectionRule>[];
  /** Most specific jurisdiction first, so the first active rule of each key wins. */
  disclosures: Compiled<DisclosureRule>[];
}

export interface CompiledJurisdiction {
  /** The jurisdiction whose rules apply: 'US-MA', 'GB', … or 'DEFAULT'. */
  jurisdiction: string;
  known: boolean;
  flags: readonly string[];
  ruleSet: readonly RuleSetVersion[];
  /** Zones used in place of unknown debtor zones (intersection); empty when unknown. */
  zones: readonly string[];
  byChannel: Readonly<Record<Channel, ChannelRules>>;
  feeCaps: readonly FeeCapRule[];
}

function effective(rule: Rule): Effective {
  return {
    from: rule.effectiveFrom ? Date.parse(`${rule.effectiveFrom}T00:00:00Z`) : -Infinity,
    until: rule.effectiveUntil ? Date.parse(`${rule.effectiveUntil}T00:00:00Z`) : Infinity,
  };
}

export function isActive(e: Effective, t: number): boolean {
  return t >= e.from && t < e.until;
}

export function capWindowLabel(w: CapWindow): string {
  if (w.kind === 'calendar') return `calendar ${w.unit}`;
  const parts = [];
  if (w.days) parts.push(`${w.days} day${w.days === 1 ? '' : 's'}`);
  if (w.hours) parts.push(`${w.hours} hour${w.hours === 1 ? '' : 's'}`);
  return `rolling ${parts.join(' ')}`;
}

export function compileCap(
  id: string,
  spec: { channels: readonly Channel[]; max: number; window: CapWindow; scope: 'person' | 'debt' },
  eff: Effective,
): CompiledCap {
  const windowMs = spec.window.kind === 'rolling' ? ((spec.window.days ?? 0) * 24 + (spec.window.hours ?? 0)) * HOUR : 0;
  return {
    id,
    channels: new Set(spec.channels),
    max: spec.max,
    window: spec.window,
    windowMs,
    scope: spec.scope,
    label: `at most ${spec.max} per ${capWindowLabel(spec.window)} (${spec.channels.join('+')}, per ${spec.scope})`,
    ...eff,
  };
}

function compileHours(rule: HoursRule): CompiledHours {
  let dayMask = 0;
  for (const d of rule.days) dayMask |= 1 << DAY_NAMES.indexOf(d);
  const intervals = rule.intervals
    .map(([s, e]) => [parseClock(s, rule.id) * MINUTE, parseClock(e, rule.id) * MINUTE] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const days = rule.days.length === 7 ? 'every day' : rule.days.join(',');
  const label = `${rule.intervals.map(([s, e]) => `${s}–${e}`).join(' & ')} ${days}${rule.excludeHolidays ? `, not on ${rule.excludeHolidays} public holidays` : ''}`;
  return { id: rule.id, rule, dayMask, intervals, holidays: rule.excludeHolidays ?? null, label, ...effective(rule) };
}

function emptyChannelRules(): ChannelRules {
  return { hours: [], caps: [], cooldowns: [], optOut: [], holds: {}, consents: [], bans: [], objections: [], disclosures: [] };
}

export class RuleBook {
  readonly files: ReadonlyMap<string, RuleFile>;
  private readonly rulesById = new Map<string, Rule>();
  private readonly compiled = new Map<string, CompiledJurisdiction>();
  private readonly resolved = new Map<string, CompiledJurisdiction>();

  constructor(files: readonly RuleFile[]) {
    const map = new Map<string, RuleFile>();
    for (const f of files) {
      if (map.has(f.jurisdiction)) throw new RuleFileError(`two rule files for ${f.jurisdiction}`);
      map.set(f.jurisdiction, f);
      for (const r of f.rules) {
        if (this.rulesById.has(r.id)) throw new RuleFileError(`rule id ${r.id} is defined twice`);
        this.rulesById.set(r.id, r);
      }
    }
    for (const f of files) {
      for (const p of f.parents ?? []) if (!map.has(p)) throw new RuleFileError(`${f.jurisdiction}: parent ${p} has no rule file`);
      for (const z of f.timeZones ?? []) if (!zoneClock(z)) throw new RuleFileError(`${f.jurisdiction}: ${z} is not an IANA zone`);
      for (const r of f.rules) {
        if (r.type === 'fee_cap') for (const c of r.conditions ?? []) if (this.rulesById.get(c)?.type !== 'requirement') throw new RuleFileError(`${r.id}: condition ${c} is not a requirement rule`);
      }
    }
    this.files = map;
    // Fail at start-up, not on first use, if any jurisdiction's chain is broken (e.g. a parent cycle).
    for (const j of map.keys()) if (j !== 'CORE') this.compile(j);
  }

  /** Every rule, by id. */
  rule(id: string): Rule | undefined {
    return this.rulesById.get(id);
  }

  get ruleIds(): string[] {
    return [...this.rulesById.keys()];
  }

  /** The compiled rules for a debtor's jurisdiction string (never throws; unknown → DEFAULT, flagged). */
  resolve(jurisdiction: unknown): CompiledJurisdiction {
    const key = typeof jurisdiction === 'string' ? jurisdiction : '';
    const hit = this.resolved.get(key);
    if (hit) return hit;
    const result = this.resolveUncached(key);
    if (this.resolved.size >= 2_000) this.resolved.clear();
    this.resolved.set(key, result);
    return result;
  }

  private resolveUncached(raw: string): CompiledJurisdiction {
    let code = raw.trim().toUpperCase().replace(/_/g, '-');
    if (code === 'UK' || code.startsWith('UK-')) code = `GB${code.slice(2)}`;
    if (code !== 'CORE' && code !== 'DEFAULT' && code !== 'EU' && this.files.has(code)) return this.compile(code);
    const country = /^([A-Z]{2})-[A-Z0-9]{1,3}$/.exec(code)?.[1];
    if (country && this.files.has(country)) {
      const base = this.compile(country);
      if (!this.files.get(country)?.subdivisionRulesExpected) return base;
      return { ...base, flags: [...base.flags, 'unknown_subdivision'] };
    }
    const fallback = this.compile('DEFAULT');
    return { ...fallback, flags: [...fallback.flags, 'unknown_jurisdiction'] };
  }

  /** Layers from general to specific: CORE, then ancestors, then the jurisdiction itself. */
  private chain(code: string, seen: string[] = []): RuleFile[] {
    if (seen.includes(code)) throw new RuleFileError(`parent cycle: ${[...seen, code].join(' → ')}`);
    const file = this.files.get(code);
    if (!file) return [];
    const parents = (file.parents ?? []).flatMap((p) => this.chain(p, [...seen, code]));
    const unique: RuleFile[] = [];
    for (const f of [...parents, file]) if (!unique.includes(f)) unique.push(f);
    return unique;
  }

  private compile(code: string): CompiledJurisdiction {
    const cached = this.compiled.get(code);
    if (cached) return cached;
    const core = this.files.get('CORE');
    const layers = [...(core && code !== 'CORE' ? [core] : []), ...this.chain(code)];
    const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, emptyChannelRules()])) as Record<Channel, ChannelRules>;
    const feeCaps: FeeCapRule[] = [];
    for (const layer of layers) {
      for (const rule of layer.rules) {
        const eff = effective(rule);
        if (rule.type === 'fee_cap') feeCaps.push(rule);
        for (const channel of rule.channels) {
          const target = byChannel[channel];
          switch (rule.type) {
            case 'hours':
              target.hours.push(compileHours(rule));
              break;
            case 'frequency_cap':
              target.caps.push(compileCap(rule.id, rule, eff));
              break;
            case 'cooldown':
              target.cooldowns.push({ id: rule.id, rule, afterChannels: new Set(rule.afterChannels), ...eff });
              break;
            case 'opt_out':
              target.optOut.push({ id: rule.id, rule, ...eff });
              break;
            case 'hold':
              for (const kind of rule.holds) (target.holds[kind] ??= []).push({ id: rule.id, rule, ...eff });
              break;
            case 'consent_required':
              target.consents.push({ id: rule.id, rule, ...eff });
              break;
            case 'channel_ban':
              target.bans.push({ id: rule.id, rule, ...eff });
              break;
            case 'objection':
              target.objections.push({ id: rule.id, rule, ...eff });
              break;
            case 'disclosure':
              target.disclosures.push({ id: rule.id, rule, ...eff });
              break;
            case 'fee_cap':
            case 'requirement':
              break;
          }
        }
      }
    }
    // Most specific layer first; file order within a layer.
    const rank = new Map(layers.flatMap((l, li) => l.rules.map((r, ri) => [r.id, (layers.length - li) * 10_000 + ri] as const)));
    for (const c of CHANNELS) byChannel[c].disclosures.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
    const known = code !== 'DEFAULT';
    const zones = [...layers].reverse().find((l) => l.timeZones?.length)?.timeZones ?? [];
    const result: CompiledJurisdiction = {
      jurisdiction: code,
      known,
      flags: [],
      ruleSet: layers.map((l) => ({ jurisdiction: l.jurisdiction, version: l.version })),
      zones,
      byChannel,
      feeCaps: feeCaps.reverse(),
    };
    this.compiled.set(code, result);
    return result;
  }
}

/** Validates raw rule files (parsed JSON) and compiles them into a rule book. */
export function compileRuleBook(files: readonly unknown[]): RuleBook {
  return new RuleBook(files.map((f, i) => parseRuleFile(f, `rule file #${i}`)));
}

/** The rule files shipped in libs/compliance/rules/, as parsed JSON. */
export const RULE_FILE_DATA: readonly unknown[] = [
  coreRules,
  defaultRules,
  euRules,
  usRules,
  usMaRules,
  usWaRules,
  usCaRules,
  usNyRules,
  gbRules,
  ieRules,
  deRules,
  nlRules,
  seRules,
  frRules,
  esRules,
  itRules,
];

/** The shipped rules, validated and compiled once at module load. */
export const DEFAULT_RULES: RuleBook = compileRuleBook(RULE_FILE_DATA);
