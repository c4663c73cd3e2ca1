import { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailGateSuppression1732500000601 implements MigrationInterface {
  name = 'EmailGateSuppression1732500000601';

  async up(q: QueryRunner): Promise<void> {
    // The last-moment compliance verdict of a step that was not sent (status 'blocked'), kept so a
    // redelivered command reports the same email.blocked; and the hash of the address, so feedback
    // (which names only a Message-ID) can suppress it.
    await q.query(`
      ALTER TABLE email_delivery
        ADD COLUMN address_hash  text,
        ADD COLUMN gate_outcome  text,
        ADD COLUMN gate_rule_ids text[],
        ADD COLUMN gate_reasons  text[],
        ADD COLUMN gate_until    timestamptz`);
    // Per tenant: addresses that hard-bounced or whose owner complained get no more email from the
    // tenant, whatever a command says. SHA-256 of the lower-cased address; the address itself is not stored.
    await q.query(`
      CREATE TABLE email_suppression (
        tenant_id    uuid NOT NULL,
        address_hash text NOT NULL,
        reason       text NOT NULL,
        detail       text,
        step_id      uuid NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, address_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE email_suppression');
    await q.query('ALTER TABLE email_delivery DROP COLUMN address_hash, DROP COLUMN gate_outcome, DROP COLUMN gate_rule_ids, DROP COLUMN gate_reasons, DROP COLUMN gate_until');
  }
}
