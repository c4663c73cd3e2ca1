import { isHolidayDay } from './holidays';
import { CompiledCap, CompiledCooldown, CompiledHours, isActive } from './rulebook';
import { DAY, MINUTE, ZoneClock, civilFromDays, daysFromCivil, weekdayOfDay } from './time';

/*
 * Time constraints of the search for the next lawful moment. Each answers next(x): an instant y ≥ x
 * such that the constraint holds at y if y = x, and such that it holds nowhere in [x, y) otherwise —
 * i.e. a lower bound on the earliest instant ≥ x where it holds, which is strictly later than x
 * whenever it does not hold at x. Iterating all constraints to a common fixpoint then yields the
 * earliest instant at which all of them hold (each step stays ≤ that instant, and every step moves).
 */
export interface Constraint {
  readonly id: string;
  next(x: number): number;
  /** Why it moved the search (used for reasons, only on defer). */
  describe(): string;
}

/** Local time inside the rule's daily intervals, on an allowed weekday that is not a holiday, in one zone. */
export class HoursConstraint implements Constraint {
  readonly id: string;

  constructor(
    private readonly rule: CompiledHours,
    private readonly clock: ZoneClock,
  ) {
    this.id = rule.id;
  }

  private dayAllowed(day: number): boolean {
    if ((this.rule.dayMask & (1 << weekdayOfDay(day))) === 0) return false;
    return this.rule.holidays === null || !isHolidayDay(this.rule.holidays, day);
  }

  inside(u: number): boolean {
    const wall = this.clock.wall(u);
    const day = Math.floor(wall / DAY);
    if (!this.dayAllowed(day)) return false;
    const ms = wall - day * DAY;
    for (const [start, end] of this.rule.intervals) if (ms >= start && ms < end) return true;
    return false;
  }

  next(x: number): number {
    if (!isActive(this.rule, x)) return x;
    const y = this.nextOpening(x);
    // A rule that lapses before it would open stops constraining at its end date.
    return y >= this.rule.until ? this.rule.until : y;
  }

  private nextOpening(x: number): number {
    if (this.inside(x)) return x;
    const first = this.clock.localDay(x);
    for (let day = first - 1; day <= first + 15; day++) {
      if (!this.dayAllowed(day)) continue;
      for (const [start, end] of this.rule.intervals) {
        const open = this.clock.firstInstantAtOrAfter(day * DAY + start);
        const close = this.clock.firstInstantAtOrAfter(day * DAY + end);
        const candidate = Math.max(open, x);
        if (candidate >= close) continue;
        if (this.inside(candidate)) return candidate;
        // Only around a DST transition can an instant between open and close be outside: scan by minute.
        for (let t = Math.ceil(candidate / MINUTE) * MINUTE; t < close; t += MINUTE) if (this.inside(t)) return t;
      }
    }
    // No allowed day within 16 days (not possible with validated rules): a safe lower bound that makes progress.
    return x + 15 * DAY;
  }

