import { MigrationInterface, QueryRunner } from 'typeorm';

/** Settle's own view of each lender account, kept current from the normalised account events. */
export class AccountSnapshot1732500000130 implements MigrationInterface {
  name = 'AccountSnapshot1732500000130';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_snapshot (
        tenant_id        uuid NOT NULL,
        account_id       uuid NOT NULL,
        external_ref     text NOT NULL,
        -- Personal data, minimised: the lender's current contact profile for the account.
        contact          jsonb,
        opted_out        text[] NOT NULL DEFAULT '{}',
        status           text NOT NULL,
        -- Balances, overdue instalments, disputes and holds (see accounts/domain/account-snapshot.ts).
        state            jsonb NOT NULL,
        last_event_id    uuid NOT NULL,
        last_event_type  text NOT NULL,
        events_applied   int NOT NULL,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, account_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX account_snapshot_ref ON account_snapshot (tenant_id, external_ref)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE account_snapshot');
  }
}
