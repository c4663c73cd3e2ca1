import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenants become white-label brands: how Settle looks and speaks for the lender, and the
 * channels' sender identities. Webhook secret rotation: the previous secret stays valid until
 * `retiring_secret_until`.
 */
export class TenantBrand1732500000121 implements MigrationInterface {
  name = 'TenantBrand1732500000121';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenant
        ADD COLUMN brand_colour           text,
        ADD COLUMN logo_url               text,
        ADD COLUMN default_language       text NOT NULL DEFAULT 'en',
        ADD COLUMN default_tone           text NOT NULL DEFAULT 'neutral',
        ADD COLUMN jurisdictions          text[] NOT NULL DEFAULT '{}',
        ADD COLUMN sms_sender_id          text,
        ADD COLUMN sms_origination_number text,
        ADD COLUMN email_from             text,
        ADD COLUMN callback_phone         text,
        ADD COLUMN retiring_secret        text,
        ADD COLUMN retiring_secret_until  timestamptz,
        ADD COLUMN updated_at             timestamptz NOT NULL DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenant
        DROP COLUMN brand_colour, DROP COLUMN logo_url, DROP COLUMN default_language, DROP COLUMN default_tone,
        DROP COLUMN jurisdictions, DROP COLUMN sms_sender_id, DROP COLUMN sms_origination_number, DROP COLUMN email_from,
        DROP COLUMN callback_phone, DROP COLUMN retiring_secret, DROP COLUMN retiring_secret_until, DROP COLUMN updated_at`);
  }
}
