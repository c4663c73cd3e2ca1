/**
 * Benchmark (not a test): signed lender webhooks in, committed to Kafka, out as SMS.
 *
 *   npm run bench      (BENCH_N, BENCH_CONCURRENCY, BENCH_WARMUP, BENCH_BATCH, BENCH_E2E_COUNT,
 *                       BENCH_E2E_RATE, BENCH_E2E_WARMUP, BENCH_POLL_INTERVAL_MS; see README.md)
 *
 * All on the same broker, in one run, one after the other:
 *  1. Baseline: a bare kafkajs producer writing N account.events-shaped records (same key, value
 *     and headers as Settle's outbox relay writes) to a fresh 6-partition topic — idempotent with
 *     acks=all and one request in flight (Settle's producer settings), and acks=1 non-idempotent
 *     for reference; one awaited send per record from C concurrent senders, and batched.
 *  2. Settle ingest: N signed `instalment.missed` webhooks from C keep-alive HTTP clients; the 202
 *     rate and the rate at which the resulting events are read back from account.events.v1
 *     ("accepted and committed to Kafka per second"). Warm-up requests are excluded.
 *  3. End to end: ingest + scheduler + sms with the system clock and the SnsSandbox; webhooks
 *     at a steady rate, latency from each webhook to its SMS reaching SNS, p50/p90/p99/max.
 *
 * The services run in this process, as in the e2e harness; the HTTP load generator runs in a
 * worker thread so it does not share the ingest service's event loop.
 */
import 'reflect-metadata';
import { LenderEvent, accountIdFor, recordKey } from '@settle/contracts';
import { HEADERS } from '@settle/messaging';
import { childTrace, formatTraceparent } from '@settle/observability';
import { SnsSandbox } from '@settle/sandbox';
import { RunningService, startService } from '@settle/service-kit';
import { TestDatabase, TestKafka, createTestDatabase, createTestKafka } from '@settle/testing';
import { Admin, Consumer, IHeaders, Kafka, Partitioners, Producer, logLevel } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { INGEST_SERVICE, IngestModule } from '../../apps/ingest/src/ingest.module';
import { normaliseLenderEvent } from '../../apps/ingest/src/lender-events/normalise';
import { signPayload } from '../../apps/ingest/src/webhooks/webhook-signature';
import { SCHEDULER_SERVICE, SchedulerModule } from '../../apps/scheduler/src/scheduler.module';
import { SMS_SERVICE, SmsModule } from '../../apps/sms/src/sms.module';

// ---------------------------------------------------------------------------------------------
// Parameters

function intParam(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return Math.floor(value);
}

const N = intParam('BENCH_N', 3000);
const CONCURRENCY = intParam('BENCH_CONCURRENCY', 16);
const WARMUP = intParam('BENCH_WARMUP', 200, 0);
const BATCH = intParam('BENCH_BATCH', 500);
const E2E_COUNT = intParam('BENCH_E2E_COUNT', 200);
const E2E_RATE = intParam('BENCH_E2E_RATE', 20);
const E2E_WARMUP = intParam('BENCH_E2E_WARMUP', 10, 0);
const POLL_INTERVAL_MS = intParam('BENCH_POLL_INTERVAL_MS', 100, 10);
const PARTITIONS = 6; // as account.events.v1
const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
const RUN = randomBytes(3).toString('hex');

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across worker threads. */
const now = (): number => performance.timeOrigin + performance.now();
const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Realistic lender events

interface Locale {
  zone: string;
  country: string;
  region?: string;
  language: string;
  currency: string;
  /** E.164 prefix and how many digits follow it. */
  phonePrefix: string;
  phoneDigits: number;
  phoneBase?: number;
}

