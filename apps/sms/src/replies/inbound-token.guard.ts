import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { SmsConfig } from '../sms.config';

/**
 * The inbound SMS webhook's shared secret, in a `token` header or, as an SNS subscription URL can
 * only carry it, a `?token=` query. Compared as SHA-256 digests: constant time, whatever the length.
 */
@Injectable()
export class InboundTokenGuard implements CanActivate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: SmsConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.SMS_INBOUND_TOKEN;
    if (!expected) throw new ProblemException(404, 'not-found', 'Inbound SMS is not enabled.');
    const req = context.switchToHttp().getRequest<Request>();
    const query = req.query.token;
    const given = req.header('token') ?? (typeof query === 'string' ? query : '');
    if (!timingSafeEqual(digest(given), digest(expected))) throw new ProblemException(401, 'unauthorized', 'A valid inbound SMS token is required.');
    return true;
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
