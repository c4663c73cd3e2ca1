import { CalendarCapConstraint, Constraint, CooldownConstraint, FloorConstraint, HoursConstraint, RollingCapConstraint } from './constraints';
import { ChannelRules, CompiledCap, CompiledJurisdiction, DEFAULT_RULES, RuleBook, compileCap, isActive } from './rulebook';
import { DAY, ZoneClock, isUsableInstant, zoneClock } from './time';
import {
  CHANNELS,
  CONSENT_KINDS,
  Channel,
  ContactContext,
  Disclosure,
  EvaluateOptions,
  HOLD_KINDS,
  HoldKind,
  MEDIUM,
  PolicyDecision,
  TenantCap,
} from './types';

/**
 * Rule ids the engine itself uses (not from rule files): invalid input, unknown zones, the search
 * horizon and internal errors. Every decision names at least one rule id.
 */
export const ENGINE_RULES = {
  error: 'engine.error',
  invalidChannel: 'engine.input.channel',
  invalidTime: 'engine.input.time',
  unknownZone: 'engine.time_zone.unknown',
  horizon: 'engine.horizon',
  unknownHold: 'engine.hold.unknown',
  invalidTenantCap: 'engine.tenant_cap.invalid',
  /** An allow under a rule book with no time rule for the channel at all. */
  unrestricted: 'engine.unrestricted',
} as const;

export const DEFAULT_HORIZON_DAYS = 35;
const MAX_SEARCH_STEPS = 20_000;

interface LedgerEntry {
  t: number;
  channel: Channel;
  conversation: boolean;
  debtId: unknown;
}

