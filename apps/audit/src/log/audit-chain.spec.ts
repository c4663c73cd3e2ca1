import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { ChainEntry, GENESIS_HASH, canonicalJson, chainHash, firstBrokenLink } from './audit-chain';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The same value with object keys in a different (reversed or rotated) order, at every depth. */
function reorderKeys(value: Json, seed: number): Json {
  if (Array.isArray(value)) return value.map((v, i) => reorderKeys(v, seed + i));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const rotated = seed % 2 === 0 ? [...keys].reverse() : [...keys.slice(seed % (keys.length || 1)), ...keys.slice(0, seed % (keys.length || 1))];
    const out: { [key: string]: Json } = {};
    // defineProperty, so a "__proto__" key stays a plain key as JSON.parse makes it.
    for (const k of rotated) Object.defineProperty(out, k, { value: reorderKeys(value[k], seed + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

function event(n: number, extra: Record<string, Json> = {}): Record<string, Json> {
  return {
    id: `0195b7d0-1a2b-7c3d-8e4f-5a6b7c8d9e${String(n).padStart(2, '0')}`,
    type: 'account.payment_received',
    version: 1,
    tenantId: '3b8f6c1e-2d4a-4f7b-9e0c-5a1d2b3c4e5f',
    occurredAt: `2026-03-02T09:${String(n).padStart(2, '0')}:00.000Z`,
    data: { amount: { amountMinor: 1000 + n, currency: 'EUR' }, settlesBalance: false, tags: ['a', 'b'] },
    ...extra,
  };
}

/** Builds a chain the way AuditLogService.append does. */
function buildChain(events: unknown[]): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  events.forEach((e, i) => {
    const hash = chainHash(prev, i + 1, e);
    entries.push({ position: i + 1, event: e, prevHash: prev, hash });
    prev = hash;
  });
  return entries;
}

const jsonObjectArb = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 6 }) as fc.Arbitrary<Record<string, Json>>;

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 2], c: { z: true, y: null } } })).toBe('{"a":{"c":{"y":null,"z":true},"d":[3,1,2]},"b":1}');
  });

  it('is independent of key order (example)', () => {
    expect(canonicalJson({ type: 'x', id: '1', data: { b: 2, a: 1 } })).toBe(canonicalJson({ data: { a: 1, b: 2 }, id: '1', type: 'x' }));
  });

  it('is independent of key order at every depth (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.nat(), (value, seed) => {
        expect(canonicalJson(reorderKeys(value as Json, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('is valid JSON that parses back to the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('survives a JSON (or jsonb) round trip unchanged: parse(stringify) then canonicalise gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.nat(), (value, seed) => {
        const stored = JSON.parse(JSON.stringify(reorderKeys(value as Json, seed)));
        expect(canonicalJson(stored)).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('distinguishes values that differ only in a nested leaf, a key name or a type', () => {
    expect(canonicalJson({ a: { b: 1 } })).not.toBe(canonicalJson({ a: { b: 2 } }));
    expect(canonicalJson({ a: { b: 1 } })).not.toBe(canonicalJson({ a: { c: 1 } }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it('escapes keys and strings as JSON does, so a crafted key cannot imitate structure', () => {
    expect(canonicalJson({ 'a":1,"b': 2 })).toBe('{"a\\":1,\\"b":2}');
    expect(canonicalJson({ 'a":1,"b': 2 })).not.toBe(canonicalJson({ a: 1, b: 2 }));
    expect(canonicalJson('line\nbreak "quoted"')).toBe(JSON.stringify('line\nbreak "quoted"'));
  });

  it('omits undefined properties, as JSON storage would', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson(JSON.parse(JSON.stringify({ a: 1, b: undefined }))));
  });

  it('orders keys by code unit, deterministically, including non-ASCII and numeric-looking keys', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":3,"z":2,"é":1}');
  });
});

describe('chainHash', () => {
  it('is SHA-256 over prevHash, "|position|" and the canonical JSON, in hex', () => {
    const e = event(1);
    const expected = createHash('sha256').update(`${GENESIS_HASH}|1|${canonicalJson(e)}`).digest('hex');
    expect(chainHash(GENESIS_HASH, 1, e)).toBe(expected);
    expect(chainHash(GENESIS_HASH, 1, e)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order', () => {
    const e = event(1);
    expect(chainHash(GENESIS_HASH, 1, reorderKeys(e, 0))).toBe(chainHash(GENESIS_HASH, 1, e));
  });

  it('depends on the previous hash, the position and the event', () => {
    const base = chainHash(GENESIS_HASH, 1, event(1));
    expect(chainHash('f'.repeat(64), 1, event(1))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, 2, event(1))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, 1, event(2))).not.toBe(base);
  });

  it('separates position from the event text ("|1|" + "2…" ≠ "|12|" + "…")', () => {
    expect(chainHash(GENESIS_HASH, 1, 23)).not.toBe(chainHash(GENESIS_HASH, 12, 3));
  });

  it('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });
});

describe('firstBrokenLink', () => {
  const events = Array.from({ length: 6 }, (_, i) => event(i + 1));

  it('an empty chain is intact', () => {
    expect(firstBrokenLink([])).toBeNull();
  });

  it('a chain built with chainHash verifies', () => {
    expect(firstBrokenLink(buildChain(events))).toBeNull();
  });

  it('still verifies after the events come back from storage with their keys reordered', () => {
    const stored = buildChain(events).map((e, i) => ({ ...e, event: JSON.parse(JSON.stringify(reorderKeys(e.event as Json, i))) }));
    expect(firstBrokenLink(stored)).toBeNull();
  });

  it.each([1, 2, 3, 4, 5, 6])('an altered event at position %i is detected at that position', (position) => {
    const chain = buildChain(events);
    const entry = chain[position - 1];
    chain[position - 1] = { ...entry, event: { ...(entry.event as object), data: { amount: { amountMinor: 1, currency: 'EUR' } } } };
    expect(firstBrokenLink(chain)).toBe(position);
  });

  it('an altered nested leaf (one cent) is detected', () => {
    const chain = buildChain(events);
    const e = structuredClone(chain[2].event) as { data: { amount: { amountMinor: number } } };
    e.data.amount.amountMinor += 1;
    chain[2] = { ...chain[2], event: e };
    expect(firstBrokenLink(chain)).toBe(3);
  });

  it('an altered event whose own hash was recomputed is caught at the next entry', () => {
    const chain = buildChain(events);
    const forged = event(99);
    chain[2] = { ...chain[2], event: forged, hash: chainHash(chain[2].prevHash, 3, forged) };
    expect(firstBrokenLink(chain)).toBe(4);
  });

  it.each([1, 3, 6])('a changed prevHash at position %i is detected there', (position) => {
    const chain = buildChain(events);
    chain[position - 1] = { ...chain[position - 1], prevHash: 'a'.repeat(64) };
    expect(firstBrokenLink(chain)).toBe(position);
  });

  it.each([1, 4])('a changed hash at position %i is detected there', (position) => {
    const chain = buildChain(events);
    chain[position - 1] = { ...chain[position - 1], hash: 'b'.repeat(64) };
    expect(firstBrokenLink(chain)).toBe(position);
  });

  it('a chain not starting from the genesis hash is broken at position 1', () => {
    const chain = buildChain(events);
    const rebased = chain.map((e) => ({ ...e }));
    rebased[0] = { ...rebased[0], prevHash: 'c'.repeat(64), hash: chainHash('c'.repeat(64), 1, rebased[0].event) };
    expect(firstBrokenLink(rebased)).toBe(1);
  });

  it('a removed middle entry is detected at the entry after the gap (its position no longer follows)', () => {
    const chain = buildChain(events);
    chain.splice(2, 1); // remove position 3
    expect(firstBrokenLink(chain)).toBe(4);
  });

  it('a removed entry with the rest renumbered is detected where it was removed', () => {
    const chain = buildChain(events);
    chain.splice(2, 1);
    const renumbered = chain.map((e, i) => ({ ...e, position: i + 1 }));
    expect(firstBrokenLink(renumbered)).toBe(3);
  });

  it('swapping the events of two adjacent entries is detected at the first of them', () => {
    const chain = buildChain(events);
    const [a, b] = [chain[1].event, chain[2].event];
    chain[1] = { ...chain[1], event: b };
    chain[2] = { ...chain[2], event: a };
    expect(firstBrokenLink(chain)).toBe(2);
  });

  it('reordering whole entries is detected at the first entry out of place (reported by its stored position)', () => {
    const chain = buildChain(events);
    [chain[1], chain[2]] = [chain[2], chain[1]];
    expect(firstBrokenLink(chain)).toBe(3);
  });

  it('a chain whose positions are all shifted by one is detected at its first entry (reported as stored position 2)', () => {
    const shifted = buildChain(events).map((e) => ({ ...e, position: e.position + 1 }));
    expect(firstBrokenLink(shifted)).toBe(2);
  });

  it('property: any single tampering is detected at the right position; untouched chains verify', () => {
    const tamperArb = fc.constantFrom('event', 'prevHash', 'hash', 'remove', 'renumberedRemove', 'swapEvents', 'rehashedEvent');
    fc.assert(
      fc.property(fc.array(jsonObjectArb, { minLength: 2, maxLength: 12 }), fc.nat(), tamperArb, (evs, pick, tamper) => {
        const chain = buildChain(evs);
        expect(firstBrokenLink(chain)).toBeNull();
        const i = pick % (chain.length - 1); // never the last entry, so every kind of tampering has a successor
        const position = i + 1;
        const changed = { ...chain[i].event as object, __tampered: true };
        let expected: number;
        switch (tamper) {
          case 'event':
            chain[i] = { ...chain[i], event: changed };
            expected = position;
            break;
          case 'prevHash':
            chain[i] = { ...chain[i], prevHash: chain[i].prevHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
            expected = position;
            break;
          case 'hash':
            chain[i] = { ...chain[i], hash: chain[i].hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
            expected = position;
            break;
          case 'remove':
            chain.splice(i, 1);
            expected = position + 1;
            break;
          case 'renumberedRemove':
            chain.splice(i, 1);
            for (let k = i; k < chain.length; k++) chain[k] = { ...chain[k], position: k + 1 };
            expected = position;
            break;
          case 'swapEvents': {
            fc.pre(canonicalJson(chain[i].event) !== canonicalJson(chain[i + 1].event));
            const e = chain[i].event;
            chain[i] = { ...chain[i], event: chain[i + 1].event };
            chain[i + 1] = { ...chain[i + 1], event: e };
            expected = position;
            break;
          }
          case 'rehashedEvent':
            chain[i] = { ...chain[i], event: changed, hash: chainHash(chain[i].prevHash, position, changed) };
            expected = position + 1;
            break;
          default:
            throw new Error(tamper);
        }
        expect(firstBrokenLink(chain)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
