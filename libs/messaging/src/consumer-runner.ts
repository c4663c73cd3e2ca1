import { ServiceName, deadLetterTopicOf, retryTopicOf, topicSpec } from '@settle/contracts';
import { Logger, ServiceMetrics, TraceContext, childTrace, parseTraceparent } from '@settle/observability';
import type { DataSource, EntityManager } from 'typeorm';
import { IncomingRecord, MessageBroker, Subscription } from './broker';
import { ConsumerStoppingError, NonRetryableError } from './errors';
import { HEADERS } from './headers';
import { OutboxWriter } from './outbox';
import { parseRecord } from './record-parsers';
import { TopicNames } from './topic-names';

/** What a handler gets beside the event: the transaction its effects must join, and the outbox in it. */
export interface ConsumerContext {
  /** The registry name of the topic the record came from (its retry sibling reports the original). */
  topic: string;
  tx: EntityManager;
  outbox: OutboxWriter;
  record: IncomingRecord;
  trace: TraceContext;
  /** 1 on first delivery; counts in-process attempts and retry-topic rounds together. */
  attempt: number;
}

export type RecordHandler = (value: unknown, context: ConsumerContext) => Promise<void>;

export interface RetryPolicy {
  /** Back-off between in-process attempts of one record, in ms; its length + 1 is the attempt count. */
  inProcessBackoffMs: number[];
  /** Delay before each round on the retry topic, in ms; its length is the number of rounds. */
  retryTopicDelaysMs: number[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  inProcessBackoffMs: [100, 400, 1600],
  retryTopicDelaysMs: [5_000, 30_000],
};

export interface ConsumerRunnerOptions {
  service: ServiceName;
  dataSource: DataSource;
  broker: MessageBroker;
  topics: TopicNames;
  logger: Logger;
  metrics: ServiceMetrics;
  retry?: RetryPolicy;
  partitionsConcurrently?: number;
}

type Outcome = 'handled' | 'duplicate' | 'retry_scheduled' | 'dead_lettered';

/**
 * The one way Settle consumes. One kafkajs consumer per topic (a slow topic never holds up
 * another), each record handled in a transaction that also records its id in the inbox (a record
 * delivered twice has its effect once), bounded retries with back-off, then a retry topic, then a
 * dead-letter topic carrying the original record, its headers and the error — so a poison record
 * never stalls its partition.
 */
export class ConsumerRunner {
  private readonly handlers = new Map<string, RecordHandler>();
  private readonly subscriptions: Subscription[] = [];
  private readonly policy: RetryPolicy;
  private stopping = false;
  private readonly wakeSleepers = new Set<() => void>();
  private readonly handled;
  private readonly latency;
  private readonly deadLettered;

