import { Module } from '@nestjs/common';
import { ApiKeyGuard, OperatorOrTenantAdminGuard } from './api-key.guard';
import { ApiKeyRepository } from './api-key.repository';

/** Import this in any module whose controllers use `@RequireScopes(...)`. */
@Module({
  providers: [ApiKeyRepository, ApiKeyGuard, OperatorOrTenantAdminGuard],
  exports: [ApiKeyRepository, ApiKeyGuard, OperatorOrTenantAdminGuard],
})
export class AuthModule {}
