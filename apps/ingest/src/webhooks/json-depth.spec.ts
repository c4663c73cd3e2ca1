import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

describe('nestsDeeperThan', () => {
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

  it('finds the one deep branch among shallow siblings', () => {
    const value = { a: 1, b: [1, 2, { c: 3 }], d: { e: nested(40) }, f: 'x' };
    expect(nestsDeeperThan(value, MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: [1, 2, { c: 3 }], f: 'x' }, MAX_JSON_DEPTH)).toBe(false);
  });

  it('handles nesting far beyond the call stack without throwing', () => {
    const deep = JSON.parse(`${'['.repeat(60_000)}${']'.repeat(60_000)}`);
    expect(nestsDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
  });
});
