import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { KafkajsBroker, TopicNames } from '@settle/messaging';
import { createLogger } from '@settle/observability';

/** The real broker the test scripts started (KAFKA_BROKERS), and a topic prefix unique to this run. */
export interface TestKafka {
  brokers: string;
  prefix: string;
  topics: TopicNames;
  /** A raw kafkajs client for test-side producing and reading (e.g. DLQ inspection). */
  kafka: Kafka;
  /** Deletes this run's topics, so a long-lived broker does not pile up partitions. */
  cleanup(): Promise<void>;
}

export async function createTestKafka(label = 't'): Promise<TestKafka> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run integration tests through `npm test` (it starts the broker)');
  const prefix = `${label}-${randomBytes(3).toString('hex')}.`;
  const topics = new TopicNames(prefix);
  const broker = new KafkajsBroker({ brokers: brokers.split(','), clientId: 'settle-test-bootstrap', logger: createLogger('test', 'warn') });
  try {
    await retryingTopicAdmin(() => broker.ensureTopics(topics.allTopics()));
  } finally {
    await broker.disconnect();
  }
  const kafka = new Kafka({ clientId: 'settle-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const cleanup = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 30_000 });
    } catch {
      // best effort: a broker that is going away takes the topics with it
    } finally {
      await admin.disconnect();
    }
  };
  return { brokers, prefix, topics, kafka, cleanup };
}

export interface ConsumedRecord {
  key: string | null;
  value: string;
  headers: Record<string, string>;
  partition: number;
}

/** Reads everything on a topic from the beginning until `count` records arrived or time ran out. */
export async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs = 20_000): Promise<ConsumedRecord[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}` });
  const records: ConsumedRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v);
          records.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', headers, partition });
          if (records.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/**
 * Topic administration, tried again after a refusal (4 attempts, 1.5 s more each time): right after
 * another suite deleted its topics, or on a fresh broker, the controller can refuse for a moment,
 * and kafkajs's wait for new topics' leaders fails with UNKNOWN_TOPIC_OR_PARTITION.
 */
export async function retryingTopicAdmin<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 4) throw error;
      await new Promise((r) => setTimeout(r, 1500 * attempt));
    }
  }
}