type Base = Omit<PolicyDecision, 'outcome'>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function instant(v: unknown): number | undefined {
  return v instanceof Date && isUsableInstant(v.getTime()) ? v.getTime() : undefined;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function activeIds<T extends { id: string; from: number; until: number }>(list: readonly T[] | undefined, t: number): T[] {
  return (list ?? []).filter((r) => isActive(r, t));
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

function readLedger(raw: unknown, flags: string[]): LedgerEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: LedgerEntry[] = [];
  let invalid = false;
  for (const e of raw) {
    const t = isObject(e) ? instant(e.at) : undefined;
    if (!isObject(e) || t === undefined || !CHANNELS.includes(e.channel as Channel)) {
      // An unreadable ledger entry cannot be counted; it is skipped and the decision flagged for review.
      invalid = true;
      continue;
    }
    out.push({ t, channel: e.channel as Channel, conversation: e.kind === 'conversation', debtId: e.debtId });
  }
  if (invalid) flags.push('invalid_history_entry');
  return out;
}

/**
 * The debtor's candidate zones. Unknown zone strings are replaced by the jurisdiction's own zones
 * and the intersection of all is checked (flag unknown_time_zone): a garbled zone next to a valid
 * one still narrows the window to what is lawful everywhere the debtor might be. With no usable zone
 * at all (unknown string in an unknown jurisdiction) the contact is blocked.
 */
function candidateZones(raw: unknown, set: CompiledJurisdiction, flags: string[]): ZoneClock[] {
  const list: unknown[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const clocks: ZoneClock[] = [];
  const add = (z: unknown): boolean => {
    const clock = zoneClock(z);
    if (clock && !clocks.includes(clock)) clocks.push(clock);
    return clock !== null;
  };
  let unknown = list.length === 0;
  for (const z of list) if (!add(z)) unknown = true;
  if (unknown) {
    flags.push('unknown_time_zone');
    for (const z of set.zones) add(z);
  }
  if (clocks.length > 1) flags.push('ambiguous_location');
  return clocks;
}

function tenantCaps(raw: unknown): { caps: CompiledCap[]; invalid: string[] } {
  const caps: CompiledCap[] = [];
  const invalid: string[] = [];
  if (!Array.isArray(raw)) return { caps, invalid };
  for (const c of raw as Partial<TenantCap>[]) {
    const w = isObject(c) ? c.window : undefined;
    const rollingMs = isObject(w) && w.kind === 'rolling' ? ((Number(w.days ?? 0) || 0) * 24 + (Number(w.hours ?? 0) || 0)) * 3_600_000 : 0;
    const ok =
      isObject(c) &&
      typeof c.id === 'string' &&
      c.id.length > 0 &&
      Array.isArray(c.channels) &&
      c.channels.every((ch) => CHANNELS.includes(ch)) &&
      Number.isInteger(c.max) &&
      (c.max as number) >= 1 &&
      (c.scope === 'person' || c.scope === 'debt') &&
      isObject(w) &&
      ((w.kind === 'rolling' && rollingMs > 0 && Number.isFinite(rollingMs)) || (w.kind === 'calendar' && (w.unit === 'day' || w.unit === 'month')));
    if (!ok) {
      invalid.push(isObject(c) && typeof c.id === 'string' ? c.id : '(unnamed)');
      continue;
    }
    const cap = c as TenantCap;
    caps.push(compileCap(`tenant.${cap.id}`, cap, { from: -Infinity, until: Infinity }));
  }
  return { caps, invalid };
}

function disclosuresFor(rules: ChannelRules, channel: Channel, t: number, firstContact: boolean): Disclosure[] {
  const out: Disclosure[] = [];
  const seen = new Set<string>();
  for (const d of rules.disclosures) {
    if (!isActive(d, t) || seen.has(d.rule.key)) continue;
    if (d.rule.when === 'first_contact' && !firstContact) continue;
    if (d.rule.when === 'subsequent_contact' && firstContact) continue;
    seen.add(d.rule.key);
    out.push({ id: d.id, key: d.rule.key, channel, text: d.rule.text });
  }
  return out;
}

/** The constraints the search must satisfy, with the ids of the time rules applied. */
function buildConstraints(
  rules: ChannelRules,
  caps: CompiledCap[],
  clocks: ZoneClock[],
  ledger: LedgerEntry[],
  debtId: unknown,
  channel: Channel,
): Constraint[] {
  const constraints: Constraint[] = [];
  for (const hours of rules.hours) for (const clock of clocks) constraints.push(new HoursConstraint(hours, clock));
  for (const cap of caps) {
    if (!cap.channels.has(channel)) continue;
    const times: number[] = [];
    for (const e of ledger) if (cap.channels.has(e.channel) && (cap.scope === 'person' || e.debtId === debtId)) times.push(e.t);
    times.sort((a, b) => a - b);
    constraints.push(cap.window.kind === 'rolling' ? new RollingCapConstraint(cap, times) : new CalendarCapConstraint(cap, times, clocks));
  }
  for (const cooldown of rules.cooldowns) {
    const triggers: number[] = [];
    for (const e of ledger) {
      if (e.conversation && cooldown.afterChannels.has(e.channel) && (cooldown.rule.scope === 'person' || e.debtId === debtId)) triggers.push(e.t);
    }
    triggers.sort((a, b) => a - b);
    constraints.push(new CooldownConstraint(cooldown, triggers, clocks));
  }
  return constraints;
}

/** The earliest instant in [start, end] at which every constraint holds, or null; `binding` collects those that moved it. */
function search(constraints: Constraint[], start: number, end: number, binding: Set<Constraint>): number | null {
  let x = start;
  for (let step = 0; step < MAX_SEARCH_STEPS; step++) {
    let moved = false;
    for (const c of constraints) {
      const y = c.next(x);
      if (y > x) {
        binding.add(c);
        x = y;
        moved = true;
        if (x > end) return null;
      }
    }
    if (!moved) return x;
  }
  return null;
}

function evaluateUnchecked(ctx: ContactContext, book: RuleBook, options: EvaluateOptions): PolicyDecision {
  const debtor: Record<string, unknown> = isObject(ctx) && isObject(ctx.debtor) ? (ctx.debtor as unknown as Record<string, unknown>) : {};
  const set = book.resolve(debtor.jurisdiction);
  const flags: string[] = [...set.flags];
  const base = (timeZones: string[] = []): Base => ({
    ruleIds: [],
    reasons: [],
    flags: unique(flags),
    disclosures: [],
    jurisdiction: set.jurisdiction,
    ruleSet: set.ruleSet.map((v) => ({ ...v })),
    timeZones,
  });
  const channel = isObject(ctx) ? (ctx.channel as Channel) : undefined;
  if (channel === undefined || !CHANNELS.includes(channel)) {
    flags.push('invalid_channel');
    return { outcome: 'block', ...base(), ruleIds: [ENGINE_RULES.invalidChannel], reasons: [`"${String(channel)}" is not a contact channel`] };
  }
  const at = instant(ctx.at);
  if (at === undefined) {
    flags.push('invalid_time');
    return { outcome: 'block', ...base(), ruleIds: [ENGINE_RULES.invalidTime], reasons: ['the contact time is not a valid instant (1900–9000)'] };
  }
  const rules = set.byChannel[channel];
  const ledger = readLedger(ctx.history, flags);
  const debtId = ctx.debtId;

  // 1. Blocks: every reason is collected so that the record shows all of them.
  const blockIds: string[] = [];
  const blockReasons: string[] = [];
  const blockEnds: number[] = [];
  let openEnded = false;
  const block = (ids: string[], reason: string, end?: number) => {
    blockIds.push(...ids);
    blockReasons.push(reason);
    if (end === undefined) openEnded = true;
    else blockEnds.push(end);
  };

  const optedOut = Array.isArray(debtor.optedOut) ? (debtor.optedOut as unknown[]) : [];
  const sameMedium = optedOut.filter((c): c is Channel => CHANNELS.includes(c as Channel) && MEDIUM[c as Channel] === MEDIUM[channel]);
  if (sameMedium.length > 0) {
    const ids = activeIds(rules.optOut, at).map((r) => r.id);
    block(ids.length ? unique(ids) : ['core.optout.medium'], `the debtor opted out of ${MEDIUM[channel]} (${unique(sameMedium).join(', ')}) until they opt back in`);
  }

  const floors: FloorConstraint[] = [];
  const holds = isObject(ctx) && Array.isArray(ctx.holds) ? (ctx.holds as unknown[]) : [];
  for (const hold of holds) {
    const kind = isObject(hold) ? (hold.kind as HoldKind) : undefined;
    if (!isObject(hold) || kind === undefined || !HOLD_KINDS.includes(kind)) {
      flags.push('unknown_hold_kind');
      block([ENGINE_RULES.unknownHold], `an unrecognised hold (${isObject(hold) ? String(hold.kind) : String(hold)}) is treated as do-not-contact`);
      continue;
    }
    const holdRules = activeIds(rules.holds[kind], at);
    const ids = holdRules.length ? unique(holdRules.map((r) => r.id)) : [`engine.hold.${kind}`];
    const defaultDays = Math.max(0, ...holdRules.map((r) => r.rule.defaultDays ?? 0));
    const until = instant(hold.until);
    const since = instant(hold.since);
    // A hold with no end runs until resolved, or for its statutory length from its start. A hold whose
    // start lies in the future is applied now (conservative).
    const end = until ?? (since !== undefined && defaultDays > 0 ? since + defaultDays * DAY : undefined);
    if (end !== undefined && end <= at) continue;
    const defers = holdRules.length ? holdRules.every((r) => r.rule.effect === 'defer') : kind === 'cooling_off';
    if (defers && end !== undefined) {
      floors.push(new FloorConstraint(ids.join(','), end, `${kind.replaceAll('_', '-')} until ${iso(end)}`));
    } else {
      block(ids, `${kind.replaceAll('_', ' ')} hold ${end !== undefined ? `until ${iso(end)}` : 'until resolved'}`, end);
    }
  }

  const consents = Array.isArray(debtor.consents) ? (debtor.consents as unknown[]) : [];
  for (const r of activeIds(rules.consents, at)) {
    if (!CONSENT_KINDS.includes(r.rule.consent) || !consents.includes(r.rule.consent)) block([r.id], `${r.rule.title}: no '${r.rule.consent}' consent on record`);
  }
  for (const r of activeIds(rules.bans, at)) block([r.id], r.rule.reason);
  if (debtor.gdprObjection === true) {
    const objections = activeIds(rules.objections, at);
    if (objections.length) {
      flags.push('gdpr_objection_review');
      block(
        objections.map((r) => r.id),
        'the debtor objected to processing (GDPR Art. 21): no contact until a person has reviewed the objection',
      );
    }
  }

  const { caps: tenant, invalid: badTenantCaps } = tenantCaps(isObject(ctx) ? ctx.tenantCaps : undefined);
  if (badTenantCaps.length) {
    flags.push('invalid_tenant_cap');
    block([ENGINE_RULES.invalidTenantCap], `tenant cap(s) ${badTenantCaps.join(', ')} are malformed (a tenant cap needs max ≥ 1, channels, scope and a window)`);
  }

  const clocks = candidateZones(debtor.timeZones, set, flags);
  const zoneNames = clocks.map((c) => c.name);
  if (clocks.length === 0) {
    block([ENGINE_RULES.unknownZone], 'no known time zone for the debtor and none for the jurisdiction: no local hour can be proven lawful');
  }

  if (blockIds.length > 0) {
    const result: PolicyDecision = { outcome: 'block', ...base(zoneNames), ruleIds: unique(blockIds), reasons: blockReasons };
    if (!openEnded && blockEnds.length) result.until = new Date(Math.max(...blockEnds));
    return result;
  }

  // 2. When: the earliest instant ≥ at that satisfies hours in every zone, caps, cool-downs and deferring holds.
  const caps = [...rules.caps, ...tenant];
  const constraints: Constraint[] = [...floors, ...buildConstraints(rules, caps, clocks, ledger, debtId, channel)];
  const binding = new Set<Constraint>();
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const start = floors.reduce((m, f) => Math.max(m, f.next(at)), at);
  const horizon = start + Math.max(0, Number.isFinite(horizonDays) ? horizonDays : DEFAULT_HORIZON_DAYS) * DAY;
  for (const f of floors) if (f.next(at) > at) binding.add(f);
  const t = search(constraints, start, horizon, binding);
  // Also name every rule that was not met at `at`, even if another rule's wait already covered it.
  if (t !== at) for (const c of constraints) if (!binding.has(c) && c.next(at) > at) binding.add(c);
  const bindingIds = unique([...binding].flatMap((c) => c.id.split(',')));
  const bindingReasons = [...binding].map((c) => c.describe());

  if (t === null) {
    flags.push('no_lawful_moment_within_horizon');
    return {
      outcome: 'block',
      ...base(zoneNames),
      ruleIds: unique([ENGINE_RULES.horizon, ...bindingIds]),
      reasons: [`no lawful moment within ${horizonDays} days of ${iso(start)} in ${zoneNames.join(' ∩ ')}`, ...bindingReasons],
    };
  }

  const firstContact = !ledger.some((e) => e.debtId === debtId);
  const disclosures = disclosuresFor(rules, channel, t, firstContact);
  if (t === at) {
    const applied = [
      ...activeIds(rules.hours, at).map((r) => r.id),
      ...caps.filter((c) => c.channels.has(channel) && isActive(c, at)).map((c) => c.id),
      ...activeIds(rules.cooldowns, at).map((r) => r.id),
      ...disclosures.map((d) => d.id),
    ];
    return {
      outcome: 'allow',
      ...base(zoneNames),
      ruleIds: unique(applied.length ? applied : [ENGINE_RULES.unrestricted]),
      reasons: [`lawful at ${iso(at)} in ${zoneNames.join(' ∩ ')}: inside contact hours and within every frequency cap and cool-down`],
      disclosures,
    };
  }
  return {
    outcome: 'defer',
    until: new Date(t),
    ...base(zoneNames),
    ruleIds: bindingIds,
    reasons: [`next lawful moment ${iso(t)} (${zoneNames.join(' ∩ ')})`, ...bindingReasons],
    disclosures,
  };
}

/**
 * Decides whether one contact may happen at `ctx.at`, later (`defer` with the earliest lawful
 * instant), or not at all (`block`). Pure and total: the same input gives the same decision, the
 * input is not modified, and it never throws (an internal error becomes a flagged block).
 */
export function evaluate(ctx: ContactContext, rules: RuleBook = DEFAULT_RULES, options: EvaluateOptions = {}): PolicyDecision {
  try {
    return evaluateUnchecked(ctx, rules, options);
  } catch (err) {
    return {
      outcome: 'block',
      ruleIds: [ENGINE_RULES.error],
      reasons: [`compliance engine error: ${err instanceof Error ? err.message : String(err)}`],
      flags: ['engine_error'],
      disclosures: [],
      jurisdiction: 'UNKNOWN',
      ruleSet: [],
      timeZones: [],
    };
  }
}

/** The earliest lawful instant ≥ ctx.at for this contact (ctx.at itself when allowed now), or null when blocked. */
export function nextLawfulMoment(ctx: ContactContext, rules: RuleBook = DEFAULT_RULES, options: EvaluateOptions = {}): Date | null {
  const decision = evaluate(ctx, rules, options);
  if (decision.outcome === 'allow') return new Date(ctx.at.getTime());
  if (decision.outcome === 'defer') return decision.until;
  return null;
}
