export { ApiKeyGuard, OperatorOrTenantAdminGuard, RequireScopes, REQUIRED_SCOPES } from './api-key.guard';
export { ApiKeyRepository, ApiKeyRecord } from './api-key.repository';
export { API_KEY_PREFIX, apiKeyMatches, hashApiKey, issueApiKey, parseApiKey } from './api-key';
export { AuthModule } from './auth.module';
export { isScope, missingScopes, Scope, SCOPES } from './scopes';
export { Principal, principalOf, TenantPrincipal } from './tenant-principal';
export { asRequester } from './tenant-scope';
