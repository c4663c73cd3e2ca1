/** Plain-text table and formatting helpers for the demo's report (no personal data goes in). */

export function table(headers: string[], rows: string[][], rightAligned: number[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const cell = (text: string, i: number) => (rightAligned.includes(i) ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (cells: string[]) => `  ${cells.map(cell).join('  ')}`.trimEnd();
  const rule = `  ${widths.map((w) => '─'.repeat(w)).join('  ')}`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function money(amountMinor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const value = (amountMinor / 10 ** digits).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${currency} ${value}`;
}

/** e.g. "Mon 08:04" in the given zone. */
export function localTime(at: Date | string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('hour')}:${get('minute')}`;
}

/** Hour of day (0–23, with fraction) in the given zone. */
export function localHour(at: Date | string, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') + get('minute') / 60 + get('second') / 3600;
}

/** e.g. "Tue 03 Mar 14:00 UTC". */
export function settleTime(at: Date): string {
  return `${new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(at)
    .replace(',', '')} UTC`;
}

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a';
}
