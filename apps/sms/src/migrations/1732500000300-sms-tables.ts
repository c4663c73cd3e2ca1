import { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsTables1732500000300 implements MigrationInterface {
  name = 'SmsTables1732500000300';

  async up(q: QueryRunner): Promise<void> {
    // One row per workflow step, claimed before the provider is called: the step id is the
    // idempotency key that keeps a redelivered command from sending twice.
    await q.query(`
      CREATE TABLE sms_delivery (
        step_id             uuid PRIMARY KEY,
        case_id             uuid NOT NULL,
        tenant_id           uuid NOT NULL,
        status              text NOT NULL,
        provider_message_id text,
        segments            int,
        encoding            text,
        error_code          text,
        error_detail        text,
        reported            boolean NOT NULL DEFAULT false,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sms_delivery');
  }
}
