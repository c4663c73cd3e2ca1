import { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailTables1732500000600 implements MigrationInterface {
  name = 'EmailTables1732500000600';

  async up(q: QueryRunner): Promise<void> {
    // One row per workflow step, claimed before the SMTP server is called: the step id is the
    // idempotency key that keeps a redelivered command from sending twice. The envelope's ids,
    // the payment link and the language stay here for the unsubscribe, tracking and feedback
    // endpoints, which only ever get a token or a Message-ID.
    await q.query(`
      CREATE TABLE email_delivery (
        step_id             uuid PRIMARY KEY,
        case_id             uuid NOT NULL,
        tenant_id           uuid NOT NULL,
        account_id          uuid NOT NULL,
        command_id          uuid NOT NULL,
        correlation_id      uuid NOT NULL,
        message_id          text NOT NULL UNIQUE,
        payment_url         text NOT NULL,
        language            text NOT NULL,
        brand_name          text NOT NULL,
        tracking            boolean NOT NULL,
        status              text NOT NULL,
        provider_message_id text,
        error_code          text,
        error_detail        text,
        bounce_kind         text,
        reported            boolean NOT NULL DEFAULT false,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX email_delivery_provider_message_id ON email_delivery (provider_message_id)`);
    // What the debtor or the mailbox provider did with a sent email: the first of each kind per
    // step emits its event, repeats (a reloaded pixel, a second click) change nothing.
    await q.query(`
      CREATE TABLE email_signal (
        step_id     uuid NOT NULL REFERENCES email_delivery (step_id),
        kind        text NOT NULL,
        detail      text,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (step_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE email_signal');
    await q.query('DROP TABLE email_delivery');
  }
}
