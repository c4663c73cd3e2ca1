import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Tenant isolation in PostgreSQL itself (row-level security), in every schema holding tenant data.
 *
 * - `settle_tenant` is a NOLOGIN role. Request paths that act for one tenant run their SQL through
 *   `withTenant(db, tenantId, fn)`: a transaction that switches to that role (`SET LOCAL ROLE`) and
 *   sets `settle.tenant_id` for the transaction only. Policies on every tenant-owned table let the
 *   role see and write only rows of that tenant; with the setting absent it sees nothing.
 * - The service's own connection (the table owner) is not subject to the policies: consumers, the
 *   outbox relay and timers work across tenants as before. RLS is not FORCEd for the owner.
 * - Which tables: every table with a `tenant_id` column (policy on it); the `tenant` table itself
 *   (policy on `id`); a table without `tenant_id` that references a covered table by a single-column
 *   foreign key (its rows are visible when the parent row is, which the parent's own policy
 *   decides). Other tables (inbox, migrations, idempotency ledgers without tenant data) get no
 *   privileges at all, so the role cannot read them; the outbox gets INSERT only, so a tenant
 *   request can emit events but never read other tenants' events.
 *
 * Everything is idempotent and only adds what is missing, so the same function serves the
 * per-service migration and the start-up check that also covers tables added by later migrations.
 * Calls for one schema are serialised by the caller (the migration advisory lock); calls for
 * different schemas may run at once.
 */
export const TENANT_ROLE = 'settle_tenant';
export const TENANT_SETTING = 'settle.tenant_id';
export const TENANT_POLICY = 'tenant_isolation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURRENT_TENANT = `NULLIF(current_setting('${TENANT_SETTING}', true), '')::uuid`;

export interface CoveredTable {
  table: string;
  /** The policy's condition, e.g. `tenant_id = …` or `EXISTS (parent row)`. */
  how: 'tenant_id' | 'id' | { parent: string; column: string; parentColumn: string };
}

/**
 * Creates the role (cluster-wide, once) and lets the connecting user switch to it. Services and
 * test databases may do this at the same moment: a failure is ignored when, looking again, the
 * role exists and the user may use it. A user without CREATEROLE needs the role made for it
 * beforehand (`CREATE ROLE settle_tenant NOLOGIN; GRANT settle_tenant TO <service user>`).
 */
export async function ensureTenantRole(q: QueryRunner | DataSource): Promise<void> {
  await q.query(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TENANT_ROLE}') THEN
        CREATE ROLE ${TENANT_ROLE} NOLOGIN;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TENANT_ROLE}') THEN RAISE; END IF;
    END $$`);
  await q.query(`
    DO $$ BEGIN
      IF NOT pg_has_role(current_user, '${TENANT_ROLE}', 'MEMBER') THEN
        EXECUTE format('GRANT ${TENANT_ROLE} TO %I', current_user);
      END IF;
    EXCEPTION WHEN OTHERS THEN
      IF NOT pg_has_role(current_user, '${TENANT_ROLE}', 'MEMBER') THEN RAISE; END IF;
    END $$`);
}

/** The tables of `schema` that hold tenant data, and how each one is tied to a tenant. */
export async function tenantTables(q: QueryRunner | DataSource, schema: string): Promise<CoveredTable[]> {
  const tables: { table: string; has_tenant_id: boolean }[] = await q.query(
    `SELECT c.relname AS table,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has_tenant_id
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
    [schema],
  );
  const foreignKeys: { child: string; column: string; parent: string; parent_column: string }[] = await q.query(
    `SELECT ch.relname AS child, ca.attname AS column, pa_c.relname AS parent, pa.attname AS parent_column
       FROM pg_constraint con
       JOIN pg_class ch ON ch.oid = con.conrelid
       JOIN pg_class pa_c ON pa_c.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace AND n.oid = pa_c.relnamespace
       JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = con.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = con.confkey[1]
      WHERE con.contype = 'f' AND n.nspname = $1 AND array_length(con.conkey, 1) = 1
      ORDER BY ch.relname, ca.attname`,
    [schema],
  );
  const covered = new Map<string, CoveredTable>();
  for (const t of tables) {
    if (t.has_tenant_id) covered.set(t.table, { table: t.table, how: 'tenant_id' });
    else if (t.table === 'tenant') covered.set(t.table, { table: t.table, how: 'id' });
  }
  // Children of covered tables, to a fixed point (a grandchild is covered through its parent).
  for (let grew = true; grew; ) {
    grew = false;
    for (const fk of foreignKeys) {
      if (!covered.has(fk.child) && covered.has(fk.parent)) {
        covered.set(fk.child, { table: fk.child, how: { parent: fk.parent, column: fk.column, parentColumn: fk.parent_column } });
        grew = true;
      }
    }
  }
  return [...covered.values()];
}

/**
 * Enables row-level security on every tenant table of `schema` (see the module comment), grants
 * the tenant role what it needs, and adds nothing that is already there. Returns the tables.
 */
