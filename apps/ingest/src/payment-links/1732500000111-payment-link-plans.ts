import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plans page behind a link: when it was last shown (a view is an event at most once a minute,
 * like an open) and the plan chosen on it (a double submit is one paylink.plan_chosen).
 */
export class PaymentLinkPlans1732500000111 implements MigrationInterface {
  name = 'PaymentLinkPlans1732500000111';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE payment_link ADD COLUMN plans_viewed_at timestamptz, ADD COLUMN chosen_plan_id uuid');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE payment_link DROP COLUMN plans_viewed_at, DROP COLUMN chosen_plan_id');
  }
}
