import { DateTime, IANAZone } from 'luxon';

/** A daily window of local wall-clock time in which contact is lawful, e.g. 08:00–21:00. */
export interface ContactWindow {
  startMinute: number;
  endMinute: number;
}

export function isKnownZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function minuteOfDay(local: DateTime): number {
  return local.hour * 60 + local.minute;
}

export function isInsideWindow(at: Date, zone: string, window: ContactWindow): boolean {
  const local = DateTime.fromJSDate(at, { zone });
  const minute = minuteOfDay(local) + local.second / 60;
  return minute >= window.startMinute && minute < window.endMinute;
}

/**
 * The first instant at or after `at` that falls inside the window in `zone`. Wall-clock times that
 * do not exist (spring-forward gaps) resolve to the next real instant, so DST never lets a
 * contact slip outside the window.
 */
export function nextWindowOpening(at: Date, zone: string, window: ContactWindow): Date {
  if (isInsideWindow(at, zone, window)) return at;
  const local = DateTime.fromJSDate(at, { zone });
  for (let day = 0; day <= 2; day++) {
    // Start an hour early: when the opening falls in a gap luxon moves it an hour on, past the
    // first real instant of the window.
    let probe = local.startOf('day').plus({ days: day }).set({ hour: Math.floor(window.startMinute / 60), minute: window.startMinute % 60 }).minus({ hours: 1 });
    for (let i = 0; i < 240; i++, probe = probe.plus({ minutes: 1 })) {
      if (probe.toMillis() >= at.getTime() && isInsideWindow(probe.toJSDate(), zone, window)) return probe.toJSDate();
    }
  }
  throw new Error(`no contact window found after ${at.toISOString()} in ${zone}`);
}
