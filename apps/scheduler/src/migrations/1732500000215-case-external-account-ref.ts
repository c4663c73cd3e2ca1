import { MigrationInterface, QueryRunner } from 'typeorm';

/** The lender's own account reference, so a call can ask the negotiation service about the account. */
export class CaseExternalAccountRef1732500000215 implements MigrationInterface {
  name = 'CaseExternalAccountRef1732500000215';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recovery_case ADD COLUMN external_account_ref text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recovery_case DROP COLUMN external_account_ref`);
  }
}
