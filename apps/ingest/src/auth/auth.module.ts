import { Module } from '@nestjs/common';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { ApiKeyGuard, OperatorOrTenantAdminGuard } from './api-key.guard';
import { ApiKeyRepository } from './api-key.repository';

/** Import this in any module whose controllers use `@RequireScopes(...)` (it brings the per-tenant rate limit). */
@Module({
  imports: [RateLimitModule],
  providers: [ApiKeyRepository, ApiKeyGuard, OperatorOrTenantAdminGuard],
  exports: [ApiKeyRepository, ApiKeyGuard, OperatorOrTenantAdminGuard, RateLimitModule],
})
export class AuthModule {}
