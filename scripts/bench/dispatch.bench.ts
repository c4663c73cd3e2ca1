/**
 * Benchmark (not a test): due-action dispatch with 1,000,000 open recovery cases.
 *
 *   npm run bench:dispatch            (BENCH_CASES, BENCH_BACKLOG, BENCH_STEADY_RATE, BENCH_STEADY_SECONDS)
 *
 * Prints: (1) the bare timer-claim ceiling — claiming due rows with FOR UPDATE SKIP LOCKED and
 * marking them fired, nothing else — as the baseline; (2) the scheduler's own dispatch throughput
 * over a backlog of due steps (each one: compliance decision recorded, SMS command and case events
 * in the outbox, attempt in the ledger, next step planned, relayed to Kafka), as a ratio of it;
 * (3) timer lag p50/p99 when steps fall due steadily over time.
 */
import 'reflect-metadata';
import { startService } from '@settle/service-kit';
import { createTestDatabase, createTestKafka } from '@settle/testing';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { SCHEDULER_SERVICE, SchedulerModule } from '../../apps/scheduler/src/scheduler.module';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000);
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 200);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 20);
const TENANT = '5d2a7f1e-3b4c-4d5e-8f60-718293a4b5c6';

/** A zone where it is now mid-day, so the compliance gate allows contact whenever this runs. */
function middayZone(): string {
  const zones = ['Pacific/Auckland', 'Asia/Tokyo', 'Asia/Kolkata', 'Europe/Berlin', 'America/Sao_Paulo', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu'];
  return zones.find((zone) => {
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    return hour >= 10 && hour <= 17;
  }) ?? 'UTC';
}

async function main(): Promise<void> {
  const zone = middayZone();
  const [db, kafka] = await Promise.all([createTestDatabase('bench'), createTestKafka('bench')]);
  const sql = new Client({ connectionString: db.url, options: '-c search_path=scheduler' });
  const log = (msg: string) => process.stdout.write(`${msg}\n`);
  log(`machine: ${cpus().length} cpus, node ${process.version}; cases ${CASES}, backlog ${BACKLOG}, steady ${STEADY_RATE}/s for ${STEADY_SECONDS}s; zone ${zone}`);

  // Migrate by starting the service once, then stop it while the data loads.
  const env = { DATABASE_URL: db.url, KAFKA_BROKERS: kafka.brokers, KAFKA_TOPIC_PREFIX: kafka.prefix, LOG_LEVEL: 'warn', POLL_INTERVAL_MS: '50', DISPATCH_BATCH_SIZE: process.env.DISPATCH_BATCH_SIZE ?? '100', DISPATCH_CONCURRENCY: process.env.DISPATCH_CONCURRENCY ?? '4' };
  let service = await startService(SCHEDULER_SERVICE, SchedulerModule, { port: 0, env });
  await service.stop();
  await sql.connect();

  let t = performance.now();
  await sql.query(
    `INSERT INTO recovery_case (id, tenant_id, account_id, status, workflow_id, next_step, currency, amount_due_minor, recovered_minor, instalments, contacts_sent, contact, opened_at)
     SELECT gen_random_uuid(), $1, gen_random_uuid(), 'opened', 'skeleton-sms-v1', 0, 'EUR', 2000 + (i % 18000), 0,
            jsonb_build_array(jsonb_build_object('orderRef', 'ORD-' || i, 'merchantName', 'Nordic Bikes', 'instalmentNumber', 2,
              'amountDue', jsonb_build_object('amountMinor', 2000 + (i % 18000), 'currency', 'EUR'), 'dueDate', '2026-11-20')),
            0, jsonb_build_object('phone', '+49151' || lpad(i::text, 8, '0'), 'firstName', 'Anna', 'language', 'de', 'timeZone', $2::text, 'country', 'DE'), now()
     FROM generate_series(1, $3::int) i`,
    [TENANT, zone, CASES],
  );
  // Every open case has its next step pending; all but the measured ones far in the future.
  await sql.query(
    `INSERT INTO contact_step (id, case_id, tenant_id, step, channel, tone, due_at, status)
     SELECT gen_random_uuid(), id, tenant_id, 0, 'sms', 'friendly', now() + interval '30 days', 'pending' FROM recovery_case`,
  );
  await sql.query('ANALYZE');
  log(`loaded ${CASES} open cases and ${CASES} pending timers in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // (1) Baseline: the bare claim loop over BACKLOG due rows (then put them back).
  await sql.query(`UPDATE contact_step SET due_at = now() - interval '1 minute' WHERE id IN (SELECT id FROM contact_step ORDER BY id LIMIT $1)`, [BACKLOG]);
  t = performance.now();
  let claimed = 0;
  for (;;) {
    const res = await sql.query(
      `WITH due AS (SELECT id FROM contact_step WHERE status = 'pending' AND due_at <= now() ORDER BY priority DESC, due_at LIMIT 500 FOR UPDATE SKIP LOCKED)
       UPDATE contact_step s SET status = 'fired', fired_at = now() FROM due WHERE s.id = due.id`,
    );
    claimed += res.rowCount ?? 0;
    if ((res.rowCount ?? 0) === 0) break;
  }
  const baselineRate = claimed / ((performance.now() - t) / 1000);
  log(`baseline  bare timer claim: ${claimed} due rows in ${((performance.now() - t) / 1000).toFixed(1)} s = ${baselineRate.toFixed(0)} steps/s`);
  await sql.query(`UPDATE contact_step SET status = 'pending', fired_at = NULL WHERE status = 'fired'`);

  // (2) Settle's dispatcher over the same backlog.
  service = await startService(SCHEDULER_SERVICE, SchedulerModule, { port: 0, env });
  t = performance.now();
  for (;;) {
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM contact_step WHERE step = 0 AND status <> 'pending'`);
    if (rows[0].n >= BACKLOG) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const dispatchSeconds = (performance.now() - t) / 1000;
  const dispatchRate = BACKLOG / dispatchSeconds;
  const outcomes = await sql.query(`SELECT status, count(*)::int AS n FROM contact_step WHERE step = 0 AND status <> 'pending' GROUP BY 1`);
  log(`settle    dispatch backlog: ${BACKLOG} steps in ${dispatchSeconds.toFixed(1)} s = ${dispatchRate.toFixed(0)} steps/s = ${(dispatchRate / baselineRate).toFixed(3)}× the bare claim (${outcomes.rows.map((r) => `${r.status} ${r.n}`).join(', ')})`);

  // (3) Timer lag: STEADY_RATE steps fall due every second for STEADY_SECONDS.
  const steady = STEADY_RATE * STEADY_SECONDS;
  await sql.query(
    `UPDATE contact_step SET due_at = now() + interval '3 seconds' + (rn::float / $2) * interval '1 second'
     FROM (SELECT id, row_number() OVER () AS rn FROM contact_step WHERE status = 'pending' AND step = 0 LIMIT $1) pick
     WHERE contact_step.id = pick.id`,
    [steady, STEADY_RATE],
  );
  const steadyStart = Date.now();
  for (;;) {
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM contact_step WHERE step = 0 AND status <> 'pending'`);
    if (rows[0].n >= BACKLOG + steady || Date.now() - steadyStart > (STEADY_SECONDS + 120) * 1000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const lag = await sql.query(
    `SELECT count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) AS p99,
            max(extract(epoch FROM fired_at - due_at)) AS max
     FROM contact_step s JOIN compliance_decision d ON d.step_id = s.id
     WHERE s.step = 0 AND s.status = 'fired' AND s.due_at > to_timestamp($1 / 1000.0)`,
    [steadyStart],
  );
  const l = lag.rows[0];
  log(`settle    timer lag at ${STEADY_RATE}/s: n=${l.n} p50=${(l.p50 * 1000).toFixed(0)} ms p99=${(l.p99 * 1000).toFixed(0)} ms max=${(l.max * 1000).toFixed(0)} ms (poll interval 50 ms)`);

  await service.stop();
  await sql.end();
  await db.drop();
  await kafka.cleanup();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
