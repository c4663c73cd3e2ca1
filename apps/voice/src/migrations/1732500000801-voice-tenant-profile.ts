import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each tenant's voice: text-to-speech voice, LLM model and temperature, and the rules for live signals. */
export class VoiceTenantProfile1732500000801 implements MigrationInterface {
  name = 'VoiceTenantProfile1732500000801';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE voice_tenant_profile (
        tenant_id        uuid PRIMARY KEY,
        tts_voice        text,
        llm_model        text,
        llm_temperature  real,
        signal_rules     jsonb NOT NULL DEFAULT '[]',
        version          integer NOT NULL DEFAULT 1,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE voice_tenant_profile`);
  }
}
