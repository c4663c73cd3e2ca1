import { KafkajsBroker, TopicNames } from '@settle/messaging';
import { createLogger } from '@settle/observability';
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Where to create the demo's database: the server of DATABASE_URL, else the local default. */
const ADMIN_URL = process.env.DEMO_DATABASE_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface DemoDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database for this run; every service migrates its own schema in it. */
export async function createDemoDatabase(): Promise<DemoDatabase> {
  const name = `settle_demo_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface DemoTopics {
  prefix: string;
  names: string[];
  /** Best effort: the run's topics are of no use afterwards. */
  delete(): Promise<void>;
}

/** A topic prefix unique to this run, and every topic of the registry under it. */
export async function createDemoTopics(brokers: string): Promise<DemoTopics> {
  const prefix = `demo-${randomBytes(3).toString('hex')}.`;
  const topics = new TopicNames(prefix).allTopics();
  const broker = new KafkajsBroker({ brokers: brokers.split(','), clientId: 'settle-demo-bootstrap', logger: createLogger('demo', 'silent') });
  try {
    // Creating topics races the broker's metadata propagation now and then ("does not host this
    // topic-partition"); ensureTopics only creates what is missing, so asking again is safe.
    for (let attempt = 1; ; attempt++) {
      try {
        await broker.ensureTopics(topics);
        break;
      } catch (error) {
        if (attempt >= 5) {
          await deleteTopicsWithPrefix(brokers, prefix).catch(() => undefined);
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  } finally {
    await broker.disconnect();
  }
  const names = topics.map((t) => t.name);
  const remove = () => deleteTopicsWithPrefix(brokers, prefix);
  try {
    await warmUpGroupCoordinator(brokers, names[0], `${prefix}settle.demo.warm-up`);
  } catch (error) {
    await remove().catch(() => undefined);
    throw error;
  }
  return { prefix, names, delete: remove };
}

/**
 * A broker that has never seen a consumer group creates `__consumer_offsets` on the first join, and
 * until then every group's coordinator is "not available": each service's first records would wait
 * seconds — hours in the demo's compressed time. One throwaway group join settles that up front.
 */
async function warmUpGroupCoordinator(brokers: string, topic: string, groupId: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'settle-demo-warm-up', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes('__consumer_offsets')) return;
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  try {
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topics: [topic] });
    await consumer.run({ eachMessage: async () => undefined });
    await Promise.race([joined, new Promise((resolve) => setTimeout(resolve, 60_000))]);
  } finally {
    await consumer.disconnect();
  }
}

/** Removes what a failed creation left behind: only this run's (random) prefix. */
async function deleteTopicsWithPrefix(brokers: string, prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'settle-demo-cleanup', brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  await admin.connect();
  try {
    const ours = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (ours.length) await admin.deleteTopics({ topics: ours, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}