  describe(): string {
    return `${this.id}: outside ${this.rule.label} (${this.clock.name})`;
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * At most `max` events in any window [s, s + W). Equivalently, for the sorted events with the new one
 * inserted, every run of max + 1 consecutive events spans at least W. Events after x count too (the
 * ledger may hold contacts later than the one asked about), so only runs containing the new event are
 * checked: the cap holds for a contact at y iff no run through y is shorter than W.
 */
export class RollingCapConstraint implements Constraint {
  readonly id: string;

  constructor(
    private readonly cap: CompiledCap,
    /** Counted event instants, ascending. */
    private readonly times: readonly number[],
  ) {
    this.id = cap.id;
  }

  holdsAt(y: number): boolean {
    const { max, windowMs } = this.cap;
    const times = this.times;
    if (times.length < max) return true;
    const pos = lowerBound(times, y);
    const n = times.length + 1;
    const at = (k: number) => (k < pos ? times[k] : k === pos ? y : times[k - 1]);
    for (let i = Math.max(0, pos - max); i <= pos && i + max <= n - 1; i++) {
      if (at(i + max) - at(i) < windowMs) return false;
    }
    return true;
  }

  next(x: number): number {
    if (!isActive(this.cap, x) || this.holdsAt(x)) return x;
    // It can only start to hold when an event leaves the window behind it: at some e + W.
    let y = x;
    for (const e of this.times) {
      const candidate = e + this.cap.windowMs;
      if (candidate > x && this.holdsAt(candidate)) {
        y = candidate;
        break;
      }
    }
    if (y === x) y = this.times[this.times.length - 1] + this.cap.windowMs; // unreachable: past the last event it holds
    return y >= this.cap.until ? this.cap.until : y;
  }

  describe(): string {
    return `${this.id}: ${this.cap.label} reached`;
  }
}

/** At most `max` events per local calendar day or month, in every candidate zone. */
export class CalendarCapConstraint implements Constraint {
  readonly id: string;
  private readonly keys = new Map<ZoneClock, number[]>();

  constructor(
    private readonly cap: CompiledCap,
    private readonly times: readonly number[],
    private readonly clocks: readonly ZoneClock[],
  ) {
    this.id = cap.id;
  }

  private period(clock: ZoneClock, u: number): number {
    const day = clock.localDay(u);
    if (this.cap.window.kind === 'calendar' && this.cap.window.unit === 'day') return day;
    const { year, month } = civilFromDays(day);
    return year * 12 + month - 1;
  }

  private periodStartAfter(clock: ZoneClock, u: number): number {
    const day = clock.localDay(u);
    if (this.cap.window.kind === 'calendar' && this.cap.window.unit === 'day') return clock.startOfDay(day + 1);
    const { year, month } = civilFromDays(day);
    return clock.startOfDay(month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1));
  }

  private keysFor(clock: ZoneClock): number[] {
    let keys = this.keys.get(clock);
    if (!keys) {
      keys = this.times.map((t) => this.period(clock, t));
      this.keys.set(clock, keys);
    }
    return keys;
  }

  private fullIn(clock: ZoneClock, y: number): boolean {
    if (this.times.length < this.cap.max) return false;
    const key = this.period(clock, y);
    let count = 0;
    for (const k of this.keysFor(clock)) if (k === key && ++count >= this.cap.max) return true;
    return false;
  }

  next(x: number): number {
    if (!isActive(this.cap, x)) return x;
    let y = x;
    for (const clock of this.clocks) {
      // Every zone in which x's period is full must move on to its next period first.
      if (this.fullIn(clock, x)) y = Math.max(y, this.periodStartAfter(clock, x), x + 1);
    }
    return y >= this.cap.until ? Math.max(x, this.cap.until) : y;
  }

  describe(): string {
    return `${this.id}: ${this.cap.label} reached`;
  }
}

/** No contact from a triggering conversation until the start of local day (trigger day + days), in every zone. */
export class CooldownConstraint implements Constraint {
  readonly id: string;
  private readonly blocked: [number, number][];

  constructor(
    private readonly cooldown: CompiledCooldown,
    /** Instants of triggering conversations, ascending. */
    triggers: readonly number[],
    clocks: readonly ZoneClock[],
  ) {
    this.id = cooldown.id;
    const extra = cooldown.rule.days + (cooldown.rule.includeTriggerDay ? 0 : 1);
    this.blocked = triggers.map((t) => {
      let end = t + 1;
      for (const clock of clocks) end = Math.max(end, clock.startOfDay(clock.localDay(t) + extra));
      return [t, end];
    });
  }

  next(x: number): number {
    if (!isActive(this.cooldown, x)) return x;
    let y = x;
    for (let moved = true; moved; ) {
      moved = false;
      for (const [start, end] of this.blocked) {
        if (start <= y && y < end) {
          y = end;
          moved = true;
        }
      }
    }
    return y >= this.cooldown.until ? Math.max(x, this.cooldown.until) : y;
  }

  describe(): string {
    const r = this.cooldown.rule;
    return `${this.id}: within ${r.days} days after a telephone conversation (per ${r.scope}${r.includeTriggerDay ? ', conversation day = day 1' : ''})`;
  }
}

/** Not before a fixed instant (a cooling-off period's end). */
export class FloorConstraint implements Constraint {
  constructor(
    readonly id: string,
    private readonly floor: number,
    private readonly reason: string,
  ) {}

  next(x: number): number {
    return x < this.floor ? this.floor : x;
  }

  describe(): string {
    return `${this.id}: ${this.reason}`;
  }
}
