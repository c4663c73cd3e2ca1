import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contact outside the workflow (kind 'plan_reminder': a missed plan instalment's reminder) keeps what
 * it says on its step — the instalment's amount and due date, the plan, the template — because the
 * case's own amount is the whole plan's.
 */
export class PlanReminders1732500000220 implements MigrationInterface {
  name = 'PlanReminders1732500000220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact_step ADD COLUMN plan_reminder jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact_step DROP COLUMN plan_reminder`);
  }
}