// Spread so that at any instant some zone's local hour is between 10 and 18.
const LOCALES: Locale[] = [
  { zone: 'Pacific/Auckland', country: 'NZ', language: 'en', currency: 'NZD', phonePrefix: '+6421', phoneDigits: 7 },
  { zone: 'Australia/Sydney', country: 'AU', language: 'en', currency: 'AUD', phonePrefix: '+6141', phoneDigits: 7 },
  { zone: 'Asia/Tokyo', country: 'JP', language: 'en', currency: 'JPY', phonePrefix: '+8190', phoneDigits: 8 },
  { zone: 'Asia/Singapore', country: 'SG', language: 'en', currency: 'SGD', phonePrefix: '+658', phoneDigits: 7 },
  { zone: 'Asia/Kolkata', country: 'IN', language: 'en', currency: 'INR', phonePrefix: '+9198', phoneDigits: 8 },
  { zone: 'Asia/Dubai', country: 'AE', language: 'en', currency: 'AED', phonePrefix: '+97150', phoneDigits: 7 },
  { zone: 'Europe/Berlin', country: 'DE', language: 'de', currency: 'EUR', phonePrefix: '+49151', phoneDigits: 8 },
  { zone: 'Europe/Paris', country: 'FR', language: 'fr', currency: 'EUR', phonePrefix: '+336', phoneDigits: 8 },
  { zone: 'Europe/Madrid', country: 'ES', language: 'es', currency: 'EUR', phonePrefix: '+346', phoneDigits: 8 },
  { zone: 'Europe/London', country: 'GB', language: 'en', currency: 'GBP', phonePrefix: '+447700', phoneDigits: 6 },
  { zone: 'Atlantic/Azores', country: 'PT', language: 'en', currency: 'EUR', phonePrefix: '+35191', phoneDigits: 7 },
  { zone: 'America/Sao_Paulo', country: 'BR', language: 'en', currency: 'BRL', phonePrefix: '+55119', phoneDigits: 8 },
  { zone: 'America/New_York', country: 'US', region: 'US-NY', language: 'en', currency: 'USD', phonePrefix: '+1212', phoneDigits: 7, phoneBase: 2_000_000 },
  { zone: 'America/Chicago', country: 'US', region: 'US-IL', language: 'en', currency: 'USD', phonePrefix: '+1312', phoneDigits: 7, phoneBase: 2_000_000 },
  { zone: 'America/Denver', country: 'US', region: 'US-CO', language: 'en', currency: 'USD', phonePrefix: '+1303', phoneDigits: 7, phoneBase: 2_000_000 },
  { zone: 'America/Los_Angeles', country: 'US', region: 'US-CA', language: 'en', currency: 'USD', phonePrefix: '+1310', phoneDigits: 7, phoneBase: 2_000_000 },
  { zone: 'America/Anchorage', country: 'US', region: 'US-AK', language: 'en', currency: 'USD', phonePrefix: '+1907', phoneDigits: 7, phoneBase: 2_000_000 },
  { zone: 'Pacific/Honolulu', country: 'US', region: 'US-HI', language: 'en', currency: 'USD', phonePrefix: '+1808', phoneDigits: 7, phoneBase: 2_000_000 },
];

function localHour(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return get('hour') + get('minute') / 60;
}

/** The locale whose local time is 10:00–18:59 now, as close to 14:00 as possible. */
function daytimeLocale(at: Date): Locale {
  const candidates = LOCALES.map((l) => ({ l, h: localHour(l.zone, at) })).filter(({ h }) => h >= 10 && h < 19);
  if (candidates.length === 0) throw new Error('no zone in the list is between 10:00 and 19:00 now');
  candidates.sort((a, b) => Math.abs(a.h - 14) - Math.abs(b.h - 14));
  return candidates[0].l;
}

function phoneFor(locale: Locale, index: number): string {
  return `${locale.phonePrefix}${String((locale.phoneBase ?? 0) + index).padStart(locale.phoneDigits, '0')}`;
}

const FIRST_NAMES = ['Anna', 'Jonas', 'Lea', 'Lukas', 'Mia', 'Noah', 'Emma', 'Paul', 'Sofia', 'Ben', 'Chloé', 'Mateo', 'Aroha', 'Yuki', 'Priya', 'Olivia'];
const MERCHANTS = ['Nordic Bikes', 'SoundHaus Electronics', 'Urban Kitchen & Co', 'Café Möbel', 'Green Garden Supplies', 'Pixel Phones', 'Atelier Lumière', 'Trailhead Outdoor'];

/** A realistic `instalment.missed` lender event, about 500 bytes of JSON. */
function instalmentMissed(tag: string, index: number, locale: Locale, phoneIndex: number): LenderEvent {
  const daysPastDue = 1 + (index % 5);
  const due = new Date(Date.now() - daysPastDue * 86_400_000);
  const total = [3, 4, 6, 12][index % 4];
  return {
    eventId: `evt-${tag}-${RUN}-${index}`,
    type: 'instalment.missed',
    occurredAt: new Date(Date.now() - 3_600_000 - (index % 3_600) * 1000).toISOString(),
    account: {
      externalRef: `acc-${tag}-${RUN}-${String(index).padStart(7, '0')}`,
      contact: {
        phone: phoneFor(locale, phoneIndex),
        firstName: FIRST_NAMES[index % FIRST_NAMES.length],
        language: locale.language,
        timeZone: locale.zone,
        country: locale.country,
        ...(locale.region ? { region: locale.region } : {}),
      },
    },
    instalment: {
      orderRef: `ORD-${(100_000 + index * 7).toString(36).toUpperCase()}-${RUN}`,
      merchantName: MERCHANTS[index % MERCHANTS.length],
      instalmentNumber: 1 + (index % total),
      instalmentsTotal: total,
      amountDue: { amountMinor: 1_500 + ((index * 7_919) % 23_500), currency: locale.currency },
      dueDate: due.toISOString().slice(0, 10),
      daysPastDue,
    },
  } as LenderEvent;
}

