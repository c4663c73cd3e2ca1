/**
 * How deeply a parsed JSON value nests, measured without recursion and with an early exit, so
 * a hostile body (`[[[[…` in 64 KiB nests tens of thousands deep) cannot exhaust the stack here.
 * The validator copies and walks unknown fields recursively, so such a body must be refused
 * before it reaches it. The lender event schema nests four levels; the limit leaves room for
 * unknown fields a lender adds later.
 */
export const MAX_JSON_DEPTH = 32;

export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}
