import { MigrationInterface, QueryRunner } from 'typeorm';

export class VoiceCallOwner1732500000802 implements MigrationInterface {
  name = 'VoiceCallOwner1732500000802';

  async up(q: QueryRunner): Promise<void> {
    // The replica holding a call's conversation (VOICE_REPLICA_URL), so the others can pass it
    // the call's webhooks and link/payment signals. NULL: a single-replica deployment.
    await q.query(`ALTER TABLE voice_call ADD COLUMN owner_url text`);
    await q.query(`CREATE INDEX voice_call_live_by_account ON voice_call (tenant_id, account_id) WHERE status NOT IN ('ended', 'failed', 'unknown', 'released')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX voice_call_live_by_account`);
    await q.query(`ALTER TABLE voice_call DROP COLUMN owner_url`);
  }
}
