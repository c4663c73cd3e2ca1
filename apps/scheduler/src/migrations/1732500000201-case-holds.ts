import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseHolds1732500000201 implements MigrationInterface {
  name = 'CaseHolds1732500000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recovery_case
      ADD COLUMN open_disputes text[] NOT NULL DEFAULT '{}',
      ADD COLUMN opted_out text[] NOT NULL DEFAULT '{}',
      ADD COLUMN hold_reason text,
      ADD COLUMN hold_until timestamptz`);
    // A step can be planned again after a pause; only one pending timer per case, step and kind.
    await q.query(`ALTER TABLE contact_step ADD COLUMN kind text NOT NULL DEFAULT 'contact'`);
    await q.query(`ALTER TABLE contact_step DROP CONSTRAINT contact_step_case_id_step_key`);
    await q.query(`CREATE UNIQUE INDEX contact_step_one_pending ON contact_step (case_id, step, kind) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contact_step_one_pending`);
    await q.query(`ALTER TABLE contact_step DROP COLUMN kind`);
    await q.query(`ALTER TABLE contact_step ADD CONSTRAINT contact_step_case_id_step_key UNIQUE (case_id, step)`);
    await q.query(`ALTER TABLE recovery_case DROP COLUMN open_disputes, DROP COLUMN opted_out, DROP COLUMN hold_reason, DROP COLUMN hold_until`);
  }
}
