import { IANAZone } from 'luxon';

/*
 * Time arithmetic for the policy engine, written for speed: the scheduler asks once per due step and
 * a benchmark dispatches a million. Everything is integer milliseconds since the epoch (UTC instants)
 * or "wall" milliseconds (the same scale, shifted by a zone's offset, so that floor(wall / DAY) is the
 * local calendar day number and wall mod DAY the local time of day).
 *
 * Zone offsets come from luxon's IANAZone (Intl underneath) and are memoised per zone and UTC hour:
 * an hour whose first and last millisecond share an offset holds no transition, so every instant in
 * it has that offset. Hours containing a transition are marked and answered exactly each time.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Instants the engine will reason about: comfortably inside the Date range even after a 35-day search. */
export const MIN_INSTANT = Date.UTC(1900, 0, 1);
export const MAX_INSTANT = Date.UTC(9000, 0, 1);

export function isUsableInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_INSTANT && ms <= MAX_INSTANT;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The inverse of daysFromCivil. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

export function isoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A memoising view of one IANA zone. Obtain through `zoneClock`, which validates the name once. */
export class ZoneClock {
  private readonly hours = new Map<number, number>();
  private lastHour = Number.NaN;
  private lastOffset = 0;

  constructor(
    readonly name: string,
    private readonly zone: IANAZone,
  ) {}

  /** The zone's UTC offset at instant `u`, in milliseconds. */
  offsetMs(u: number): number {
    const hour = Math.floor(u / HOUR);
    let offset: number;
    if (hour === this.lastHour) {
      offset = this.lastOffset;
    } else {
      const known = this.hours.get(hour);
      if (known === undefined) {
        const first = this.exact(hour * HOUR);
        const last = this.exact(hour * HOUR + HOUR - 1);
        offset = first === last ? first : Number.NaN;
        if (this.hours.size >= 50_000) this.hours.clear();
        this.hours.set(hour, offset);
      } else {
        offset = known;
      }
      this.lastHour = hour;
      this.lastOffset = offset;
    }
    return Number.isNaN(offset) ? this.exact(u) : offset;
  }

  /** Local wall-clock milliseconds (see the file comment). */
  wall(u: number): number {
    return u + this.offsetMs(u);
  }

  /** The local calendar day number of instant `u`. */
  localDay(u: number): number {
    return Math.floor(this.wall(u) / DAY);
  }

  /**
   * The first instant whose local wall time is at or after `wallTarget`. For a wall time that does
   * not exist (a spring-forward gap) that is the transition instant; for one that exists twice (a
   * fall-back overlap) it is one of the two occurrences, both of which show that wall time.
   */
  firstInstantAtOrAfter(wallTarget: number): number {
    let u = wallTarget - this.offsetMs(wallTarget);
    u = wallTarget - this.offsetMs(u);
    if (this.wall(u) >= wallTarget && this.wall(u - 1) < wallTarget) return u;
    // Rare (a transition nearby): bisect. Offsets lie within −12 h … +14 h, so the bracket holds.
    let lo = wallTarget - 26 * HOUR;
    let hi = wallTarget + 26 * HOUR;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.wall(mid) >= wallTarget) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  /** The first instant of local day `day`. */
  startOfDay(day: number): number {
    return this.firstInstantAtOrAfter(day * DAY);
  }

  private exact(u: number): number {
    return Math.round(this.zone.offset(u) * MINUTE);
  }
}

const clocks = new Map<string, ZoneClock | null>();

/** The clock for an IANA zone name, or null when the name is not a zone (never throws). */
export function zoneClock(name: unknown): ZoneClock | null {
  if (typeof name !== 'string') return null;
  const known = clocks.get(name);
  if (known !== undefined) return known;
  let clock: ZoneClock | null = null;
  try {
    // Reject names with surrounding blanks explicitly; Intl's tolerance varies across versions.
    if (name.length > 0 && name.length <= 64 && name.trim() === name && IANAZone.isValidZone(name)) {
      const zone = IANAZone.create(name);
      if (zone.isValid && Number.isFinite(zone.offset(Date.UTC(2026, 0, 1)))) clock = new ZoneClock(name, zone);
    }
  } catch {
    clock = null;
  }
  // Arbitrary junk strings must not grow the memo without bound.
  if (clocks.size >= 5_000) clocks.clear();
  clocks.set(name, clock);
  return clock;
}