export async function enableTenantRowSecurity(q: QueryRunner | DataSource, schema: string): Promise<CoveredTable[]> {
  assertIdentifier(schema);
  await ensureTenantRole(q);
  const [schemaGrant] = (await q.query(`SELECT has_schema_privilege($1, $2, 'USAGE') AS ok`, [TENANT_ROLE, schema])) as { ok: boolean }[];
  if (!schemaGrant.ok) await q.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${TENANT_ROLE}`);
  const covered = await tenantTables(q, schema);
  const state: { table: string; rls: boolean; policy: boolean; granted: boolean }[] = await q.query(
    `SELECT c.relname AS table, c.relrowsecurity AS rls,
            EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = $2) AS policy,
            has_table_privilege($3, c.oid, 'SELECT') AS granted
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
    [schema, TENANT_POLICY, TENANT_ROLE],
  );
  const byTable = new Map(state.map((s) => [s.table, s]));
  for (const t of covered) {
    assertIdentifier(t.table);
    const s = byTable.get(t.table)!;
    const qualified = `"${schema}"."${t.table}"`;
    if (!s.rls) await q.query(`ALTER TABLE ${qualified} ENABLE ROW LEVEL SECURITY`);
    if (!s.policy) {
      const condition = policyCondition(schema, t);
      await q.query(`CREATE POLICY ${TENANT_POLICY} ON ${qualified} TO ${TENANT_ROLE} USING (${condition}) WITH CHECK (${condition})`);
    }
    if (!s.granted) await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${qualified} TO ${TENANT_ROLE}`);
  }
  // A tenant request may emit events (INSERT) but never read the outbox, which holds every tenant's.
  const outbox = byTable.get('outbox');
  if (outbox && !(await hasPrivilege(q, `"${schema}"."outbox"`, 'INSERT'))) {
    await q.query(`GRANT INSERT ON "${schema}"."outbox" TO ${TENANT_ROLE}`);
  }
  const sequences: { name: string }[] = await q.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND CASE WHEN c.relkind = 'S' THEN NOT has_sequence_privilege($2, c.oid, 'USAGE') ELSE false END`,
    [schema, TENANT_ROLE],
  );
  for (const { name } of sequences) {
    assertIdentifier(name);
    await q.query(`GRANT USAGE ON SEQUENCE "${schema}"."${name}" TO ${TENANT_ROLE}`);
  }
  return covered;
}

/** Undoes enableTenantRowSecurity for one schema (migration `down`); the cluster-wide role stays. */
export async function disableTenantRowSecurity(q: QueryRunner | DataSource, schema: string): Promise<void> {
  assertIdentifier(schema);
  const tables: { table: string }[] = await q.query(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relrowsecurity`,
    [schema],
  );
  for (const { table } of tables) {
    assertIdentifier(table);
    await q.query(`DROP POLICY IF EXISTS ${TENANT_POLICY} ON "${schema}"."${table}"`);
    await q.query(`ALTER TABLE "${schema}"."${table}" DISABLE ROW LEVEL SECURITY`);
  }
  await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA "${schema}" FROM ${TENANT_ROLE}`);
  await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA "${schema}" FROM ${TENANT_ROLE}`);
  await q.query(`REVOKE USAGE ON SCHEMA "${schema}" FROM ${TENANT_ROLE}`);
}

function policyCondition(schema: string, t: CoveredTable): string {
  if (t.how === 'tenant_id') return `tenant_id = ${CURRENT_TENANT}`;
  if (t.how === 'id') return `id = ${CURRENT_TENANT}`;
  const { parent, column, parentColumn } = t.how;
  [parent, column, parentColumn].forEach(assertIdentifier);
  return `EXISTS (SELECT 1 FROM "${schema}"."${parent}" settle_parent WHERE settle_parent."${parentColumn}" = "${t.table}"."${column}")`;
}

async function hasPrivilege(q: QueryRunner | DataSource, table: string, privilege: string): Promise<boolean> {
  const [row] = (await q.query(`SELECT has_table_privilege($1, $2, $3) AS ok`, [TENANT_ROLE, table, privilege])) as { ok: boolean }[];
  return row.ok;
}

/**
 * Runs `fn` for one tenant under row-level security: in a transaction (the given one, or a new
 * one) as `settle_tenant` with `settle.tenant_id` set, so every query in it sees and writes only
 * that tenant's rows. Both settings end with the transaction. Inside a caller's transaction the
 * rest of that transaction stays confined too.
 */
export async function withTenant<T>(db: DataSource | EntityManager, tenantId: string, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error('withTenant needs a tenant id (uuid)');
  const confine = async (tx: EntityManager) => {
    await tx.query(`SET LOCAL ROLE ${TENANT_ROLE}`);
    await tx.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [tenantId]);
    return fn(tx);
  };
  if (db instanceof EntityManager && db.queryRunner?.isTransactionActive) return confine(db);
  return db.transaction(confine);
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a safe identifier`);
}
