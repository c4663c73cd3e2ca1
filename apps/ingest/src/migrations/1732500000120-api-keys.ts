import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-tenant API keys, stored as SHA-256 of the key (see auth/api-key.ts for why that suffices). */
export class ApiKeys1732500000120 implements MigrationInterface {
  name = 'ApiKeys1732500000120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id           uuid PRIMARY KEY,
        tenant_id    uuid NOT NULL REFERENCES tenant(id),
        name         text NOT NULL,
        key_sha256   bytea NOT NULL,
        scopes       text[] NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        revoked_at   timestamptz
      )`);
    await q.query(`CREATE INDEX api_key_tenant ON api_key (tenant_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_key');
  }
}
