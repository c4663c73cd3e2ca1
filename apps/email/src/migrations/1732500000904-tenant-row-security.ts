import { disableTenantRowSecurity, enableTenantRowSecurity } from '@settle/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security on every table of the email schema that holds tenant data: the
 * `settle_tenant` role sees only the rows of the tenant named by `settle.tenant_id`
 * (libs/persistence/src/tenant-row-security.ts). The service's own connection is unaffected.
 */
export class TenantRowSecurity1732500000904 implements MigrationInterface {
  name = 'TenantRowSecurity1732500000904';

  async up(q: QueryRunner): Promise<void> {
    await enableTenantRowSecurity(q, 'email');
  }

  async down(q: QueryRunner): Promise<void> {
    await disableTenantRowSecurity(q, 'email');
  }
}
