import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheduler's copy of each tenant's white-label profile, from tenant.events.v1 (ingest owns
 * tenants): the highest profile version seen, read when a contact command is built. `tenant_id`
 * puts it under the schema's row-level security like every tenant table.
 */
export class TenantProfile1732500000230 implements MigrationInterface {
  name = 'TenantProfile1732500000230';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_profile (
        tenant_id  uuid PRIMARY KEY,
        version    bigint NOT NULL,
        profile    jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tenant_profile`);
  }
}
