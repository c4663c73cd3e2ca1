import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Scope } from './scopes';

/** Who an API-key-authenticated request acts for; set on the request by ApiKeyGuard. */
export interface TenantPrincipal {
  tenantId: string;
  keyId: string;
  scopes: Scope[];
}

export const PRINCIPAL_PROPERTY = 'settlePrincipal';

export type RequestWithPrincipal = { [PRINCIPAL_PROPERTY]?: TenantPrincipal };

export function principalOf(request: unknown): TenantPrincipal | undefined {
  return (request as RequestWithPrincipal)[PRINCIPAL_PROPERTY];
}

/** `@Principal() principal: TenantPrincipal` in a handler guarded by `@RequireScopes(...)`. */
export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext): TenantPrincipal => {
  const principal = principalOf(context.switchToHttp().getRequest());
  if (!principal) throw new Error('@Principal() used on a route without @RequireScopes(...)');
  return principal;
});
