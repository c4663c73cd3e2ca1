import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewRequests1732500000701 implements MigrationInterface {
  name = 'ReviewRequests1732500000701';

  async up(q: QueryRunner): Promise<void> {
    // One GDPR Art. 22 review request per account, rule and (UTC) day: a debtor who reloads the
    // plans page or asks again on the phone is one task for the reviewer, not one per view.
    await q.query(`
      CREATE TABLE review_request (
        tenant_id    uuid NOT NULL,
        account_id   uuid NOT NULL,
        rule_id      text NOT NULL,
        requested_on date NOT NULL,
        event_id     uuid NOT NULL,
        source       text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, account_id, rule_id, requested_on)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE review_request');
  }
}