interface BenchRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** What the outbox relay writes for one webhook: the normalised envelope, its key and headers. */
function accountEventRecord(tenantId: string, event: LenderEvent): BenchRecord {
  const [envelope] = normaliseLenderEvent(tenantId, event, new Date());
  return {
    key: recordKey(envelope),
    value: JSON.stringify(envelope),
    headers: {
      [HEADERS.eventId]: envelope.id,
      [HEADERS.eventType]: envelope.type,
      [HEADERS.eventVersion]: String(envelope.version),
      [HEADERS.tenantId]: envelope.tenantId,
      [HEADERS.traceparent]: formatTraceparent(childTrace()),
      [HEADERS.contentType]: 'application/json',
    },
  };
}

function recordBytes(r: BenchRecord): number {
  return Buffer.byteLength(r.key) + Buffer.byteLength(r.value) + Object.entries(r.headers).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function cpuPer(cpuMs: number, records: number): string {
  return `node CPU ${(cpuMs / 1000).toFixed(1)} s = ${(cpuMs / records).toFixed(2)} ms/record`;
}

function latencySummary(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : 'n/a');
  return `p50 ${ms(percentile(s, 50))}, p90 ${ms(percentile(s, 90))}, p99 ${ms(percentile(s, 99))}, max ${ms(s[s.length - 1] ?? NaN)} (n=${s.length})`;
}

const rate = (count: number, ms: number) => count / (ms / 1000);

/** CPU time of this whole process (services, worker thread, Kafka clients) since `from`, in ms. */
function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

/** Highest 1-minute load average seen while the run lasted: a noisy neighbour shows up here. */
let peakLoad = loadavg()[0];
const loadSampler = setInterval(() => (peakLoad = Math.max(peakLoad, loadavg()[0])), 1000);
loadSampler.unref();
const fmtRate = (r: number) => `${r.toFixed(0)}/s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

async function waitUntil(what: string, ready: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) {
      log(`timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting for ${what}`);
      return false;
    }
    await sleep(10);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Clean-up: everything started registers how to undo it; undone in reverse order at the end.

const cleanups: { what: string; run: () => Promise<unknown> }[] = [];
function onCleanup(what: string, run: () => Promise<unknown>): void {
  cleanups.push({ what, run });
}
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const { what, run } = cleanups.pop()!;
    try {
      await Promise.race([run(), sleep(30_000).then(() => Promise.reject(new Error('took over 30 s')))]);
    } catch (error) {
      log(`clean-up of ${what} failed: ${(error as Error).message}`);
    }
  }
}

/** Kafka metadata can briefly lag a topic just created (more so while others create topics too). */
async function retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 3) throw error;
      log(`${what} failed (${(error as Error).message}); trying again`);
      await sleep(2000);
    }
  }
}

/**
 * Topics under a fresh prefix. Left on the broker afterwards, as the tests leave theirs: deleting
 * a hundred topics makes the broker's metadata lag, which can fail other runs creating topics.
 */
function testKafka(label: string): Promise<TestKafka> {
  return retrying('creating the topics', () => createTestKafka(label));
}

async function testDatabase(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  onCleanup(`database ${db.name}`, () => db.drop());
  return db;
}

async function service(name: string, start: () => Promise<RunningService>): Promise<RunningService> {
  const running = await start();
  onCleanup(`service ${name}`, () => running.stop());
  return running;
}

// ---------------------------------------------------------------------------------------------
// Kafka clients of the benchmark itself

const BROKERS = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
// The same client settings as Settle's KafkajsBroker.
const kafka = new Kafka({ clientId: `settle-bench-${RUN}`, brokers: BROKERS, retry: { initialRetryTime: 100, retries: 8 }, logLevel: logLevel.NOTHING });
let admin: Admin | undefined;

async function getAdmin(): Promise<Admin> {
  if (!admin) {
    const a = kafka.admin();
    await a.connect();
    admin = a;
    onCleanup('kafka admin', () => {
      admin = undefined;
      return a.disconnect();
    });
  }
  return admin;
}

async function connect<T extends Producer | Consumer>(client: T, what: string): Promise<T> {
  await client.connect();
  onCleanup(what, () => client.disconnect());
  return client;
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

// ---------------------------------------------------------------------------------------------
// 1. Baseline: the bare kafkajs producer

interface ProducerResult {
  label: string;
  records: number;
  ms: number;
  rate: number;
  cpuMs: number;
}

async function baseline(records: BenchRecord[], warmup: BenchRecord[]): Promise<ProducerResult[]> {
  const modes = [
    { label: 'idempotent, acks=all, 1 in flight', short: 'idem', idempotent: true, acks: -1 },
    { label: 'acks=1, not idempotent', short: 'acks1', idempotent: false, acks: 1 },
  ];
  const results: ProducerResult[] = [];
  const a = await getAdmin();
  const baselinePrefix = `bench-baseline-${RUN}.`;

  for (const mode of modes) {
    const producer = await connect(
      kafka.producer(
        mode.idempotent
          ? { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner }
          : { allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner },
      ),
      `baseline producer (${mode.short})`,
    );
    const toMessage = (r: BenchRecord) => ({ key: r.key, value: r.value, headers: r.headers });

    for (const shape of ['single', 'batched'] as const) {
      const topic = `${baselinePrefix}${mode.short}-${shape}`;
      await retrying(`creating ${topic}`, () => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: -1 }] }));
      const sendOne = (r: BenchRecord) => producer.send({ topic, acks: mode.acks, messages: [toMessage(r)] });
      const concurrently = async (batch: BenchRecord[]) => {
        let next = 0;
        const lane = async () => {
          for (let i = next++; i < batch.length; i = next++) await sendOne(batch[i]);
        };
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batch.length) }, lane));
      };
      // Warm-up: metadata for the new topic, connections to its partition leaders.
      await concurrently(warmup);

      const started = now();
      const cpu = process.cpuUsage();
      if (shape === 'single') {
        await concurrently(records);
      } else {
        for (let i = 0; i < records.length; i += BATCH) {
          await producer.send({ topic, acks: mode.acks, messages: records.slice(i, i + BATCH).map(toMessage) });
        }
      }
      const ms = now() - started;
      const label = shape === 'single' ? `${mode.label}, 1 record per send × ${CONCURRENCY} concurrent` : `${mode.label}, batches of ${BATCH}, 1 batch at a time`;
      results.push({ label, records: records.length, ms, rate: rate(records.length, ms), cpuMs: cpuMsSince(cpu) });
      log(`baseline ${label}: ${fmtRate(rate(records.length, ms))}`);
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// HTTP load generator: a worker thread with its own event loop and keep-alive connection pool.

interface PreparedRequest {
  headers: Record<string, string>;
  body: string;
}

/** [sentAt, doneAt, status, first event id (202) or error] per request, in request order. */
type RequestResult = [number, number, number, string | null];

interface LoadResult {
  startedAt: number;
  finishedAt: number;
  results: RequestResult[];
}

const LOAD_WORKER = `
const { parentPort } = require('node:worker_threads');
const now = () => performance.timeOrigin + performance.now();
parentPort.on('message', async ({ url, requests, concurrency }) => {
  try {
    const results = new Array(requests.length);
    let next = 0;
    const startedAt = now();
    const lane = async () => {
      for (let i = next++; i < requests.length; i = next++) {
        const sentAt = now();
        try {
          const res = await fetch(url, { method: 'POST', headers: requests[i].headers, body: requests[i].body });
          const text = await res.text();
          let eventId = null;
          if (res.status === 202) {
            try { eventId = JSON.parse(text).eventIds[0] ?? null; } catch { eventId = null; }
          } else {
            eventId = text.slice(0, 300);
          }
          results[i] = [sentAt, now(), res.status, eventId];
        } catch (error) {
          results[i] = [sentAt, now(), 0, String(error && error.cause ? error.cause : error)];
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, lane));
    parentPort.postMessage({ startedAt, finishedAt: now(), results });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack ? error.stack : error) });
  }
});
`;

class LoadGenerator {
  private constructor(private readonly worker: Worker) {}

  static start(): LoadGenerator {
    const worker = new Worker(LOAD_WORKER, { eval: true, execArgv: [] });
    onCleanup('load generator', () => worker.terminate());
    return new LoadGenerator(worker);
  }

  run(url: string, requests: PreparedRequest[], concurrency: number): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (message: LoadResult | { error: string }) => {
        this.worker.off('error', onError);
        if ('error' in message) reject(new Error(`load generator: ${message.error}`));
        else resolve(message);
      });
      this.worker.postMessage({ url, requests, concurrency });
    });
  }
}

interface Tenant {
  tenantId: string;
  webhookSecret: string;
}

async function createTenant(ingestUrl: string, displayName: string): Promise<Tenant> {
  const res = await fetch(`${ingestUrl}/v1/admin/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ displayName }),
  });
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Tenant;
}

