import { MigrationInterface, QueryRunner } from 'typeorm';

export class VoiceCalls1732500000800 implements MigrationInterface {
  name = 'VoiceCalls1732500000800';

  async up(q: QueryRunner): Promise<void> {
    // One row per workflow step, claimed before the provider is dialled: the step id is the
    // idempotency key that keeps a redelivered command from ringing the debtor twice.
    await q.query(`
      CREATE TABLE voice_call (
        id                 uuid PRIMARY KEY,
        step_id            uuid NOT NULL UNIQUE,
        case_id            uuid NOT NULL,
        tenant_id          uuid NOT NULL,
        account_id         uuid NOT NULL,
        status             text NOT NULL,
        provider           text NOT NULL,
        provider_call_id   text UNIQUE,
        command            jsonb NOT NULL,
        command_event_id   uuid NOT NULL,
        correlation_id     uuid NOT NULL,
        answered_by        text,
        outcome            text,
        end_reason         text,
        error_code         text,
        turns              int NOT NULL DEFAULT 0,
        input_tokens       int NOT NULL DEFAULT 0,
        output_tokens      int NOT NULL DEFAULT 0,
        answered_at        timestamptz,
        ended_at           timestamptz,
        duration_seconds   int,
        cost_telephony_micro_usd bigint,
        cost_llm_micro_usd bigint,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX voice_call_account ON voice_call (tenant_id, account_id, created_at DESC)`);
    // What was said stays here (personal data); the event stream carries intents and timings only.
    await q.query(`
      CREATE TABLE voice_transcript (
        call_id  uuid NOT NULL REFERENCES voice_call(id),
        seq      int NOT NULL,
        speaker  text NOT NULL,
        text     text NOT NULL,
        at       timestamptz NOT NULL,
        PRIMARY KEY (call_id, seq)
      )`);
    // Telnyx retries webhooks: each delivery id is handled once.
    await q.query(`CREATE TABLE voice_webhook_seen (event_id text PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`
      CREATE TABLE desk_handoff (
        id          uuid PRIMARY KEY,
        call_id     uuid NOT NULL REFERENCES voice_call(id),
        tenant_id   uuid NOT NULL,
        case_id     uuid NOT NULL,
        case_file   jsonb NOT NULL,
        created_at  timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX desk_handoff_recent ON desk_handoff (created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE desk_handoff');
    await q.query('DROP TABLE voice_webhook_seen');
    await q.query('DROP TABLE voice_transcript');
    await q.query('DROP TABLE voice_call');
  }
}
