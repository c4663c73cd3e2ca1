// What the two case read APIs (the operator's /v1/cases and the tenant-scoped internal one) share:
// id and status checks, query parameters, and the (opened_at, id) cursor.
import { FieldError, UUID_PATTERN } from '@settle/contracts';
import type { CaseStatus } from '../domain/recovery-case';

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Every status, spelled out so that a new status cannot be forgotten here (the compiler checks). */
const STATUS_NAMES: Record<CaseStatus, true> = {
  opened: true, reminding: true, disputed: true, paused: true, escalated: true, promised: true, plan_agreed: true,
  resolved: true, closed: true, written_off: true,
};
export const STATUSES = Object.keys(STATUS_NAMES) as CaseStatus[];

/** opened_at (of `alias`) in UTC with PostgreSQL's full (microsecond) precision, so cursors never skip or repeat a row. */
export function openedKey(alias = ''): string {
  return `to_char(${alias ? `${alias}.` : ''}opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function iso(at: Date | string): string {
  return new Date(at).toISOString();
}

/** One value of a query parameter; a repeated parameter is an error. */
export function single(query: Record<string, unknown>, field: string, errors: FieldError[]): string | undefined {
  const value = query[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    errors.push({ field, problem: 'must be given once' });
    return undefined;
  }
  return value;
}

export function encodeCursor(openedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([openedAt, id])).toString('base64url');
}

/** The (opened_at, id) a cursor points after, or null when it is not one of ours. */
export function decodeCursor(cursor: string): { openedAt: string; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      if (CURSOR_INSTANT.test(value[0]) && !Number.isNaN(Date.parse(value[0])) && UUID_PATTERN.test(value[1])) return { openedAt: value[0], id: value[1] };
    }
  } catch {
    // not JSON
  }
  return null;
}

/** The page a list request asks for: `limit` (1…max, default `fallback`) and where `cursor` points after; problems go to `errors`. */
export function pageOf(
  query: Record<string, unknown>,
  errors: FieldError[],
  limits: { fallback: number; max: number },
): { limit: number; cursor?: { openedAt: string; id: string } } {
  const limitText = single(query, 'limit', errors);
  const cursorText = single(query, 'cursor', errors);
  let limit = limits.fallback;
  if (limitText !== undefined) {
    limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= limits.max)) errors.push({ field: 'limit', problem: `must be an integer from 1 to ${limits.max}` });
  }
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursor === null) errors.push({ field: 'cursor', problem: 'is not a cursor this API returned' });
  return { limit, ...(cursor ? { cursor } : {}) };
}
