import { MigrationInterface, QueryRunner } from 'typeorm';

export class Workflows1732500000202 implements MigrationInterface {
  name = 'Workflows1732500000202';

  async up(q: QueryRunner): Promise<void> {
    // Versions are never edited: a case keeps the version it started with.
    await q.query(`
      CREATE TABLE workflow_version (
        tenant_id  uuid NOT NULL,
        version    int NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, version)
      )`);
    await q.query(`ALTER TABLE contact_step ADD COLUMN variant text, ADD COLUMN priority numeric NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX contact_step_due_priority ON contact_step (due_at, priority DESC) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contact_step_due_priority`);
    await q.query(`ALTER TABLE contact_step DROP COLUMN variant, DROP COLUMN priority`);
    await q.query(`DROP TABLE workflow_version`);
  }
}
