import { MigrationInterface, QueryRunner } from 'typeorm';

export class IngestTables1732500000100 implements MigrationInterface {
  name = 'IngestTables1732500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant (
        id              uuid PRIMARY KEY,
        display_name    text NOT NULL,
        -- Current secret first; older ones stay valid until they are rotated out.
        webhook_secrets text[] NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_receipt (
        tenant_id       uuid NOT NULL REFERENCES tenant(id),
        idempotency_key text NOT NULL,
        body_sha256     text NOT NULL,
        response_status int,
        response_body   jsonb,
        received_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, idempotency_key)
      )`);
    await q.query(`
      CREATE TABLE lender_event (
        tenant_id       uuid NOT NULL REFERENCES tenant(id),
        lender_event_id text NOT NULL,
        event_ids       uuid[] NOT NULL,
        received_via    text NOT NULL,
        received_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, lender_event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE lender_event');
    await q.query('DROP TABLE webhook_receipt');
    await q.query('DROP TABLE tenant');
  }
}
