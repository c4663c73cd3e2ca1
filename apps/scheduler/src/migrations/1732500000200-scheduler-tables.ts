import { MigrationInterface, QueryRunner } from 'typeorm';

export class SchedulerTables1732500000200 implements MigrationInterface {
  name = 'SchedulerTables1732500000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recovery_case (
        id               uuid PRIMARY KEY,
        tenant_id        uuid NOT NULL,
        account_id       uuid NOT NULL,
        status           text NOT NULL,
        workflow_id      text NOT NULL,
        next_step        int NOT NULL,
        currency         char(3) NOT NULL,
        amount_due_minor bigint NOT NULL,
        recovered_minor  bigint NOT NULL,
        instalments      jsonb NOT NULL,
        contacts_sent    int NOT NULL,
        -- Personal data, minimised: what the channels need to reach the debtor.
        contact          jsonb NOT NULL,
        opened_at        timestamptz NOT NULL,
        closed_at        timestamptz,
        outcome          text
      )`);
    // At most one open case per account.
    await q.query(`CREATE UNIQUE INDEX recovery_case_one_open ON recovery_case (tenant_id, account_id)
                   WHERE status NOT IN ('resolved', 'closed', 'written_off')`);
    await q.query(`
      CREATE TABLE case_transition (
        id              bigserial PRIMARY KEY,
        case_id         uuid NOT NULL REFERENCES recovery_case(id),
        from_status     text,
        to_status       text NOT NULL,
        cause_event_id  uuid NOT NULL,
        reason          text NOT NULL,
        at              timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE contact_step (
        id          uuid PRIMARY KEY,
        case_id     uuid NOT NULL REFERENCES recovery_case(id),
        tenant_id   uuid NOT NULL,
        step        int NOT NULL,
        channel     text NOT NULL,
        tone        text NOT NULL,
        due_at      timestamptz NOT NULL,
        status      text NOT NULL DEFAULT 'pending',
        fired_at    timestamptz,
        UNIQUE (case_id, step)
      )`);
    await q.query(`CREATE INDEX contact_step_due ON contact_step (due_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE compliance_decision (
        id          bigserial PRIMARY KEY,
        case_id     uuid NOT NULL REFERENCES recovery_case(id),
        step_id     uuid NOT NULL REFERENCES contact_step(id),
        channel     text NOT NULL,
        decided_at  timestamptz NOT NULL,
        outcome     text NOT NULL,
        until       timestamptz,
        rule_ids    text[] NOT NULL,
        reasons     text[] NOT NULL,
        inputs      jsonb NOT NULL
      )`);
    // The contact-attempt ledger all channels share: the source of truth for caps and timelines.
    await q.query(`
      CREATE TABLE contact_attempt (
        step_id      uuid PRIMARY KEY REFERENCES contact_step(id),
        case_id      uuid NOT NULL REFERENCES recovery_case(id),
        tenant_id    uuid NOT NULL,
        account_id   uuid NOT NULL,
        channel      text NOT NULL,
        requested_at timestamptz NOT NULL,
        outcome      text NOT NULL,
        detail       text,
        updated_at   timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX contact_attempt_account ON contact_attempt (tenant_id, account_id, requested_at)`);
    // Events that contradicted what Settle knows (a payment for a closed case…): kept, with why.
    await q.query(`
      CREATE TABLE ignored_event (
        event_id    uuid PRIMARY KEY,
        tenant_id   uuid NOT NULL,
        account_id  uuid NOT NULL,
        type        text NOT NULL,
        reason      text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ignored_event', 'contact_attempt', 'compliance_decision', 'contact_step', 'case_transition', 'recovery_case']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
