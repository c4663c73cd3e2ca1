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
    await broker.ensureTopics(topics);
  } finally {
    await broker.disconnect();
  }
  const names = topics.map((t) => t.name);
  return {
    prefix,
    names,
    delete: async () => {
      const admin = new Kafka({ clientId: 'settle-demo-cleanup', brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
      await admin.connect();
      try {
        await admin.deleteTopics({ topics: names, timeout: 10_000 });
      } finally {
        await admin.disconnect();
      }
    },
  };
}
