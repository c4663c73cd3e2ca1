import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every depth, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainHash(prevHash: string, position: number, event: unknown): string {
  return createHash('sha256').update(prevHash).update(`|${position}|`).update(canonicalJson(event)).digest('hex');
}

export interface ChainEntry {
  position: number;
  event: unknown;
  prevHash: string;
  hash: string;
}

/** Returns the position of the first entry that does not follow from its predecessor, or null. */
export function firstBrokenLink(entries: ChainEntry[]): number | null {
  let prev = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    if (entry.position !== i + 1 || entry.prevHash !== prev || chainHash(prev, entry.position, entry.event) !== entry.hash) return entry.position;
    prev = entry.hash;
  }
  return null;
}
