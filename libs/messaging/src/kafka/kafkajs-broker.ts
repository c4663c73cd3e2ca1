import { Admin, ConfigResourceTypes, ConfigSource, Consumer, IHeaders, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { IncomingRecord, MessageBroker, OutgoingRecord, Subscription, SubscriptionOptions, TopicDefinition } from '../broker';

export interface KafkajsBrokerOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
}

/** kafkajs behind the MessageBroker port. One idempotent producer per process, one consumer per subscription. */
export class KafkajsBroker implements MessageBroker {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly consumers = new Set<Consumer>();
  private readonly log: Logger;

  constructor(options: KafkajsBrokerOptions) {
    const log = (this.log = options.logger.child({ component: 'kafkajs' }));
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      retry: { initialRetryTime: 100, retries: 8 },
      logLevel: logLevel.WARN,
      logCreator: () => ({ namespace, level, log: entry }) => {
        const { message, ...rest } = entry;
        const fields = { namespace, ...rest };
        if (level === logLevel.ERROR) log.error(fields, message);
        else if (level === logLevel.WARN) log.warn(fields, message);
        else log.debug(fields, message);
      },
    });
  }

  async send(topic: string, records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const producer = await this.getProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
    });
  }

  async subscribe(options: SubscriptionOptions): Promise<Subscription> {
    const state: { stopped: boolean; consumer?: Consumer; timer?: NodeJS.Timeout; rebuilds: number } = { stopped: false, rebuilds: 0 };
    // kafkajs stops a consumer for good on errors it calls non-retriable — notably "failed to find
    // group coordinator" while a fresh cluster still creates __consumer_offsets (tulios/kafkajs#1445)
    // — and the service would go on looking healthy with nothing consumed. Build a new one instead.
    const rebuild = () => {
      if (state.stopped) return;
      state.rebuilds += 1;
      const delayMs = Math.min(30_000, 500 * 2 ** Math.min(state.rebuilds, 6));
      state.timer = setTimeout(() => {
        void (async () => {
          const old = state.consumer;
          if (old) {
            this.consumers.delete(old);
            await old.disconnect().catch(() => undefined);
          }
          if (state.stopped) return;
          try {
            state.consumer = await this.startConsumer(options, rebuild);
          } catch (error) {
            this.log.warn({ groupId: options.groupId, err: (error as Error).message }, 'rebuilding the consumer failed; trying again');
            rebuild();
          }
        })();
      }, delayMs);
    };
    state.consumer = await this.startConsumer(options, rebuild);
    return {
      stop: async () => {
        state.stopped = true;
        clearTimeout(state.timer);
        const consumer = state.consumer;
        if (!consumer) return;
        // disconnect() waits for the running eachMessage calls and commits resolved offsets.
        await consumer.disconnect();
        this.consumers.delete(consumer);
      },
    };
  }

  private async startConsumer(options: SubscriptionOptions, onStoppedForGood: () => void): Promise<Consumer> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      retry: { retries: 10 },
    });
    this.consumers.add(consumer);
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.log.warn({ groupId: options.groupId, err: payload.error.message }, 'kafkajs stopped the consumer for good; building a new one');
      onStoppedForGood();
    });
    await consumer.connect();
    // A service starting while the cluster still elects leaders for new topics (or moves them) is
    // told "not hosted here" for a moment: that is worth waiting out, not a reason to fail start-up.
    for (let attempt = 1; ; attempt++) {
      try {
        await consumer.subscribe({ topics: options.topics, fromBeginning: true });
        break;
      } catch (error) {
        if (attempt >= 6 || (error as { retriable?: boolean }).retriable !== true) throw error;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
    await consumer.run({
      partitionsConsumedConcurrently: options.partitionsConcurrently,
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const record: IncomingRecord = {
          topic,
          partition,
          offset: message.offset,
          key: message.key ? message.key.toString() : null,
          value: message.value,
          headers: decodeHeaders(message.headers),
          timestamp: message.timestamp,
        };
        await options.handle(record, heartbeat);
      },
    });
    return consumer;
  }

  async ensureTopics(topics: TopicDefinition[]): Promise<void> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor ?? -1,
          ...(t.cleanupPolicy ? { configEntries: [{ name: 'cleanup.policy', value: t.cleanupPolicy }] } : {}),
        })),
      });
    }
    await this.alignCleanupPolicies(admin, topics.filter((t) => t.cleanupPolicy && existing.has(t.name)));
  }

  /**
   * A topic created before its registry entry declared a cleanup policy is given it now, so an
   * upgrade needs no hand-run kafka-configs. kafkajs offers only the non-incremental AlterConfigs,
   * which resets every override it is not sent: the topic's own overrides go back with it.
   */
  private async alignCleanupPolicies(admin: Admin, topics: TopicDefinition[]): Promise<void> {
    if (topics.length === 0) return;
    const wanted = new Map(topics.map((t) => [t.name, t.cleanupPolicy]));
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.name })),
    });
    const changes = resources.flatMap((r) => {
      const policy = wanted.get(r.resourceName);
      const current = r.configEntries.find((c) => c.configName === 'cleanup.policy')?.configValue;
      if (!policy || current === policy) return [];
      const overrides = r.configEntries
        .filter((c) => c.configSource === ConfigSource.TOPIC_CONFIG && c.configName !== 'cleanup.policy')
        .map((c) => ({ name: c.configName, value: c.configValue }));
      this.log.warn({ topic: r.resourceName, from: current, to: policy }, 'topic cleanup policy aligned with the registry');
      return [{ type: ConfigResourceTypes.TOPIC, name: r.resourceName, configEntries: [...overrides, { name: 'cleanup.policy', value: policy }] }];
    });
    if (changes.length > 0) await admin.alterConfigs({ validateOnly: false, resources: changes });
  }

  async consumerLag(groupId: string, topic: string): Promise<number> {
    const admin = await this.getAdmin();
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const committedByPartition = new Map(
      (committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
    );
    return ends.reduce((lag, p) => {
      const done = committedByPartition.get(p.partition) ?? -1;
      const start = Number(p.low);
      return lag + Math.max(0, Number(p.high) - (done >= 0 ? done : start));
    }, 0);
  }

  async ping(): Promise<void> {
    const admin = await this.getAdmin();
    await admin.describeCluster();
  }

  async disconnect(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    const [producer, admin] = [this.producer, this.admin];
    this.producer = undefined;
    this.admin = undefined;
    await Promise.all([producer?.then((p) => p.disconnect()), admin?.then((a) => a.disconnect())].map((p) => p?.catch(() => undefined)));
  }

  private getProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      // Idempotent producer: acks=all and one request in flight, so a retried batch is neither
      // duplicated nor reordered.
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })().catch((error) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  private getAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    out[name] = first === undefined ? '' : first.toString();
  }
  return out;
}
