import { Module } from '@nestjs/common';
import { TenantRateLimiter } from './tenant-rate-limiter';

@Module({ providers: [TenantRateLimiter], exports: [TenantRateLimiter] })
export class RateLimitModule {}
