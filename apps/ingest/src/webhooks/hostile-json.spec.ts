import { validateLenderEvent } from '@settle/contracts';
import { instalmentMissed } from '../../../settle-e2e/src/harness';
import { MAX_JSON_DEPTH, hostileJson, nestsDeeperThan } from '@settle/contracts';

describe('hostile JSON checks before validation', () => {
  const nested = (depth: number, leaf: unknown = 1): unknown => {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  };

  it('counts objects and arrays as one level each; scalars add nothing', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan('x', 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan([[1]], 1)).toBe(true);
    expect(nestsDeeperThan([[1]], 2)).toBe(false);
  });

  it('is exact at the limit', () => {
    for (const depth of [1, 2, 5, MAX_JSON_DEPTH]) {
      expect(nestsDeeperThan(nested(depth), depth)).toBe(false);
      expect(nestsDeeperThan(nested(depth + 1), depth)).toBe(true);
    }
  });

  it('finds the one deep branch among shallow siblings and names where it is', () => {
    const value = { a: 1, b: [1, 2, { c: 3 }], d: { e: nested(40) }, f: 'x' };
    expect(hostileJson(value)).toEqual({ field: expect.stringMatching(/^d\.e(\.a|\.0)+$/), problem: `must not nest deeper than ${MAX_JSON_DEPTH} levels` });
    expect(hostileJson({ a: 1, b: [1, 2, { c: 3 }], f: 'x' })).toBeUndefined();
  });

  it('handles nesting far beyond the call stack without throwing', () => {
    const deep = JSON.parse(`${'['.repeat(60_000)}${']'.repeat(60_000)}`);
    expect(nestsDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
    expect(hostileJson(deep)?.field).toMatch(/^0(\.0){31}$/);
  });

  it('refuses own __proto__, constructor and prototype keys anywhere, naming the path', () => {
    expect(hostileJson(JSON.parse('{"account":{"externalRef":{"constructor":"x"}}}'))).toEqual({ field: 'account.externalRef.constructor', problem: 'the key "constructor" is not allowed' });
    expect(hostileJson(JSON.parse('{"__proto__":{"polluted":true}}'))?.field).toBe('__proto__');
    expect(hostileJson(JSON.parse('{"a":[{"prototype":1}]}'))?.field).toBe('a.0.prototype');
    expect(hostileJson({ constructorName: 1, proto: 2 })).toBeUndefined();
  });

  it('refuses NUL characters and unpaired surrogates in values and keys, which PostgreSQL cannot store', () => {
    expect(hostileJson(JSON.parse('{"account":{"contact":{"firstName":"An\\u0000na"}}}'))).toEqual({
      field: 'account.contact.firstName', problem: 'must not contain NUL characters or unpaired UTF-16 surrogates',
    });
    expect(hostileJson(JSON.parse('{"a":["ok","\\ud800"]}'))?.field).toBe('a.1');
    expect(hostileJson(JSON.parse('{"a":"\\udfffx"}'))?.field).toBe('a');
    expect(hostileJson(JSON.parse('{"\\ud800":1}'))?.problem).toMatch(/^keys must not/);
    expect(hostileJson('\u0000')?.field).toBe('$');
    expect(hostileJson({ name: 'Zoë 😀 ß', emoji: '\ud83d\ude00' })).toBeUndefined();
  });

  it('covers the inputs that made the validator throw (a 500, or a stalled Kafka partition, before this check)', () => {
    const event = instalmentMissed() as unknown as { account: { externalRef: unknown } };
    event.account.externalRef = JSON.parse('{"constructor":"x"}');
    const body = JSON.parse(JSON.stringify(event));
    expect(hostileJson(body)).toBeDefined();
    expect(validateLenderEvent(body)).toMatchObject({ ok: false, errors: [{ field: 'account.externalRef.constructor' }] });
    const deep = JSON.parse(JSON.stringify(instalmentMissed()).replace('"account":', `"x":${'['.repeat(8_000)}${']'.repeat(8_000)},"account":`));
    expect(hostileJson(deep)).toBeDefined();
    expect(validateLenderEvent(deep).ok).toBe(false);
  });
});
