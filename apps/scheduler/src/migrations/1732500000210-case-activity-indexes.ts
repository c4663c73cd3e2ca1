import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tenant-scoped case listing (ingest's public API): page by opened_at, filter by account and last activity. */
export class CaseActivityIndexes1732500000210 implements MigrationInterface {
  name = 'CaseActivityIndexes1732500000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS recovery_case_tenant_page ON recovery_case (tenant_id, opened_at, id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS recovery_case_tenant_account ON recovery_case (tenant_id, account_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS case_transition_case_at ON case_transition (case_id, at)`);
    await q.query(`CREATE INDEX IF NOT EXISTS contact_attempt_case ON contact_attempt (case_id, updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['contact_attempt_case', 'case_transition_case_at', 'recovery_case_tenant_account', 'recovery_case_tenant_page']) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
