/**
 * Benchmark (not a test): what a voice turn pays to get restructuring options.
 *
 *   bash scripts/with-kafka.sh node -r @swc-node/register scripts/bench/negotiation-options.bench.ts   (BENCH_N, default 400)
 *
 * Prints p50/p99 of: (1) the pure maths alone (restructuringOptions on data already at hand) — the
 * in-process floor; (2) the in-process path a voice turn can take: two live lender calls through
 * the HTTP platform connector (to the sandbox lender platform on loopback) + the maths; (3) the
 * negotiation service's internal API, POST /v1/negotiation/options, doing the same plus the tenant
 * policy read — and its overhead as a ratio of (2), measured in the same run.
 */
import 'reflect-metadata';
import { restructuringOptions } from '@settle/negotiation';
import { HttpPlatformConnector, restructuringInputOf } from '@settle/platform-connector';
import { LenderSandbox } from '@settle/sandbox';
import { startService } from '@settle/service-kit';
import { createTestDatabase, createTestKafka } from '@settle/testing';
import { cpus } from 'node:os';
import { NEGOTIATION_SERVICE, NegotiationModule } from '../../apps/negotiation/src/negotiation.module';

const N = Number(process.env.BENCH_N ?? 400);
const BENCH_TOKEN = 'bench-negotiation-token-0123456789';
const TENANT = '5d2a7f1e-3b4c-4d5e-8f60-718293a4b5c6';
const POLICY = { minInstalmentMinor: 1_000, maxExtensionDays: 90, maxReschedules: 2, settlementDiscountBps: { min: 0, max: 1_000 } };
const REFS = ['bnpl-de-1001', 'bnpl-de-1002', 'bnpl-gb-2001', 'bnpl-se-3002', 'bnpl-pl-4002', 'bnpl-us-5002'];

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function measure(label: string, run: (i: number) => Promise<unknown> | unknown): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 30; i++) await run(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await run(i);
    samples.push(performance.now() - t);
  }
  const r = { p50: pct(samples, 50), p99: pct(samples, 99) };
  process.stdout.write(`${label.padEnd(58)} p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms\n`);
  return r;
}

async function main(): Promise<void> {
  const lender = await LenderSandbox.start();
  const [db, kafka] = await Promise.all([createTestDatabase('bench-neg'), createTestKafka('bench-neg')]);
  const env = { DATABASE_URL: db.url, KAFKA_BROKERS: kafka.brokers, KAFKA_TOPIC_PREFIX: kafka.prefix, LOG_LEVEL: 'warn', LENDER_PLATFORM_URL: lender.url, ADMIN_TOKEN: BENCH_TOKEN };
  const service = await startService(NEGOTIATION_SERVICE, NegotiationModule, { port: 0, env });
  process.stdout.write(`machine: ${cpus().length} cpus, node ${process.version}; ${N} requests each, sequential\n`);
  try {
    const connector = new HttpPlatformConnector({ baseUrl: lender.url, token: 'sandbox-lender-token' });
    const today = new Date().toISOString().slice(0, 10);
    const cached = await Promise.all(REFS.map(async (ref) => [await connector.balance(ref), await connector.restructurings(ref)] as const));
    await measure('(1) maths only (data at hand)', (i) => {
      const [account, allowed] = cached[i % cached.length];
      return restructuringOptions(restructuringInputOf(account, allowed, POLICY, today));
    });
    const inProcess = await measure('(2) in-process: connector (2 live calls) + maths', async (i) => {
      const ref = REFS[i % REFS.length];
      const [account, allowed] = await Promise.all([connector.balance(ref, { budgetMs: 1_000 }), connector.restructurings(ref, { budgetMs: 1_000 })]);
      return restructuringOptions(restructuringInputOf(account, allowed, POLICY, today));
    });
    const api = await measure('(3) POST /v1/negotiation/options (service over HTTP)', async (i) => {
      const res = await fetch(`${service.url}/v1/negotiation/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` },
        body: JSON.stringify({ tenantId: TENANT, externalAccountRef: REFS[i % REFS.length], budgetMs: 1_000 }),
      });
      if (res.status !== 200) throw new Error(`options answered ${res.status}`);
      return res.json();
    });
    process.stdout.write(`service API vs in-process: p50 ×${(api.p50 / inProcess.p50).toFixed(2)}, p99 ×${(api.p99 / inProcess.p99).toFixed(2)}\n`);
  } finally {
    await service.stop();
    await lender.stop();
    await db.drop();
    await kafka.cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
