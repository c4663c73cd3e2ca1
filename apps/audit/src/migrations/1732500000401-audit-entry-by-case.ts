import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditEntryByCase1732500000401 implements MigrationInterface {
  name = 'AuditEntryByCase1732500000401';

  async up(q: QueryRunner): Promise<void> {
    // A compliance officer reads one case's entries (GET …/cases/:caseId/entries and …/calls).
    await q.query(`CREATE INDEX audit_entry_by_case ON audit_entry (tenant_id, case_id, position) WHERE case_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX audit_entry_by_case');
  }
}
