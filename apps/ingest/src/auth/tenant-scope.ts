import { withTenant } from '@settle/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { principalOf } from './tenant-principal';

/**
 * Runs a request's queries as whoever made it: under row-level security for the tenant when the
 * request carries a TenantPrincipal (an API key), on the service's own connection otherwise (the
 * platform operator's admin token). Tenant-facing handlers call this rather than the data source.
 */
export function asRequester<T>(dataSource: DataSource, request: unknown, fn: (db: DataSource | EntityManager) => Promise<T>): Promise<T> {
  const principal = principalOf(request);
  return principal ? withTenant(dataSource, principal.tenantId, fn) : fn(dataSource);
}
