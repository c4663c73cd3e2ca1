import { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsGate1732500000303 implements MigrationInterface {
  name = 'SmsGate1732500000303';

  async up(q: QueryRunner): Promise<void> {
    // The last-moment compliance verdict of a step that was not sent (status 'blocked'): kept on the
    // row so a redelivered command reports the same sms.blocked, and an auditor sees why.
    await q.query(`
      ALTER TABLE sms_delivery
        ADD COLUMN gate_outcome  text,
        ADD COLUMN gate_rule_ids text[],
        ADD COLUMN gate_reasons  text[],
        ADD COLUMN gate_until    timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sms_delivery DROP COLUMN gate_outcome, DROP COLUMN gate_rule_ids, DROP COLUMN gate_reasons, DROP COLUMN gate_until');
  }
}
