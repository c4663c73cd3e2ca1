import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ServiceConfig } from '@settle/config';
import { ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { TenantRateLimiter } from '../rate-limit/tenant-rate-limiter';
import { apiKeyMatches, parseApiKey } from './api-key';
import { ApiKeyRepository } from './api-key.repository';
import { missingScopes, Scope } from './scopes';
import { PRINCIPAL_PROPERTY, RequestWithPrincipal, TenantPrincipal } from './tenant-principal';

export const REQUIRED_SCOPES = 'settle:required-scopes';

const UNAUTHORIZED = 'A valid API key is required as "Authorization: Bearer <key>".';

function bearerOf(request: Request): string | undefined {
  const header = request.header('authorization');
  const match = header ? /^Bearer ([^\s]+)$/.exec(header) : null;
  return match?.[1];
}

/**
 * Authenticates a tenant API key and checks the route's scopes. Unknown, malformed or revoked
 * key → 401; a valid key without the scope → 403; over the tenant's rate limit → 429 with
 * Retry-After; all as problem+json. On success the request carries a TenantPrincipal (read it
 * with `@Principal()`).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly reflector: Reflector,
    private readonly limiter: TenantRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES, [context.getHandler(), context.getClass()]) ?? [];
    const request = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const principal = await this.authenticate(request, required);
    this.limiter.enforce('api', principal.tenantId, context.switchToHttp().getResponse<Response>());
    request[PRINCIPAL_PROPERTY] = principal;
    return true;
  }

  async authenticate(request: Request, required: readonly Scope[]): Promise<TenantPrincipal> {
    const presented = bearerOf(request);
    if (!presented) throw new ProblemException(401, 'unauthorized', UNAUTHORIZED);
    const parsed = parseApiKey(presented);
    const stored = parsed ? await this.keys.findForAuth(parsed.keyId) : undefined;
    if (!parsed || !stored || !apiKeyMatches(presented, stored.hash)) throw new ProblemException(401, 'unauthorized', UNAUTHORIZED);
    if (stored.revoked) throw new ProblemException(401, 'revoked-api-key', 'This API key has been revoked.');
    const missing = missingScopes(stored.scopes, required);
    if (missing.length > 0) {
      throw new ProblemException(403, 'insufficient-scope', `This API key lacks the scope(s) ${missing.join(', ')}.`, { requiredScopes: required });
    }
    return { tenantId: stored.tenantId, keyId: parsed.keyId, scopes: stored.scopes };
  }
}

/** Guards a route (or controller) with a tenant API key holding every listed scope. */
export function RequireScopes(...scopes: Scope[]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), UseGuards(ApiKeyGuard));
}

/**
 * Tenant administration (`/v1/admin/tenants/:id/...`): the platform operator with ADMIN_TOKEN, or
 * a key of that same tenant with the `admin` scope. Another tenant's admin key → 403.
 */
@Injectable()
export class OperatorOrTenantAdminGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeyGuard,
    private readonly limiter: TenantRateLimiter,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const presented = bearerOf(request);
    const token = this.config.ADMIN_TOKEN;
    if (presented && token) {
      const given = Buffer.from(presented);
      const expected = Buffer.from(token);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    }
    const principal = await this.apiKeys.authenticate(request, ['admin']);
    if (principal.tenantId !== request.params.id) {
      throw new ProblemException(403, 'forbidden', 'An API key may manage only its own tenant.');
    }
    this.limiter.enforce('api', principal.tenantId, context.switchToHttp().getResponse<Response>());
    request[PRINCIPAL_PROPERTY] = principal;
    return true;
  }
}
