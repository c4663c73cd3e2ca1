import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import type { Response } from 'express';
import { IngestConfig } from '../ingest.config';
import { TokenBuckets } from './domain/token-bucket';

export type RateLimitedRoute = 'api' | 'webhook';

/**
 * Per-tenant rate limits: a token bucket per tenant and route class (API-key requests, signed
 * webhooks), in this replica's memory. With N replicas behind a balancer a tenant may get up to
 * N times the configured rate; that bounds abuse without a PostgreSQL round trip per request.
 * Time is the service clock (a scaled demo clock scales the limits with it).
 */
@Injectable()
export class TenantRateLimiter {
  private readonly buckets: Record<RateLimitedRoute, TokenBuckets>;

  constructor(
    @Inject(SERVICE_CONFIG) config: IngestConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.buckets = {
      api: new TokenBuckets({ perSecond: config.API_RATE_LIMIT_PER_SECOND, burst: config.API_RATE_LIMIT_BURST }),
      webhook: new TokenBuckets({ perSecond: config.WEBHOOK_RATE_LIMIT_PER_SECOND, burst: config.WEBHOOK_RATE_LIMIT_BURST }),
    };
  }

  /** Takes a token for the tenant, or answers 429 with Retry-After (problem+json). */
  enforce(route: RateLimitedRoute, tenantId: string, response: Response): void {
    const take = this.buckets[route].take(tenantId, this.clock.now().getTime());
    if (take.allowed) return;
    response.setHeader('Retry-After', String(take.retryAfterSeconds));
    throw new ProblemException(429, 'rate-limited', `Too many requests for this tenant; retry after ${take.retryAfterSeconds} s.`, {
      retryAfterSeconds: take.retryAfterSeconds,
    });
  }
}
