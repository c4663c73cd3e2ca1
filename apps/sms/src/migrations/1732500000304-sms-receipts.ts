import { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsReceipts1732500000304 implements MigrationInterface {
  name = 'SmsReceipts1732500000304';

  async up(q: QueryRunner): Promise<void> {
    // The carrier's verdict from the delivery-status receipt: the first one per message counts
    // (and emits sms.delivered or sms.failed/undelivered); repeats change nothing.
    await q.query(`
      ALTER TABLE sms_delivery
        ADD COLUMN receipt_status   text,
        ADD COLUMN receipt_response text,
        ADD COLUMN receipt_at       timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sms_delivery DROP COLUMN receipt_status, DROP COLUMN receipt_response, DROP COLUMN receipt_at');
  }
}
