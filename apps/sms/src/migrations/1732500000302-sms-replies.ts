import { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsReplies1732500000302 implements MigrationInterface {
  name = 'SmsReplies1732500000302';

  async up(q: QueryRunner): Promise<void> {
    // A reply names only the number it came from: the hash finds the latest SMS sent there, and
    // with it the case, the language and the brand to answer in. The number itself is not stored.
    await q.query(`
      ALTER TABLE sms_delivery
        ADD COLUMN account_id     uuid,
        ADD COLUMN phone_hash     text,
        ADD COLUMN language       text,
        ADD COLUMN brand_name     text,
        ADD COLUMN country        text,
        ADD COLUMN cost_micro_usd bigint`);
    await q.query(`CREATE INDEX sms_delivery_by_phone ON sms_delivery (phone_hash, created_at DESC) WHERE phone_hash IS NOT NULL`);
    await q.query(`CREATE INDEX sms_delivery_by_provider_id ON sms_delivery (provider_message_id) WHERE provider_message_id IS NOT NULL`);

    // The sms service's own record of STOP, beside the scheduler's consent: nothing goes to a number
    // that opted out of this tenant's texts, whatever a command says.
    await q.query(`
      CREATE TABLE sms_opt_out (
        phone_hash text NOT NULL,
        tenant_id  uuid NOT NULL,
        case_id    uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (phone_hash, tenant_id)
      )`);

    // One row per inbound SMS: the provider's id de-duplicates redeliveries; the auto-reply (STOP
    // confirmation, HELP text) is claimed here before it is sent, so it goes at most once.
    await q.query(`
      CREATE TABLE sms_reply (
        inbound_message_id  text PRIMARY KEY,
        tenant_id           uuid NOT NULL,
        case_id             uuid NOT NULL,
        step_id             uuid NOT NULL,
        phone_hash          text NOT NULL,
        intent              text NOT NULL,
        auto_reply          text,
        auto_reply_status   text,
        provider_message_id text,
        segments            int,
        cost_micro_usd      bigint,
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sms_reply');
    await q.query('DROP TABLE sms_opt_out');
    await q.query('DROP INDEX sms_delivery_by_provider_id');
    await q.query('DROP INDEX sms_delivery_by_phone');
    await q.query('ALTER TABLE sms_delivery DROP COLUMN account_id, DROP COLUMN phone_hash, DROP COLUMN language, DROP COLUMN brand_name, DROP COLUMN country, DROP COLUMN cost_micro_usd');
  }
}
