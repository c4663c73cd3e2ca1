import { MigrationInterface, QueryRunner } from 'typeorm';

export class CallAndPlanFacts1732500000501 implements MigrationInterface {
  name = 'CallAndPlanFacts1732500000501';

  async up(q: QueryRunner): Promise<void> {
    // One row per AI call, folded from voice.events.v1 (outcome-facts.ts). Costs are integer
    // micro-USD as the voice price table states them.
    await q.query(`
      CREATE TABLE call_fact (
        call_id             uuid PRIMARY KEY,
        tenant_id           uuid NOT NULL,
        case_id             uuid,
        step_id             uuid,
        provider            text,
        dialled_at          timestamptz,
        answered_by         text,
        ended_at            timestamptz,
        outcome             text,
        end_reason          text,
        duration_seconds    int,
        turns               int,
        telephony_micro_usd bigint,
        llm_micro_usd       bigint,
        total_micro_usd     bigint,
        links_sent          int NOT NULL DEFAULT 0,
        payments_seen       int NOT NULL DEFAULT 0,
        escalations         int NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX call_fact_by_tenant ON call_fact (tenant_id)`);
    // One row per restructured instalment plan, folded from plan.events.v1.
    await q.query(`
      CREATE TABLE plan_fact (
        plan_id            uuid PRIMARY KEY,
        tenant_id          uuid NOT NULL,
        case_id            uuid,
        source             text,
        kind               text,
        status             text,
        currency           char(3),
        total_minor        bigint,
        fee_minor          bigint,
        instalments        int,
        agreed_at          timestamptz,
        ended_at           timestamptz,
        instalments_paid   int NOT NULL DEFAULT 0,
        instalments_missed int NOT NULL DEFAULT 0,
        paid_minor         bigint NOT NULL DEFAULT 0,
        outstanding_minor  bigint
      )`);
    await q.query(`CREATE INDEX plan_fact_by_tenant ON plan_fact (tenant_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE plan_fact');
    await q.query('DROP TABLE call_fact');
  }
}
