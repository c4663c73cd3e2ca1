import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboundWebhooks1732500000140 implements MigrationInterface {
  name = 'OutboundWebhooks1732500000140';

  async up(q: QueryRunner): Promise<void> {
    // One endpoint per tenant. The signing secret is shown once, when it is made; it is kept here
    // because every delivery is signed with it (a hash would not do).
    await q.query(`
      CREATE TABLE webhook_endpoint (
        tenant_id       uuid PRIMARY KEY REFERENCES tenant(id),
        url             text NOT NULL,
        signing_secret  text NOT NULL,
        -- Public event types the tenant wants; empty: all of them.
        event_types     text[] NOT NULL DEFAULT '{}',
        enabled         boolean NOT NULL DEFAULT true,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    // One row per webhook to send, written in the transaction that consumed the internal event.
    // event_id is stable (derived from the internal event), unique per tenant: never two deliveries of one event.
    await q.query(`
      CREATE TABLE webhook_delivery (
        id               uuid PRIMARY KEY,
        tenant_id        uuid NOT NULL REFERENCES tenant(id),
        event_id         uuid NOT NULL,
        event_type       text NOT NULL,
        source_event_id  uuid NOT NULL,
        -- The exact bytes sent and signed.
        body             text NOT NULL,
        status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts         int NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz,
        give_up_at       timestamptz NOT NULL,
        -- Set while one sender has it in flight; a result from an older claim does not change the row.
        claim_token      uuid,
        last_status_code int,
        last_error       text,
        last_attempt_at  timestamptz,
        delivered_at     timestamptz,
        failed_at        timestamptz,
        created_at       timestamptz NOT NULL,
        UNIQUE (tenant_id, event_id)
      )`);
    await q.query(`CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_delivery_by_tenant ON webhook_delivery (tenant_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX webhook_delivery_failed ON webhook_delivery (tenant_id, failed_at) WHERE status = 'failed'`);
    await q.query(`
      CREATE TABLE webhook_delivery_attempt (
        delivery_id      uuid NOT NULL REFERENCES webhook_delivery(id),
        attempt          int NOT NULL,
        tenant_id        uuid NOT NULL,
        started_at       timestamptz NOT NULL,
        duration_ms      int NOT NULL,
        status_code      int,
        -- Why it failed when there was no answer (timeout, refused): never the response body.
        error            text,
        outcome          text NOT NULL CHECK (outcome IN ('delivered', 'retry_scheduled', 'failed', 'superseded')),
        next_attempt_at  timestamptz,
        PRIMARY KEY (delivery_id, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_delivery_attempt');
    await q.query('DROP TABLE webhook_delivery');
    await q.query('DROP TABLE webhook_endpoint');
  }
}
