import { MigrationInterface, QueryRunner } from 'typeorm';

/** When the plans page behind a link was last shown: a view is an event at most once a minute, like an open. */
export class PaymentLinkPlans1732500000111 implements MigrationInterface {
  name = 'PaymentLinkPlans1732500000111';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE payment_link ADD COLUMN plans_viewed_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE payment_link DROP COLUMN plans_viewed_at');
  }
}