/** A signed webhook request, signed now (the tolerance is 300 s, far more than a run takes). */
function signedRequest(tenant: Tenant, event: LenderEvent): PreparedRequest {
  const body = JSON.stringify(event);
  return {
    headers: {
      'content-type': 'application/json',
      'settle-tenant-id': tenant.tenantId,
      'settle-signature': signPayload(tenant.webhookSecret, Math.floor(Date.now() / 1000), body),
      'idempotency-key': randomUUID(),
    },
    body,
  };
}

function serviceEnv(db: TestDatabase, k: TestKafka, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: k.brokers,
    KAFKA_TOPIC_PREFIX: k.prefix,
    LOG_LEVEL: 'warn',
    POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
    ADMIN_TOKEN,
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Settle ingest: accepted and committed to Kafka per second

interface IngestResult {
  httpMs: number;
  httpRate: number;
  kafkaMs: number | undefined;
  kafkaRate: number | undefined;
  accepted: number;
  rejected: Map<number, number>;
  firstRejection?: string;
  consumed: number;
  duplicates: number;
  httpLatency: number[];
  sentToConsumed: number[];
  meanRecordBytes: number;
  cpuMs: number;
}

/** Reads account.events.v1 from the beginning; counts warm-up and measured records apart. */
class AccountEventsReader {
  warm = new Set<string>();
  measured = new Set<string>();
  duplicates = 0;
  bytes = 0;
  /** settle-event-id → when the record was read. */
  readAt = new Map<string, number>();
  nthMeasuredAt?: number;

  constructor(private readonly target: number) {}

  async start(k: TestKafka): Promise<void> {
    const consumer = await connect(k.kafka.consumer({ groupId: `bench-reader-${RUN}`, maxWaitTimeInMs: 100 }), 'account.events reader');
    await consumer.subscribe({ topic: k.topics.physical('account.events.v1'), fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const at = now();
        for (const message of batch.messages) {
          const value = message.value?.toString() ?? '{}';
          const lenderEventId = String((JSON.parse(value) as { data?: { lenderEventId?: string } }).data?.lenderEventId ?? '');
          const set = lenderEventId.startsWith('evt-warm-') ? this.warm : this.measured;
          if (set.has(lenderEventId)) {
            this.duplicates += 1;
            continue;
          }
          set.add(lenderEventId);
          if (set === this.measured) {
            this.bytes += (message.key?.length ?? 0) + (message.value?.length ?? 0) +
              Object.entries(message.headers ?? {}).reduce((n, [name, v]) => n + name.length + (v ? v.toString().length : 0), 0);
            const eventId = header(message.headers, HEADERS.eventId);
            if (eventId) this.readAt.set(eventId, at);
            if (this.measured.size === this.target) this.nthMeasuredAt = at;
          }
        }
      },
    });
  }
}

