/** What an API key may do. `admin` manages the tenant's own keys and settings and implies every other scope. */
export const SCOPES = ['events:write', 'cases:read', 'cases:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

/** The required scopes a key lacks (empty when it may proceed). */
export function missingScopes(granted: readonly string[], required: readonly Scope[]): Scope[] {
  if (granted.includes('admin')) return [];
  return required.filter((scope) => !granted.includes(scope));
}
