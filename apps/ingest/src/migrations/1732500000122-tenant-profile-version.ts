import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tenant profile travels to other services as `tenant.profile_changed` (tenant.events.v1):
 * `profile_version` grows with every profile change; `profile_published_version` is the version
 * last written to the outbox. Tenants from before this migration start unpublished, so ingest's
 * start-up pass publishes each of them once.
 */
export class TenantProfileVersion1732500000122 implements MigrationInterface {
  name = 'TenantProfileVersion1732500000122';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenant
        ADD COLUMN profile_version           bigint NOT NULL DEFAULT 1,
        ADD COLUMN profile_published_version bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenant DROP COLUMN profile_version, DROP COLUMN profile_published_version`);
  }
}
