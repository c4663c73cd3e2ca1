/*
 * Test helpers for the engine specs. Local times are computed with the platform's Intl (hourCycle
 * h23), independently of luxon and of the engine's ZoneClock, so a mistake there cannot hide
 * behind itself. Not exported from the library.
 */
import type { Channel, ContactContext, ContactEvent, Hold } from './types';

export interface Local {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
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

export function local(at: Date | number, zone: string): Local {
  const parts = Object.fromEntries(formatter(zone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

export function localText(at: Date | number, zone: string): string {
  const l = local(at, zone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[l.weekday]} ${l.year}-${p(l.month)}-${p(l.day)} ${p(l.hour)}:${p(l.minute)}:${p(l.second)}`;
}

/** The UTC instant showing the given wall-clock time in `zone` (throws for times that do not exist). */
export function zoned(zone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date {
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

/** Minutes after local midnight, with seconds and milliseconds as a fraction. */
export function localMinute(at: Date | number, zone: string): number {
  const l = local(at, zone);
  const ms = new Date(at).getUTCMilliseconds();
  return l.hour * 60 + l.minute + l.second / 60 + ms / 60_000;
}

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function ctx(over: Partial<Omit<ContactContext, 'debtor'>> & { debtor?: Partial<ContactContext['debtor']> } = {}): ContactContext {
  const { debtor, ...rest } = over;
  return {
    channel: 'sms',
    at: new Date('2026-06-10T12:00:00Z'),
    holds: [],
    history: [],
    debtId: 'debt-1',
    ...rest,
    debtor: { jurisdiction: 'US', timeZones: ['America/New_York'], optedOut: [], consents: ['ai_voice', 'email'], ...debtor },
  };
}

export function event(channel: Channel, at: Date | number, over: Partial<ContactEvent> = {}): ContactEvent {
  return { channel, at: new Date(at), kind: 'attempt', debtId: 'debt-1', ...over };
}

export function hold(kind: Hold['kind'], over: Partial<Hold> = {}): Hold {
  return { kind, ...over };
}
