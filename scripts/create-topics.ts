// The explicit topic bootstrap (`npm run kafka:topics`). Topics are never auto-created
// (auto.create.topics.enable=false): run this once per cluster and prefix before the services start.
//
// Creates every topic of the registry with the retry and dead-letter siblings of each consumer
// group (TopicNames(prefix).allTopics(replicationFactor)), then waits until every partition of
// every topic has a leader: right after CreateTopics a multi-broker cluster may still answer
// UNKNOWN_TOPIC_OR_PARTITION or LEADER_NOT_AVAILABLE from the brokers that have not caught up.
//
// Environment:
//   KAFKA_BROKERS              host:port[,host:port…] (required)
//   KAFKA_TOPIC_PREFIX         prefix of every topic name (default: none)
//   KAFKA_REPLICATION_FACTOR   replicas per partition (default: the broker's default.replication.factor)
//   KAFKA_TOPICS_TIMEOUT_MS    how long to wait for the cluster and for leaders (default 60000)
//
// Output: one JSON line per topic on stdout ({"topic","status":"created"|"existed","partitions"}),
// then one summary line. On failure: a message on stderr and exit code 1 (2 for bad settings).
import 'reflect-metadata';
import { ConfigValidationError, validateConfig } from '@settle/config';
import { KafkajsBroker, TopicDefinition, TopicNames } from '@settle/messaging';
import { createLogger } from '@settle/observability';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Admin, Kafka, logLevel } from 'kafkajs';

/** The settings this script reads; the same rules as ServiceConfig for the names they share. */
class CreateTopicsConfig {
  @Matches(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, { message: 'must be host:port[,host:port…]' })
  KAFKA_BROKERS!: string;

  @Matches(/^[a-z0-9._-]*$/, { message: 'may hold only a-z, 0-9, dot, underscore and dash' })
  KAFKA_TOPIC_PREFIX: string = '';

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(32)
  KAFKA_REPLICATION_FACTOR?: number;

  @IsInt()
  @Min(1000)
  KAFKA_TOPICS_TIMEOUT_MS: number = 60_000;
}

type TopicStatus = 'created' | 'existed';

interface TopicReport {
  topic: string;
  status: TopicStatus;
  partitions: number;
  /** Only for topics that existed: the registry asks for a different partition count. */
  expectedPartitions?: number;
}

class UsageError extends Error {}

function readConfig(): CreateTopicsConfig {
  // An empty value counts as unset (compose files and CI often pass `VAR=`).
  const env = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ''));
  if (!env.KAFKA_BROKERS) throw new UsageError('KAFKA_BROKERS is not set (host:port[,host:port…] of the Kafka bootstrap servers)');
  try {
    return validateConfig(CreateTopicsConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      throw new UsageError(error.problems.map((p) => `${p.setting}: ${p.problem}`).join('; '));
    }
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `fn` until it resolves or the deadline passes; the last error is kept for the message. */
async function untilDeadline<T>(deadline: number, what: string, fn: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`${what}: gave up after ${attempt + 1} attempts; last error: ${describeError(lastError)}`);
    }
    await sleep(Math.min(200 * 2 ** attempt, 2_000));
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const type = (error as { type?: string }).type;
    const nested = (error as { errors?: unknown[] }).errors;
    // kafkajs reports one error per topic: say each distinct one once, with how often it came.
    const counts = new Map<string, number>();
    for (const message of (Array.isArray(nested) ? nested : []).map(describeError)) counts.set(message, (counts.get(message) ?? 0) + 1);
    const detail = counts.size > 0 ? ` (${[...counts].map(([m, n]) => (n > 1 ? `${n}× ${m}` : m)).join('; ')})` : '';
    return `${type ? `${type}: ` : ''}${error.message}${detail}`;
  }
  return String(error);
}

/**
 * Kafka errors worth another try: kafkajs marks the transient ones `retriable`. On a cluster,
 * CreateTopics itself succeeds but kafkajs's own leader wait then fails with
 * UNKNOWN_TOPIC_OR_PARTITION (only LEADER_NOT_AVAILABLE is retried there), and a second attempt
 * from a lagging broker's view may hit TOPIC_ALREADY_EXISTS for some of the topics.
 */
function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { retriable, type, errors } = error as { retriable?: boolean; type?: string; errors?: unknown[] };
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.every((e) => (e as { type?: string }).type === 'TOPIC_ALREADY_EXISTS' || isTransient(e));
  }
  return retriable === true || type === 'UNKNOWN_TOPIC_OR_PARTITION' || type === 'LEADER_NOT_AVAILABLE' || type === 'NOT_CONTROLLER';
}

/** KafkajsBroker.ensureTopics (creates what is missing, leaves the rest), retried while the errors are transient. */
async function createMissing(broker: KafkajsBroker, topics: TopicDefinition[], deadline: number): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await broker.ensureTopics(topics);
      return;
    } catch (error) {
      if (!isTransient(error) || Date.now() >= deadline) throw error;
      process.stderr.write(`create-topics: retrying after a transient error: ${describeError(error)}\n`);
      await sleep(Math.min(250 * 2 ** attempt, 2_000));
    }
  }
}

/** Partition count per topic, for the topics that are on the cluster now. */
async function partitionCounts(admin: Admin, names: string[]): Promise<Map<string, number>> {
  const existing = new Set(await admin.listTopics());
  const present = names.filter((name) => existing.has(name));
  const counts = new Map<string, number>();
  if (present.length === 0) return counts;
  const { topics } = await admin.fetchTopicMetadata({ topics: present });
  for (const topic of topics) counts.set(topic.name, topic.partitions.length);
  return counts;
}

