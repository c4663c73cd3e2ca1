import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each planned step keeps the inputs and per-input contributions behind its priority score. */
export class PriorityBasis1732500000203 implements MigrationInterface {
  name = 'PriorityBasis1732500000203';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact_step ADD COLUMN priority_basis jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact_step DROP COLUMN priority_basis`);
  }
}
