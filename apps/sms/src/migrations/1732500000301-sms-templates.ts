import { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsTemplates1732500000301 implements MigrationInterface {
  name = 'SmsTemplates1732500000301';

  async up(q: QueryRunner): Promise<void> {
    // Every save is a new version; the highest one is in use, the older ones say what was sent when.
    await q.query(`
      CREATE TABLE sms_template (
        tenant_id     uuid NOT NULL,
        name          text NOT NULL,
        language      text NOT NULL,
        tone          text NOT NULL,
        version       int NOT NULL,
        body          text NOT NULL,
        jurisdictions text[] NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, name, language, tone, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sms_template');
  }
}
