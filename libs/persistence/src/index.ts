export { createServiceDataSource, initializeServiceDataSource, ServiceDataSourceOptions } from './data-source';
export {
  CoveredTable, disableTenantRowSecurity, enableTenantRowSecurity, ensureTenantRole, tenantTables, TENANT_POLICY, TENANT_ROLE, TENANT_SETTING, withTenant,
} from './tenant-row-security';
export { DataSource, EntityManager } from 'typeorm';
