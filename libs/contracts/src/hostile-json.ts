import type { FieldError } from './validation';

/**
 * Checks on a parsed JSON body before it reaches the validator (class-transformer + class-validator),
 * which copies and walks unknown fields recursively and trips over two kinds of hostile input:
 * - nesting thousands deep (`[[[[…` in 64 KiB) blows its stack;
 * - an object with an own `constructor` key where a scalar is expected makes it throw a TypeError.
 * And PostgreSQL's jsonb cannot store a NUL character (\u0000) or an unpaired UTF-16 surrogate
 * (\ud800), which JSON may carry escaped; the insert failed after validation.
 * All of these were answered 500. The walk here is iterative with an early exit, so it cannot overflow.
 * The lender event schema nests four levels and never uses the keys below, so refusing them costs
 * a lender nothing.
 */
export const MAX_JSON_DEPTH = 32;
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

const UNSTORABLE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text PostgreSQL can store: well-formed UTF-16 (no lone surrogate) without U+0000. */
function storableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

export function nestsDeeperThan(value: unknown, limit: number): boolean {
  return hostileJson(value, limit, []) !== undefined;
}

/** The first problem found, naming where (a dotted path), or undefined when the body is safe to validate. */
export function hostileJson(value: unknown, maxDepth = MAX_JSON_DEPTH, forbiddenKeys: readonly string[] = FORBIDDEN_KEYS): FieldError | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (typeof current === 'string' && !storableText(current)) return { field: path || '$', problem: UNSTORABLE };
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) return { field: path || '$', problem: `must not nest deeper than ${maxDepth} levels` };
    const entries: [string, unknown][] = Array.isArray(current) ? current.map((v, i) => [String(i), v]) : Object.entries(current);
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${key}` : key;
      if (!Array.isArray(current) && forbiddenKeys.includes(key)) return { field: childPath, problem: `the key "${key}" is not allowed` };
      if (!Array.isArray(current) && !storableText(key)) return { field: path || '$', problem: `keys ${UNSTORABLE}` };
      if ((typeof child === 'object' && child !== null) || typeof child === 'string') stack.push({ value: child, depth: depth + 1, path: childPath });
    }
  }
  return undefined;
}
