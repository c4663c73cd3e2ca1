import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalyticsTables1732500000500 implements MigrationInterface {
  name = 'AnalyticsTables1732500000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_count (
        tenant_id uuid NOT NULL,
        type      text NOT NULL,
        day       date NOT NULL,
        count     bigint NOT NULL,
        PRIMARY KEY (tenant_id, type, day)
      )`);
    await q.query(`
      CREATE TABLE case_fact (
        case_id          uuid PRIMARY KEY,
        tenant_id        uuid NOT NULL,
        opened_at        timestamptz,
        closed_at        timestamptz,
        outcome          text,
        currency         char(3),
        amount_due_minor bigint,
        recovered_minor  bigint NOT NULL DEFAULT 0,
        sms_sent         int NOT NULL DEFAULT 0,
        sms_failed       int NOT NULL DEFAULT 0
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_fact');
    await q.query('DROP TABLE event_count');
  }
}