  constructor(private readonly options: ConsumerRunnerOptions) {
    this.policy = options.retry ?? DEFAULT_RETRY_POLICY;
    const m = options.metrics;
    this.handled = m.counter('settle_consumer_records_total', 'Records consumed, by outcome', ['topic', 'outcome']);
    this.latency = m.histogram('settle_consumer_handler_seconds', 'Handler latency including its transaction', ['topic'], [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);
    this.deadLettered = m.counter('settle_consumer_dead_lettered_total', 'Records sent to a dead-letter topic', ['topic', 'reason']);
    const topics = () => [...this.handlers.keys()];
    const lagOf = (topic: string) => this.lag(topic).catch(() => undefined);
    m.gauge('settle_consumer_lag', 'Records not yet consumed, per topic (computed at scrape)', ['topic'], async function () {
      this.reset();
      await Promise.all(
        topics().map(async (topic) => {
          const lag = await lagOf(topic);
          if (lag !== undefined) this.set({ topic }, lag);
        }),
      );
    });
  }

  register(topic: string, handler: RecordHandler): void {
    topicSpec(topic); // fails fast on a topic the registry does not know
    if (this.handlers.has(topic)) throw new Error(`${topic} already has a handler in ${this.options.service}`);
    this.handlers.set(topic, handler);
  }

  get topics(): string[] {
    return [...this.handlers.keys()];
  }

  async start(): Promise<void> {
    const { broker, topics, service } = this.options;
    for (const topic of this.handlers.keys()) {
      const subscription = await broker.subscribe({
        groupId: topics.groupId(service, topic),
        topics: [topics.physical(topic), topics.physical(retryTopicOf(topic, service))],
        partitionsConcurrently: this.options.partitionsConcurrently ?? 3,
        handle: (record, heartbeat) => this.consume(topic, record, heartbeat),
      });
      this.subscriptions.push(subscription);
    }
  }

  /** Stops taking records, lets in-flight handlers finish and commits their offsets. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakeSleepers) wake();
    await Promise.all(this.subscriptions.splice(0).map((s) => s.stop()));
  }

  async lag(topic: string): Promise<number> {
    const { broker, topics, service } = this.options;
    return broker.consumerLag(topics.groupId(service, topic), topics.physical(topic));
  }

  private async consume(topic: string, record: IncomingRecord, heartbeat: () => Promise<void>): Promise<void> {
    const started = performance.now();
    const outcome = await this.process(topic, record, heartbeat);
    this.handled.inc({ topic, outcome });
    this.latency.observe({ topic }, (performance.now() - started) / 1000);
  }

  private async process(topic: string, record: IncomingRecord, heartbeat: () => Promise<void>): Promise<Outcome> {
    const parsed = parseRecord(topicSpec(topic), record);
    if (!parsed.ok) {
      const reason = parsed.errors.map((e) => `${e.field}: ${e.problem}`).join('; ');
      await this.deadLetter(topic, record, 'invalid_record', reason);
      return 'dead_lettered';
    }
    const round = Number(record.headers[HEADERS.attempt] ?? '0');
    const notBefore = Number(record.headers[HEADERS.notBefore] ?? '0');
    if (notBefore > Date.now()) await this.sleep(notBefore - Date.now(), heartbeat);

    let lastError: unknown;
    const attempts = this.policy.inProcessBackoffMs.length + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return (await this.handleOnce(topic, parsed.id, parsed.value, record, round + attempt)) ? 'handled' : 'duplicate';
      } catch (error) {
        lastError = error;
        if (error instanceof NonRetryableError || this.stopping) break;
        this.options.logger.warn({ topic, partition: record.partition, offset: record.offset, attempt, err: error }, 'handler failed; backing off');
        if (attempt < attempts) await this.sleep(this.policy.inProcessBackoffMs[attempt - 1], heartbeat);
      }
    }
    if (this.stopping) throw new ConsumerStoppingError();

    const message = lastError instanceof Error ? `${lastError.name}: ${lastError.message}` : String(lastError);
    if (!(lastError instanceof NonRetryableError) && round < this.policy.retryTopicDelaysMs.length) {
      await this.scheduleRetry(topic, record, round, message);
      return 'retry_scheduled';
    }
    await this.deadLetter(topic, record, lastError instanceof NonRetryableError ? lastError.code : 'retries_exhausted', message);
    return 'dead_lettered';
  }

  /** Returns false when the inbox shows the record was handled before. */
  private async handleOnce(topic: string, id: string, value: unknown, record: IncomingRecord, attempt: number): Promise<boolean> {
    const handler = this.handlers.get(topic)!;
    const group = `${this.options.service}:${topic}`;
    return this.options.dataSource.transaction(async (tx) => {
      const fresh = await tx.query(
        `INSERT INTO inbox (consumer_group, event_id, topic) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
        [group, id, topic],
      );
      if (fresh.length === 0) return false;
      const trace = childTrace(parseTraceparent(record.headers[HEADERS.traceparent]));
      await handler(value, { topic, tx, outbox: new OutboxWriter(tx, trace), record, trace, attempt });
      return true;
    });
  }

  private async scheduleRetry(topic: string, record: IncomingRecord, round: number, error: string): Promise<void> {
    const { broker, topics, service } = this.options;
    const delay = this.policy.retryTopicDelaysMs[round];
    await broker.send(topics.physical(retryTopicOf(topic, service)), [
      {
        key: record.key ?? '',
        value: record.value ?? Buffer.alloc(0),
        headers: {
          ...this.originHeaders(topic, record),
          [HEADERS.attempt]: String(round + 1),
          [HEADERS.notBefore]: String(Date.now() + delay),
          [HEADERS.error]: truncate(error),
        },
      },
    ]);
    this.options.logger.warn({ topic, partition: record.partition, offset: record.offset, round: round + 1, delayMs: delay }, 'record parked on the retry topic');
  }

  private async deadLetter(topic: string, record: IncomingRecord, kind: string, error: string): Promise<void> {
    const { broker, topics, service } = this.options;
    await broker.send(topics.physical(deadLetterTopicOf(topic, service)), [
      {
        key: record.key ?? '',
        value: record.value ?? Buffer.alloc(0),
        headers: {
          ...this.originHeaders(topic, record),
          [HEADERS.errorKind]: kind,
          [HEADERS.error]: truncate(error),
          [HEADERS.failedAt]: new Date().toISOString(),
        },
      },
    ]);
    this.deadLettered.inc({ topic, reason: kind });
    this.options.logger.error({ topic, partition: record.partition, offset: record.offset, kind, error: truncate(error, 500) }, 'record dead-lettered');
  }

  /** The original record's headers, plus where it first came from (kept across retry rounds). */
  private originHeaders(topic: string, record: IncomingRecord): Record<string, string> {
    return {
      ...record.headers,
      [HEADERS.originalTopic]: record.headers[HEADERS.originalTopic] ?? topic,
      [HEADERS.originalPartition]: record.headers[HEADERS.originalPartition] ?? String(record.partition),
      [HEADERS.originalOffset]: record.headers[HEADERS.originalOffset] ?? record.offset,
      [HEADERS.consumerGroup]: this.options.service,
    };
  }

  /** Waits, heartbeating so the group keeps this member, and wakes early when the runner stops. */
  private async sleep(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopping && Date.now() < until) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(2_000, until - Date.now()));
        const wake = this.wakeSleepers;
        function done() {
          clearTimeout(timer);
          wake.delete(done);
          resolve();
        }
        wake.add(done);
      });
      await heartbeat().catch(() => undefined);
    }
    if (this.stopping) throw new ConsumerStoppingError();
  }
}

function truncate(text: string, max = 2_000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
