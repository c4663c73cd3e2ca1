import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTables1732500000400 implements MigrationInterface {
  name = 'AuditTables1732500000400';

  async up(q: QueryRunner): Promise<void> {
    // Append-only, hash-chained per tenant: each entry's hash covers the previous one, so an
    // edited or deleted entry breaks every hash after it.
    await q.query(`
      CREATE TABLE audit_entry (
        tenant_id   uuid NOT NULL,
        position    bigint NOT NULL,
        event_id    uuid NOT NULL UNIQUE,
        topic       text NOT NULL,
        type        text NOT NULL,
        account_id  uuid NOT NULL,
        case_id     uuid,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        event       jsonb NOT NULL,
        prev_hash   text NOT NULL,
        hash        text NOT NULL,
        PRIMARY KEY (tenant_id, position)
      )`);
    await q.query(`CREATE TABLE audit_chain_head (tenant_id uuid PRIMARY KEY, position bigint NOT NULL, hash text NOT NULL)`);
    await q.query(`
      CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$`);
    await q.query(`CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_entry');
    await q.query('DROP FUNCTION audit_entry_is_append_only');
    await q.query('DROP TABLE audit_chain_head');
  }
}
