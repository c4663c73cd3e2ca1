import { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailTemplates1732500000602 implements MigrationInterface {
  name = 'EmailTemplates1732500000602';

  async up(q: QueryRunner): Promise<void> {
    // Every save is a new version; the highest one is in use, the older ones say what was sent when.
    await q.query(`
      CREATE TABLE email_template (
        tenant_id  uuid NOT NULL,
        name       text NOT NULL,
        language   text NOT NULL,
        tone       text NOT NULL,
        version    int NOT NULL,
        subject    text NOT NULL,
        html       text NOT NULL,
        text_part  text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, name, language, tone, version)
      )`);
    // Which template version a step was rendered with (null: the system's).
    await q.query(`ALTER TABLE email_delivery ADD COLUMN template_name text, ADD COLUMN template_version int`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE email_delivery DROP COLUMN template_name, DROP COLUMN template_version');
    await q.query('DROP TABLE email_template');
  }
}