/** Why `topics` are not all usable yet, or an empty list when every partition has a leader. */
async function notReady(admin: Admin, topics: TopicDefinition[], expectedPartitions: Map<string, number>): Promise<string[]> {
  let metadata: Awaited<ReturnType<Admin['fetchTopicMetadata']>>;
  try {
    metadata = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) });
  } catch (error) {
    return [describeError(error)];
  }
  // When no broker answered, kafkajs fails with a TypeError (caught above) or leaves topics out.
  const byName = new Map((metadata?.topics ?? []).map((t) => [t.name, t.partitions]));
  const problems: string[] = [];
  for (const topic of topics) {
    const partitions = byName.get(topic.name);
    const expected = expectedPartitions.get(topic.name) ?? topic.partitions;
    if (!partitions) problems.push(`${topic.name}: not in the metadata yet`);
    else if (partitions.length < expected) problems.push(`${topic.name}: ${partitions.length}/${expected} partitions known`);
    else {
      const leaderless = partitions.filter((p) => p.leader < 0 || p.partitionErrorCode !== 0).map((p) => p.partitionId);
      if (leaderless.length > 0) problems.push(`${topic.name}: no leader yet for partition(s) ${leaderless.join(',')}`);
    }
  }
  return problems;
}

/**
 * Polls metadata until every partition of every topic has a leader, and keeps polling until that
 * held for several rounds in a row: kafkajs asks a random broker each time, and on a cluster a
 * broker that has not applied the new topics yet still answers UNKNOWN_TOPIC_OR_PARTITION. Then
 * asks each partition's leader for its offsets, which only a leader that serves the partition answers.
 */
async function waitForLeaders(
  admin: Admin,
  topics: TopicDefinition[],
  expectedPartitions: Map<string, number>,
  brokerCount: number,
  deadline: number,
): Promise<number> {
  const started = Date.now();
  const roundsNeeded = Math.max(2, brokerCount + 1);
  for (let cleanRounds = 0; cleanRounds < roundsNeeded; ) {
    const problems = await notReady(admin, topics, expectedPartitions);
    if (problems.length === 0) {
      cleanRounds += 1;
      if (cleanRounds < roundsNeeded) await sleep(100);
      continue;
    }
    cleanRounds = 0;
    if (Date.now() >= deadline) {
      const shown = problems.slice(0, 5).join('; ');
      throw new Error(`topics not ready before the timeout: ${shown}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`);
    }
    await sleep(250);
  }
  await Promise.all(topics.map((t) => untilDeadline(deadline, `offsets of ${t.name}`, () => admin.fetchTopicOffsets(t.name))));
  return Date.now() - started;
}

function printLine(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const config = readConfig();
  const brokers = config.KAFKA_BROKERS.split(',');
  const deadline = Date.now() + config.KAFKA_TOPICS_TIMEOUT_MS;
  const wanted = new TopicNames(config.KAFKA_TOPIC_PREFIX).allTopics(config.KAFKA_REPLICATION_FACTOR);
  const names = wanted.map((t) => t.name);

  const kafka = new Kafka({
    clientId: 'settle-create-topics',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    retry: { initialRetryTime: 200, retries: 3 },
  });
  const admin = kafka.admin();
  const broker = new KafkajsBroker({ brokers, clientId: 'settle-create-topics', logger: createLogger('create-topics', 'silent') });
  try {
    // The broker may still be starting (compose, CI): wait for it within the timeout.
    const cluster = await untilDeadline(deadline, `connecting to Kafka at ${config.KAFKA_BROKERS}`, async () => {
      await admin.connect();
      return admin.describeCluster();
    });
    const rf = config.KAFKA_REPLICATION_FACTOR;
    if (rf !== undefined && rf > cluster.brokers.length) {
      throw new UsageError(`KAFKA_REPLICATION_FACTOR=${rf} but the cluster has ${cluster.brokers.length} broker(s)`);
    }

    const before = await untilDeadline(deadline, 'listing existing topics', () => partitionCounts(admin, names));
    await createMissing(broker, wanted, deadline);
    const readyMs = await waitForLeaders(admin, wanted, before, cluster.brokers.length, deadline);

    const reports: TopicReport[] = wanted.map((t) => {
      const existing = before.get(t.name);
      if (existing === undefined) return { topic: t.name, status: 'created', partitions: t.partitions };
      return { topic: t.name, status: 'existed', partitions: existing, ...(existing !== t.partitions && { expectedPartitions: t.partitions }) };
    });
    for (const report of reports) printLine(report);

    const mismatched = reports.filter((r) => r.expectedPartitions !== undefined);
    for (const r of mismatched) {
      process.stderr.write(
        `warning: ${r.topic} existed with ${r.partitions} partitions, the registry says ${r.expectedPartitions}; ` +
          'partition counts are never changed here (that would move keys between partitions)\n',
      );
    }
    printLine({
      summary: true,
      brokers: config.KAFKA_BROKERS,
      prefix: config.KAFKA_TOPIC_PREFIX,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR ?? 'broker default',
      created: reports.filter((r) => r.status === 'created').length,
      existed: reports.filter((r) => r.status === 'existed').length,
      partitionMismatches: mismatched.length,
      leadersReadyMs: readyMs,
    });
  } finally {
    await Promise.all([broker.disconnect(), admin.disconnect()].map((p) => p.catch(() => undefined)));
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`create-topics: invalid settings: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`create-topics: FAILED: ${describeError(error)}\n`);
  process.exitCode = 1;
});
