import { Logger, ServiceMetrics } from '@settle/observability';
import type { DataSource, QueryRunner } from 'typeorm';
import { MessageBroker, OutgoingRecord } from './broker';
import { TopicNames } from './topic-names';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  broker: MessageBroker;
  topics: TopicNames;
  logger: Logger;
  metrics: ServiceMetrics;
  schema: string;
  /** Fallback poll when no notification arrives. */
  pollIntervalMs: number;
  batchSize?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  retentionHours?: number;
}

interface OutboxRow {
  seq: string;
  topic: string;
  record_key: string;
  headers: Record<string, string>;
  payload: object;
}

/**
 * Publishes committed outbox rows in commit order. One relay per schema is the leader (a
 * PostgreSQL advisory lock held on its own connection), which keeps order per key across
 * replicas; the others wait to take over. A crash between publish and mark re-publishes a row:
 * consumers de-duplicate on the event id.
 */
export class OutboxRelay {
  private leaderConnection?: QueryRunner;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastCleanup = 0;
  private readonly published;
  private readonly failures;

  constructor(private readonly options: OutboxRelayOptions) {
    const m = options.metrics;
    this.published = m.counter('settle_outbox_published_total', 'Outbox events published to Kafka', ['topic']);
    this.failures = m.counter('settle_outbox_publish_failures_total', 'Failed outbox publish passes');
    const ds = options.dataSource;
    m.gauge('settle_outbox_pending', 'Outbox events committed but not yet published', [], async function () {
      const [row] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      this.set(row.n);
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after publishing what is already committed, so a clean shutdown leaves nothing behind. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    if (this.leaderConnection) {
      await this.drain().catch((err) => this.options.logger.error({ err }, 'final outbox drain failed'));
      await this.leaderConnection.release().catch(() => undefined);
      this.leaderConnection = undefined;
    }
  }

  /** Publishes every unpublished row now; returns how many. For tests and the final drain. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n < (this.options.batchSize ?? 500)) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!this.leaderConnection) await this.tryToLead();
        if (this.leaderConnection) {
          await this.drain();
          await this.cleanup();
        }
      } catch (err) {
        this.failures.inc();
        this.options.logger.error({ err }, 'outbox relay pass failed; will retry');
        await this.dropLeadershipIfBroken();
      }
      await this.idle();
    }
  }

  private async tryToLead(): Promise<void> {
    const runner = this.options.dataSource.createQueryRunner();
    await runner.connect();
    const [row] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS leader`, [`settle.outbox.${this.options.schema}`]);
    if (!row.leader) {
      await runner.release();
      return;
    }
    await runner.query('LISTEN settle_outbox');
    const client = (runner as unknown as { databaseConnection: { on(event: string, cb: (n: { payload?: string }) => void): void } }).databaseConnection;
    client.on('notification', (n) => {
      if (n.payload === this.options.schema) this.wake?.();
    });
    this.leaderConnection = runner;
    this.options.logger.info({ schema: this.options.schema }, 'outbox relay is the leader');
  }

  private async dropLeadershipIfBroken(): Promise<void> {
    if (!this.leaderConnection) return;
    const alive = await this.leaderConnection.query('SELECT 1').then(() => true, () => false);
    if (!alive) {
      await this.leaderConnection.release().catch(() => undefined);
      this.leaderConnection = undefined;
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.wake = done;
    });
  }

  private async publishBatch(): Promise<number> {
    const { dataSource, broker, topics } = this.options;
    const rows: OutboxRow[] = await dataSource.query(
      `SELECT seq, topic, record_key, headers, payload FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [this.options.batchSize ?? 500],
    );
    if (rows.length === 0) return 0;
    // Consecutive runs per topic keep commit order within every key.
    for (const run of runsByTopic(rows)) {
      const records: OutgoingRecord[] = run.map((r) => ({ key: r.record_key, value: JSON.stringify(r.payload), headers: r.headers }));
      await broker.send(topics.physical(run[0].topic), records);
      this.published.inc({ topic: run[0].topic }, run.length);
    }
    await dataSource.query(`UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [rows.map((r) => r.seq)]);
    return rows.length;
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    await this.options.dataSource.query(
      `DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`,
      [this.options.retentionHours ?? 24],
    );
  }
}

function runsByTopic(rows: OutboxRow[]): OutboxRow[][] {
  const runs: OutboxRow[][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0].topic === row.topic) last.push(row);
    else runs.push([row]);
  }
  return runs;
}
