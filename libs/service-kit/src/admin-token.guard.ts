import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ServiceConfig } from '@settle/config';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { ProblemException } from './problem-details';
import { SERVICE_CONFIG } from './tokens';

/**
 * Operator endpoints (tenant set-up, workflow configuration) until per-tenant API keys front them:
 * a bearer token from ADMIN_TOKEN, compared in constant time. Unset: the endpoints answer 404.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = this.config.ADMIN_TOKEN;
    if (!token) throw new ProblemException(404, 'not-found', 'The admin API is not enabled.');
    const header = context.switchToHttp().getRequest<Request>().header('authorization') ?? '';
    const given = Buffer.from(header.replace(/^Bearer /, ''));
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ProblemException(401, 'unauthorized', 'A valid admin bearer token is required.');
    }
    return true;
  }
}
