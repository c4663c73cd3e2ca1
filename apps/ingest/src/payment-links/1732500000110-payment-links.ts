import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentLinks1732500000110 implements MigrationInterface {
  name = 'PaymentLinks1732500000110';

  async up(q: QueryRunner): Promise<void> {
    // Keyed by the SHA-256 of the code, not the code: the index lookup cannot leak a code
    // prefix through its timing, and a copy of the table holds no working link.
    await q.query(`
      CREATE TABLE payment_link (
        code_sha256      bytea PRIMARY KEY,
        tenant_id        uuid NOT NULL,
        account_id       uuid NOT NULL,
        case_id          uuid NOT NULL,
        step_id          uuid NOT NULL,
        channel          text NOT NULL,
        amount_minor     integer NOT NULL,
        currency         char(3) NOT NULL,
        language         text NOT NULL,
        brand_name       text NOT NULL,
        merchant_name    text NOT NULL,
        due_date         date NOT NULL,
        command_id       uuid NOT NULL,
        correlation_id   uuid NOT NULL,
        created_at       timestamptz NOT NULL,
        expires_at       timestamptz NOT NULL,
        first_opened_at  timestamptz,
        last_opened_at   timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE payment_link');
  }
}
