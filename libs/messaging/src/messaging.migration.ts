import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox (events waiting to be published) and the inbox (events already handled) of one
 * service, in that service's schema. Every service lists this migration first.
 */
export class MessagingTables1732500000000 implements MigrationInterface {
  name = 'MessagingTables1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq          bigserial PRIMARY KEY,
        event_id     uuid NOT NULL UNIQUE,
        topic        text NOT NULL,
        record_key   text NOT NULL,
        headers      jsonb NOT NULL,
        payload      jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE inbox (
        consumer_group text NOT NULL,
        event_id       text NOT NULL,
        topic          text NOT NULL,
        handled_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbox');
    await q.query('DROP TABLE outbox');
  }
}
