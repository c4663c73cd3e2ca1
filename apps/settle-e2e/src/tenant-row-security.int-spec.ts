import { MessagingTables1732500000000 } from '@settle/messaging';
import { CoveredTable, createServiceDataSource, DataSource, enableTenantRowSecurity, initializeServiceDataSource, tenantTables, withTenant } from '@settle/persistence';
import { createTestDatabase, TestDatabase } from '@settle/testing';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { SERVICES } from './harness';

jest.setTimeout(300_000);

const A = '0a0a0a0a-0000-4000-8000-00000000000a';
const B = '0b0b0b0b-0000-4000-8000-00000000000b';

interface Column {
  name: string;
  type: string;
  nullable: boolean;
  has_default: boolean;
  check_literal: string | null;
}

/**
 * Every service schema, migrated for real; in each, one row per tenant in every tenant table
 * (written as the owner, whose connection RLS does not confine), then tenant A's context tries
 * to read, change, delete and forge tenant B's rows.
 */
describe('row-level security: tenant A’s context never reaches tenant B’s rows, in any schema', () => {
  let db: TestDatabase;
  const sources = new Map<string, DataSource>();

  beforeAll(async () => {
    db = await createTestDatabase('rls');
    for (const [definition] of Object.values(SERVICES)) {
      const ds = createServiceDataSource({
        url: db.url, schema: definition.name, migrations: [MessagingTables1732500000000, ...definition.migrations], poolSize: 2,
      });
      // A service with its own RLS migration is checked on migrations alone; one without (yet) relies on the start-up check.
      const ownMigration = definition.migrations.some((m) => m.name.startsWith('TenantRowSecurity'));
      await initializeServiceDataSource(ds, { rowSecurity: !ownMigration });
      sources.set(definition.name, ds);
    }
  });

  afterAll(async () => {
    for (const ds of sources.values()) await ds.destroy();
    await db?.drop();
  });

  it('covers every table with a tenant_id column, the tenant table and the children of covered tables', async () => {
    for (const [schema, ds] of sources) {
      const withTenantId: { table: string }[] = await ds.query(
        `SELECT table_name AS table FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'tenant_id'`, [schema],
      );
      const secured: { table: string }[] = await ds.query(
        `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = 'tenant_isolation'
         WHERE n.nspname = $1 AND c.relrowsecurity`, [schema],
      );
      const securedNames = secured.map((s) => s.table);
      expect(withTenantId.length).toBeGreaterThan(0);
      for (const { table } of withTenantId) expect(`${schema}.${securedNames.includes(table) ? table : `${table} (NOT SECURED)`}`).toBe(`${schema}.${table}`);
    }
    const covered = async (schema: string) => (await tenantTables(sources.get(schema)!, schema)).map((t) => t.table);
    expect(await covered('ingest')).toEqual(expect.arrayContaining(['tenant', 'api_key', 'lender_event', 'webhook_receipt', 'payment_link']));
    expect(await covered('scheduler')).toEqual(expect.arrayContaining(['recovery_case', 'case_transition', 'compliance_decision', 'contact_step']));
    expect(await covered('email')).toEqual(expect.arrayContaining(['email_delivery', 'email_signal']));
    for (const schema of sources.keys()) expect(await covered(schema)).not.toEqual(expect.arrayContaining(['outbox', 'inbox', 'migrations']));
  });

  it('in every schema, A’s context sees only A’s rows, cannot update, delete or insert B’s, and sees nothing without a tenant', async () => {
    let checked = 0;
    for (const [schema, ds] of sources) {
      const tables = await tenantTables(ds, schema);
      const rows = await seed(ds, schema, tables);
      for (const t of tables) {
        const key = keyColumnOf(t);
        const label = `${schema}.${t.table}`;
        const ownA = rows.get(t.table)!.a;
        const ownB = rows.get(t.table)!.b;
        // Read: only A's row.
        const seen = await withTenant(ds, A, (tx) => tx.query(`SELECT ${key.column} AS k FROM "${t.table}"`));
        expect([label, seen.map((r: { k: unknown }) => String(r.k))]).toEqual([label, [String(ownA[key.column])]]);
        // Update and delete everything in sight: B's row survives untouched.
        const [, updated] = await withTenant(ds, A, (tx) => tx.query(`UPDATE "${t.table}" SET "${key.column}" = "${key.column}"`));
        expect([label, updated]).toEqual([label, 1]);
        const [, deleted] = await withTenant(ds, A, (tx) => tx.query(`DELETE FROM "${t.table}" WHERE "${key.column}" = $1`, [ownB[key.column]]));
        expect([label, deleted]).toEqual([label, 0]);
        const stillB = await ds.query(`SELECT 1 FROM "${schema}"."${t.table}" WHERE "${key.column}" = $1`, [ownB[key.column]]);
        expect([label, stillB.length]).toEqual([label, 1]);
        // Forge: a row claiming B (or a child of B's parent) is refused by the policy's WITH CHECK.
        const forged = { ...ownB, ...freshKeys(rows.get(t.table)!.columns, t) };
        const forge = withTenant(ds, A, (tx) => insert(tx, t.table, forged));
        await expect(forge).rejects.toThrow(/row-level security/);
        // No tenant set: nothing visible at all.
        const blind = await ds.transaction(async (tx) => {
          await tx.query('SET LOCAL ROLE settle_tenant');
          return tx.query(`SELECT count(*)::int AS n FROM "${t.table}"`);
        });
        expect([label, blind[0].n]).toEqual([label, 0]);
        checked += 1;
      }
      // The outbox: a tenant context may add events but not read anyone's; the inbox is closed.
      await withTenant(ds, A, async (tx) => {
        await tx.query(`INSERT INTO outbox (event_id, topic, record_key, headers, payload) VALUES ($1, 't', 'k', '{}', '{}')`, [randomUUID()]);
        await tx.query(`SELECT pg_notify('settle_outbox', current_schema())`);
      });
      await expect(withTenant(ds, A, (tx) => tx.query('SELECT * FROM outbox'))).rejects.toThrow(/permission denied/);
      await expect(withTenant(ds, A, (tx) => tx.query('SELECT * FROM inbox'))).rejects.toThrow(/permission denied/);
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('is idempotent, and services starting at once (one schema each) do not trip over the shared role', async () => {
    const policyCount = async (ds: DataSource) =>
      (await ds.query(`SELECT count(*)::int AS n FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema()`))[0].n as number;
    const before = new Map<string, number>();
    for (const [schema, ds] of sources) before.set(schema, await policyCount(ds));
    for (let round = 0; round < 2; round++) {
      await Promise.all([...sources].map(([schema, ds]) => enableTenantRowSecurity(ds, schema)));
    }
    for (const [schema, ds] of sources) expect([schema, await policyCount(ds)]).toEqual([schema, before.get(schema)]);
  });

  // --- generic rows for arbitrary tables -------------------------------------------------------

  function keyColumnOf(t: CoveredTable): { column: string } {
    return { column: t.how === 'id' ? 'id' : t.how === 'tenant_id' ? 'ctid_key' : t.how.column };
  }

  async function columnsOf(ds: DataSource, schema: string, table: string): Promise<Column[]> {
    return ds.query(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
              (a.atthasdef OR a.attidentity <> '') AS has_default,
              (SELECT substring(pg_get_constraintdef(con.oid) FROM '''([^'']*)''')
                 FROM pg_constraint con WHERE con.conrelid = c.oid AND con.contype = 'c' AND a.attnum = ANY (con.conkey) LIMIT 1) AS check_literal
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [schema, table],
    );
  }

  function valueFor(column: Column): unknown {
    if (column.check_literal !== null) return column.check_literal;
    const type = column.type;
    if (type.endsWith('[]')) return [];
    if (type === 'uuid') return randomUUID();
    if (/^(integer|bigint|smallint|numeric)/.test(type)) return randomInt(1, 1_000_000);
    if (type === 'boolean') return false;
    if (type.startsWith('timestamp')) return new Date('2026-03-02T10:00:00Z');
    if (type === 'date') return '2026-03-02';
    if (type === 'jsonb' || type === 'json') return {};
    if (type === 'bytea') return randomBytes(16);
    const sized = /^character(?: varying)?\((\d+)\)$/.exec(type);
    if (sized) return randomUUID().replace(/-/g, '').slice(0, Number(sized[1])).toUpperCase();
    return `x-${randomUUID()}`;
  }

  function freshKeys(columns: Column[], t: CoveredTable): Record<string, unknown> {
    // New values for every uuid/text column that is not the tenant link, so no unique key collides.
    const link = t.how === 'id' ? null : t.how === 'tenant_id' ? 'tenant_id' : t.how.column;
    return Object.fromEntries(
      columns
        .filter((c) => c.name !== link && c.name !== 'ctid_key' && c.check_literal === null && (['uuid', 'text', 'bytea'].includes(c.type) || c.type.startsWith('character')))
        .filter((c) => !(t.how === 'id' && c.name === 'id'))
        .map((c) => [c.name, valueFor(c)]),
    );
  }

  async function insert(tx: { query: DataSource['query'] }, table: string, row: Record<string, unknown>): Promise<Record<string, unknown>> {
    const names = Object.keys(row).filter((n) => n !== 'ctid_key');
    const [inserted] = await tx.query(
      `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
      names.map((n) => row[n]),
    );
    return inserted;
  }

  /** One row for A and one for B in every covered table, parents first; foreign keys are not checked (replica mode). */
  async function seed(ds: DataSource, schema: string, tables: CoveredTable[]) {
    const rows = new Map<string, { a: Record<string, unknown>; b: Record<string, unknown>; columns: Column[] }>();
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SET session_replication_role = replica`);
      // Parents before children: a table's entry in `tables` comes after its parent's.
      for (const t of tables) {
        const columns = await columnsOf(ds, schema, t.table);
        const make = (tenant: string, parent?: Record<string, unknown>) => {
          const row: Record<string, unknown> = {};
          for (const c of columns) if (!c.nullable && !c.has_default) row[c.name] = valueFor(c);
          if (t.how === 'tenant_id') row.tenant_id = tenant;
          else if (t.how === 'id') row.id = tenant;
          else row[t.how.column] = parent![t.how.parentColumn];
          return row;
        };
        const parentRows = typeof t.how === 'object' ? rows.get(t.how.parent)! : undefined;
        const a = await insert(runner as unknown as DataSource, t.table, make(A, parentRows?.a));
        const b = await insert(runner as unknown as DataSource, t.table, make(B, parentRows?.b));
        if (t.how === 'tenant_id') {
          // A per-row key for checks, whatever the table's own key is.
          await runner.query(`ALTER TABLE "${t.table}" ADD COLUMN IF NOT EXISTS ctid_key uuid DEFAULT gen_random_uuid()`);
          const keys: { tenant_id: string; ctid_key: string }[] = await runner.query(`SELECT tenant_id, ctid_key FROM "${t.table}"`);
          a.ctid_key = keys.find((k) => k.tenant_id === A)!.ctid_key;
          b.ctid_key = keys.find((k) => k.tenant_id === B)!.ctid_key;
        }
        rows.set(t.table, { a, b, columns });
      }
    } finally {
      await runner.release();
    }
    return rows;
  }
});
