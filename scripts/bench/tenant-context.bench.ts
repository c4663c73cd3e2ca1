/**
 * Benchmark (not a test): what tenant isolation costs per request.
 *
 *   node -r @swc-node/register scripts/bench/tenant-context.bench.ts    (BENCH_N, default 2000)
 *
 * In one run, on one PostgreSQL database, one after the other, sequential (one client):
 *  1. Baseline: a tenant-filtered read on the service's own connection (`SELECT … WHERE tenant_id = $1`).
 *  2. The same read inside `withTenant` (BEGIN; SET LOCAL ROLE; set_config; the read; COMMIT) —
 *     what a tenant-facing request path pays for row-level security.
 *  3. API-key authentication's lookup and constant-time hash check (one indexed read + SHA-256).
 * The cases take turns, five rounds each; prints each case's median round and its ratio to the baseline.
 */
import 'reflect-metadata';
import { MessagingTables1732500000000 } from '@settle/messaging';
import { createServiceDataSource, initializeServiceDataSource, withTenant } from '@settle/persistence';
import { createTestDatabase } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { apiKeyMatches, parseApiKey } from '../../apps/ingest/src/auth/api-key';
import { ApiKeyRepository } from '../../apps/ingest/src/auth/api-key.repository';
import { INGEST_SERVICE } from '../../apps/ingest/src/ingest.module';
import { TenantRepository } from '../../apps/ingest/src/tenants/tenant.repository';

const N = Number(process.env.BENCH_N ?? 2000);

const ROUNDS = 5;

/** Runs every case in turn, ROUNDS times (so drift on a shared machine hits all alike), and reports each case's median round. */
async function compare(cases: [string, () => Promise<unknown>][]): Promise<number[]> {
  const perRound = cases.map(() => [] as number[]);
  for (const [, op] of cases) for (let i = 0; i < 200; i++) await op(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [c, [, op]] of cases.entries()) {
      const n = Math.ceil(N / ROUNDS);
      const start = performance.now();
      for (let i = 0; i < n; i++) await op();
      perRound[c].push((performance.now() - start) / n);
    }
  }
  return cases.map(([label], c) => {
    const sorted = [...perRound[c]].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`  ${label.padEnd(64)} ${(median * 1000).toFixed(0).padStart(6)} µs/op  (median of ${ROUNDS} rounds × ${Math.ceil(N / ROUNDS)}; range ${(sorted[0] * 1000).toFixed(0)}–${(sorted.at(-1)! * 1000).toFixed(0)})`);
    return median;
  });
}

async function main(): Promise<void> {
  const db = await createTestDatabase('benchtenant');
  const ds = createServiceDataSource({ url: db.url, schema: 'ingest', migrations: [MessagingTables1732500000000, ...INGEST_SERVICE.migrations], poolSize: 4 });
  try {
    await initializeServiceDataSource(ds);
    const tenants = new TenantRepository(ds);
    const keys = new ApiKeyRepository(ds);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await tenants.create(`Bench ${i}`)).id);
    for (const id of ids) for (let k = 0; k < 50; k++) await keys.create(id, `k${k}`, ['cases:read']);
    const tenantId = ids[7];
    const key = (await keys.create(tenantId, 'bench', ['cases:read'])).key;
    const read = `SELECT id, name, scopes FROM api_key WHERE tenant_id = $1 ORDER BY created_at LIMIT 20`;

    console.log(`tenant context cost, PostgreSQL ${(await ds.query('SHOW server_version'))[0].server_version}, ${ids.length} tenants × 50 keys, run ${randomUUID().slice(0, 8)}`);
    const [base, tx, rls, auth] = await compare([
      ['baseline: owner connection, WHERE tenant_id = $1', () => ds.query(read, [tenantId])],
      ['the same read in a plain transaction (BEGIN … COMMIT)', () => ds.transaction((t) => t.query(read, [tenantId]))],
      ['withTenant: transaction + SET LOCAL ROLE + set_config + RLS', () => withTenant(ds, tenantId, (t) => t.query(read, [tenantId]))],
      ['API key check: lookup by key id + SHA-256 constant-time compare', async () => {
        const stored = await keys.findForAuth(parseApiKey(key)!.keyId);
        if (!stored || !apiKeyMatches(key, stored.hash)) throw new Error('key did not verify');
      }],
    ]);
    console.log(`  ratios to baseline: transaction ${(tx / base).toFixed(2)}×, withTenant ${(rls / base).toFixed(2)}×, key check ${(auth / base).toFixed(2)}×`);
  } finally {
    await ds.destroy();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
