import { MigrationInterface, QueryRunner } from 'typeorm';

export class NegotiationTables1732500000700 implements MigrationInterface {
  name = 'NegotiationTables1732500000700';

  async up(q: QueryRunner): Promise<void> {
    // Per-tenant negotiation policy (bounds of what may be offered) and the rule for missed plan instalments.
    await q.query(`
      CREATE TABLE tenant_policy (
        tenant_id  uuid PRIMARY KEY,
        policy     jsonb NOT NULL,
        plan_rule  jsonb NOT NULL,
        version    int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per agreement. Claimed (pending, with the chosen plan) before the lender is called,
    // so a retried request resumes with the same plan id — the lender's idempotency key — and the
    // same plan, and plan.agreed is emitted once, when the row turns active.
    await q.query(`
      CREATE TABLE agreement (
        id               uuid PRIMARY KEY,
        tenant_id        uuid NOT NULL,
        account_id       uuid NOT NULL,
        external_ref     text NOT NULL,
        case_id          uuid,
        source           text NOT NULL,
        kind             text NOT NULL,
        idempotency_key  text NOT NULL,
        request_hash     text NOT NULL,
        status           text NOT NULL,
        lender_plan_ref  text,
        tracked          jsonb NOT NULL,
        option           jsonb NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX agreement_active_by_account ON agreement (tenant_id, account_id) WHERE status = 'active'`);
    await q.query(`
      CREATE TABLE ignored_event (
        event_id    uuid PRIMARY KEY,
        tenant_id   uuid NOT NULL,
        type        text NOT NULL,
        reason      text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ignored_event');
    await q.query('DROP TABLE agreement');
    await q.query('DROP TABLE tenant_policy');
  }
}