async function settleIngest(): Promise<IngestResult> {
  // One at a time: each registers its clean-up once it exists, so a failure leaves nothing behind.
  const db = await testDatabase('benchingest');
  const k = await testKafka('bench-ingest');
  const ingest = await service('ingest', () => startService(INGEST_SERVICE, IngestModule, { port: 0, env: serviceEnv(db, k) }));
  const url = `${ingest.url}/v1/webhooks/lender-events`;
  const tenant = await createTenant(ingest.url, 'Bench Bank');
  const reader = new AccountEventsReader(N);
  await reader.start(k);
  const load = LoadGenerator.start();
  const locale = (i: number) => LOCALES[i % LOCALES.length];

  if (WARMUP > 0) {
    const warm = Array.from({ length: WARMUP }, (_, i) => signedRequest(tenant, instalmentMissed('warm', i, locale(i), i)));
    const warmResult = await load.run(url, warm, CONCURRENCY);
    const bad = warmResult.results.filter((r) => r[2] !== 202);
    if (bad.length > 0) throw new Error(`${bad.length} warm-up webhooks were not accepted, e.g. ${bad[0][2]} ${bad[0][3]}`);
    // Also lets the reader join its group and catch up before the clock starts.
    if (!(await waitUntil('the warm-up events on account.events.v1', () => reader.warm.size >= WARMUP, 60_000))) {
      throw new Error('the warm-up events never reached account.events.v1');
    }
  }
  await sleep(500); // let the relay and PostgreSQL settle after the warm-up

  const requests = Array.from({ length: N }, (_, i) => signedRequest(tenant, instalmentMissed('bench', i, locale(i), 100_000 + i)));
  log(`ingest: firing ${N} webhooks with ${CONCURRENCY} concurrent clients`);
  const cpu = process.cpuUsage();
  const result = await load.run(url, requests, CONCURRENCY);
  const httpMs = result.finishedAt - result.startedAt;
  const rejected = new Map<number, number>();
  let firstRejection: string | undefined;
  for (const [, , status, detail] of result.results) {
    if (status === 202) continue;
    rejected.set(status, (rejected.get(status) ?? 0) + 1);
    firstRejection ??= `${status} ${detail}`;
  }
  const accepted = N - [...rejected.values()].reduce((a, b) => a + b, 0);
  log(`ingest: ${accepted} accepted at ${fmtRate(rate(accepted, httpMs))}; waiting for the events on Kafka`);
  await waitUntil(`${accepted} events on account.events.v1`, () => reader.measured.size >= accepted, 120_000);
  const kafkaMs = reader.nthMeasuredAt === undefined ? undefined : reader.nthMeasuredAt - result.startedAt;
  const cpuMs = cpuMsSince(cpu);

  const sentToConsumed: number[] = [];
  for (const [sentAt, , status, eventId] of result.results) {
    const readAt = status === 202 && eventId ? reader.readAt.get(eventId) : undefined;
    if (readAt !== undefined) sentToConsumed.push(readAt - sentAt);
  }
  return {
    httpMs,
    httpRate: rate(accepted, httpMs),
    kafkaMs,
    kafkaRate: kafkaMs === undefined ? undefined : rate(N, kafkaMs),
    accepted,
    rejected,
    firstRejection,
    consumed: reader.measured.size,
    duplicates: reader.duplicates,
    httpLatency: result.results.map(([sentAt, doneAt]) => doneAt - sentAt),
    sentToConsumed,
    meanRecordBytes: reader.measured.size > 0 ? reader.bytes / reader.measured.size : NaN,
    cpuMs,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. End to end: webhook → scheduler → sms → SNS, with the system clock

interface EndToEndResult {
  locale: Locale;
  localTime: string;
  sent: number;
  accepted: number;
  delivered: number;
  latencies: number[];
  /** Per stage, per account: milliseconds. */
  stages: { name: string; values: number[] }[];
  sendSeconds: number;
  /** Latencies of the first and the last quarter sent: rising means the pipeline fell behind. */
  firstQuarter: number[];
  lastQuarter: number[];
  /** SMS per second from the first webhook sent to the last SMS received. */
  deliveredRate: number;
}

async function endToEnd(): Promise<EndToEndResult> {
  const locale = daytimeLocale(new Date());
  const localTime = new Intl.DateTimeFormat('en-GB', { timeZone: locale.zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
  log(`e2e: debtors in ${locale.zone} (${localTime} there now)`);
  // The SDK reads credentials from the environment, not from our config.
  process.env.AWS_ACCESS_KEY_ID ??= 'sandbox';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'sandbox';
  const db = await testDatabase('benche2e');
  const k = await testKafka('bench-e2e');
  const sns = await SnsSandbox.start();
  onCleanup('SNS sandbox', () => sns.stop());
  const env = serviceEnv(db, k, { SNS_ENDPOINT: sns.endpoint, AWS_ACCESS_KEY_ID: 'sandbox', AWS_SECRET_ACCESS_KEY: 'sandbox' });
  const ingest = await service('ingest (e2e)', () => startService(INGEST_SERVICE, IngestModule, { port: 0, env }));
  await service('scheduler (e2e)', () => startService(SCHEDULER_SERVICE, SchedulerModule, { port: 0, env }));
  await service('sms (e2e)', () => startService(SMS_SERVICE, SmsModule, { port: 0, env }));
  const tenant = await createTenant(ingest.url, 'Bench Bank E2E');
  const url = `${ingest.url}/v1/webhooks/lender-events`;
  const post = (r: PreparedRequest) => fetch(url, { method: 'POST', headers: r.headers, body: r.body }).then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });
  const deliveredPhones = () => new Set(sns.published().map((m) => m.phoneNumber));

  // Warm-up: consumer groups joined, connections and SNS client up, before anything is timed.
  if (E2E_WARMUP > 0) {
    const warmPhones = Array.from({ length: E2E_WARMUP }, (_, i) => phoneFor(locale, 900_000 + i));
    const statuses = await Promise.all(warmPhones.map((_, i) => post(signedRequest(tenant, instalmentMissed('warm', i, locale, 900_000 + i)))));
    if (statuses.some((s) => s !== 202)) throw new Error(`e2e warm-up webhooks answered ${statuses.join(',')}`);
    const allArrived = () => {
      const delivered = deliveredPhones();
      return warmPhones.every((p) => delivered.has(p));
    };
    if (!(await waitUntil('the warm-up SMS at SNS', allArrived, 90_000))) {
      throw new Error('the warm-up SMS never reached SNS');
    }
    await sleep(1000);
  }

  const requests = Array.from({ length: E2E_COUNT }, (_, i) => {
    const event = instalmentMissed('e2e', i, locale, i);
    return { phone: phoneFor(locale, i), accountId: accountIdFor(tenant.tenantId, event.account.externalRef), request: signedRequest(tenant, event) };
  });
  const sentAt = new Map<string, number>();
  const responses: Promise<number>[] = [];
  log(`e2e: sending ${E2E_COUNT} webhooks at ${E2E_RATE}/s`);
  const start = now();
  for (let i = 0; i < requests.length; i++) {
    const wait = start + (i * 1000) / E2E_RATE - now();
    if (wait > 0) await sleep(wait);
    sentAt.set(requests[i].phone, now());
    responses.push(post(requests[i].request).catch(() => 0));
  }
  const sendSeconds = (now() - start) / 1000;
  const statuses = await Promise.all(responses);
  const accepted = statuses.filter((s) => s === 202).length;
  const arrived = () => {
    const delivered = deliveredPhones();
    return [...sentAt.keys()].filter((p) => delivered.has(p)).length >= accepted;
  };
  await waitUntil(`${accepted} SMS at SNS`, arrived, 120_000);

  const firstPublish = new Map<string, number>();
  for (const sms of sns.published()) {
    if (sentAt.has(sms.phoneNumber) && !firstPublish.has(sms.phoneNumber)) firstPublish.set(sms.phoneNumber, sms.receivedAt.getTime());
  }
  const latencies = [...firstPublish].map(([phone, at]) => at - sentAt.get(phone)!);
  const stages = await stageBreakdown(db, requests, sentAt, firstPublish);
  const quarter = Math.max(1, Math.floor(requests.length / 4));
  const latencyOf = (r: { phone: string }) => (firstPublish.has(r.phone) ? [firstPublish.get(r.phone)! - sentAt.get(r.phone)!] : []);
  const lastSms = Math.max(...firstPublish.values());
  return {
    locale,
    localTime,
    sent: E2E_COUNT,
    accepted,
    delivered: firstPublish.size,
    latencies,
    stages,
    sendSeconds,
    firstQuarter: requests.slice(0, quarter).flatMap(latencyOf),
    lastQuarter: requests.slice(-quarter).flatMap(latencyOf),
    deliveredRate: firstPublish.size > 0 ? rate(firstPublish.size, lastSms - start) : 0,
  };
}

/**
 * Where the time goes, per account, from the services' own records: the case opened by the
 * scheduler's consumer, its first step fired by the timer loop, the SMS command claimed by the
 * sms service (its transaction's start), the publish received by the SNS sandbox.
 */
async function stageBreakdown(
  db: TestDatabase,
  requests: { phone: string; accountId: string }[],
  sentAt: Map<string, number>,
  publishedAt: Map<string, number>,
): Promise<{ name: string; values: number[] }[]> {
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  try {
    const { rows } = await sql.query<{ account_id: string; opened: number; fired: number | null; claimed: number | null }>(
      `SELECT c.account_id, extract(epoch FROM c.opened_at) * 1000 AS opened, extract(epoch FROM s.fired_at) * 1000 AS fired,
              extract(epoch FROM d.created_at) * 1000 AS claimed
       FROM scheduler.recovery_case c
       LEFT JOIN scheduler.contact_step s ON s.case_id = c.id AND s.step = 0
       LEFT JOIN sms.sms_delivery d ON d.step_id = s.id
       WHERE c.account_id = ANY($1::uuid[])`,
      [requests.map((r) => r.accountId)],
    );
    const byAccount = new Map(rows.map((r) => [r.account_id, r]));
    const stages = [
      { name: 'webhook sent → case opened', values: [] as number[] },
      { name: 'case opened → first step fired', values: [] as number[] },
      { name: 'step fired → SMS command claimed', values: [] as number[] },
      { name: 'SMS command claimed → at SNS', values: [] as number[] },
    ];
    for (const { phone, accountId } of requests) {
      const row = byAccount.get(accountId);
      const sent = sentAt.get(phone);
      const published = publishedAt.get(phone);
      if (!row || sent === undefined || published === undefined || row.fired === null || row.claimed === null) continue;
      const [opened, fired, claimed] = [Number(row.opened), Number(row.fired), Number(row.claimed)];
      stages[0].values.push(opened - sent);
      stages[1].values.push(fired - opened);
      stages[2].values.push(claimed - fired);
      stages[3].values.push(published - claimed);
    }
    return stages;
  } finally {
    await sql.end();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<boolean> {
  if (BROKERS.length === 0) throw new Error('KAFKA_BROKERS is not set: run through `npm run bench` (scripts/with-kafka.sh)');
  const startedAt = new Date();
  const machine = `${cpus().length} cpus (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start`;
  log(machine);

  // Baseline records: exactly what the relay would write for N webhooks of one tenant.
  const baselineTenant = randomUUID();
  const baselineRecords = Array.from({ length: N }, (_, i) => accountEventRecord(baselineTenant, instalmentMissed('base', i, LOCALES[i % LOCALES.length], i)));
  const baselineWarmup = Array.from({ length: Math.max(WARMUP, CONCURRENCY) }, (_, i) => accountEventRecord(baselineTenant, instalmentMissed('basewarm', i, LOCALES[0], i)));
  const baselineBytes = baselineRecords.reduce((n, r) => n + recordBytes(r), 0) / N;
  const baselineValueBytes = baselineRecords.reduce((n, r) => n + Buffer.byteLength(r.value), 0) / N;

  log('1/3 baseline: bare kafkajs producer');
  const producers = await baseline(baselineRecords, baselineWarmup);
  log('2/3 Settle ingest: signed webhooks → 202 → account.events.v1');
  const ingest = await settleIngest();
  await cleanUp(); // stop ingest, drop its database before the end-to-end run
  log('3/3 end to end: webhook → SMS at SNS');
  const e2e = await endToEnd();

  const [idemSingle, idemBatched, acks1Single, acks1Batched] = producers;
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  out('================ webhook ingest benchmark ================');
  out(`run        ${startedAt.toISOString()}, broker ${BROKERS.join(',')} (single local broker), PostgreSQL ${new URL(process.env.TEST_DATABASE_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432').host}`);
  out(`machine    ${machine}`);
  out(`params     BENCH_N=${N} BENCH_CONCURRENCY=${CONCURRENCY} BENCH_WARMUP=${WARMUP} BENCH_BATCH=${BATCH} BENCH_E2E_COUNT=${E2E_COUNT} BENCH_E2E_RATE=${E2E_RATE} BENCH_E2E_WARMUP=${E2E_WARMUP} BENCH_POLL_INTERVAL_MS=${POLL_INTERVAL_MS}`);
  out(`records    ${PARTITIONS} partitions; baseline record ${baselineBytes.toFixed(0)} B (value ${baselineValueBytes.toFixed(0)} B, key, 6 headers); Settle's records on account.events.v1 ${ingest.meanRecordBytes.toFixed(0)} B`);
  out();
  out('1. Baseline: bare kafkajs producer, fresh topic');
  for (const p of producers) out(`   ${p.label.padEnd(72)} ${fmtRate(p.rate).padStart(8)}  (${p.records} in ${(p.ms / 1000).toFixed(2)} s, ${cpuPer(p.cpuMs, p.records)})`);
  out();
  out(`2. Settle ingest: ${N} signed instalment.missed webhooks, ${CONCURRENCY} concurrent keep-alive clients (after ${WARMUP} warm-up)`);
  out(`   HTTP 202 accepted                                                        ${fmtRate(ingest.httpRate).padStart(8)}  (${ingest.accepted} in ${(ingest.httpMs / 1000).toFixed(2)} s)`);
  const ingestCpu = cpuPer(ingest.cpuMs, N);
  if (ingest.kafkaRate !== undefined && ingest.kafkaMs !== undefined) {
    out(`   accepted AND committed to Kafka (first request → Nth record read back)   ${fmtRate(ingest.kafkaRate).padStart(8)}  (${N} in ${(ingest.kafkaMs / 1000).toFixed(2)} s, ${ingestCpu})`);
  } else {
    out(`   accepted AND committed to Kafka: INCOMPLETE — only ${ingest.consumed} of ${N} records read back`);
  }
  out(`   HTTP latency                ${latencySummary(ingest.httpLatency)}`);
  out(`   request → record read back  ${latencySummary(ingest.sentToConsumed)}`);
  if (ingest.rejected.size > 0) out(`   NOT accepted: ${[...ingest.rejected].map(([s, n]) => `${n}× ${s}`).join(', ')}; first: ${ingest.firstRejection}`);
  if (ingest.duplicates > 0) out(`   duplicate records on the topic: ${ingest.duplicates}`);
  out();
  out(`3. End to end: webhook sent → SMS received by the SNS sandbox (ingest + scheduler + sms, system clock)`);
  out(`   debtors in ${e2e.locale.zone} (${e2e.localTime} local), ${e2e.sent} webhooks at ${E2E_RATE}/s over ${e2e.sendSeconds.toFixed(1)} s; ${e2e.accepted} accepted, ${e2e.delivered} SMS received`);
  out(`   latency  ${latencySummary(e2e.latencies)}`);
  const p50 = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50).toFixed(0);
  out(`     p50 of the first quarter sent ${p50(e2e.firstQuarter)} ms, of the last quarter ${p50(e2e.lastQuarter)} ms; SMS out at ${e2e.deliveredRate.toFixed(1)}/s for ${E2E_RATE}/s in`);
  for (const stage of e2e.stages) out(`     ${stage.name.padEnd(34)} ${latencySummary(stage.values)}`);
  out();
  out('Summary');
  if (ingest.kafkaRate !== undefined) {
    out(`   Settle webhook→Kafka = ${ratio(ingest.kafkaRate, idemSingle.rate)} bare idempotent producer (same concurrency, 1 record per send)`);
    out(`   Settle webhook→Kafka = ${ratio(ingest.kafkaRate, idemBatched.rate)} bare idempotent producer (batches of ${BATCH})`);
    out(`   Settle webhook→Kafka = ${ratio(ingest.kafkaRate, acks1Single.rate)} bare acks=1 producer (same concurrency), ${ratio(ingest.kafkaRate, acks1Batched.rate)} batched`);
  }
  out(`   Settle HTTP 202 rate = ${ratio(ingest.httpRate, idemSingle.rate)} bare idempotent producer (same concurrency)`);
  out(`   webhook→SMS at SNS: p50 ${percentile([...e2e.latencies].sort((a, b) => a - b), 50).toFixed(0)} ms, p99 ${percentile([...e2e.latencies].sort((a, b) => a - b), 99).toFixed(0)} ms at ${E2E_RATE}/s`);
  if (ingest.kafkaRate !== undefined) {
    out(`   Node CPU per record: Settle ingest ${(ingest.cpuMs / N).toFixed(2)} ms (HTTP client and reader included) vs bare idempotent producer ${(idemSingle.cpuMs / N).toFixed(2)} ms = ${ratio(ingest.cpuMs, idemSingle.cpuMs)}`);
  }
  out(`   total run time ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s; peak 1-min load average ${peakLoad.toFixed(1)} on ${cpus().length} cpus`);
  if (peakLoad > cpus().length) out(`   NOTE: the machine was busy with other work (load above its ${cpus().length} cpus): the rates and latencies above are depressed and noisy`);
  out('==========================================================');
  process.stdout.write(`${lines.join('\n')}\n`);

  const complete = ingest.kafkaRate !== undefined && ingest.rejected.size === 0 && e2e.delivered === e2e.sent;
  if (!complete) log('the run was INCOMPLETE: see the figures above');
  return complete;
}

const watchdog = setTimeout(() => {
  log('gave up after 10 minutes');
  void cleanUp().finally(() => process.exit(1));
}, 600_000);
watchdog.unref();

main().then(
  async (complete) => {
    await cleanUp();
    process.exit(complete ? 0 : 1);
  },
  async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  },
);
