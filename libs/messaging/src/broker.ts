/**
 * The project's own small port over the Kafka client. Everything in Settle publishes and consumes
 * through these interfaces; only `kafka/` knows kafkajs, so the client can be swapped.
 */
export interface OutgoingRecord {
  key: string;
  value: Buffer | string;
  headers: Record<string, string>;
}

export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

export interface TopicDefinition {
  name: string;
  partitions: number;
  replicationFactor?: number;
  /** `compact`: keep the latest record per key instead of deleting by age (at creation, or set on an existing topic). */
  cleanupPolicy?: 'compact';
}

export interface SubscriptionOptions {
  groupId: string;
  topics: string[];
  /** Partitions worked in parallel; order is kept within each partition. */
  partitionsConcurrently: number;
  /** Called once per record, in partition order. The record counts as done when this resolves. */
  handle: (record: IncomingRecord, heartbeat: () => Promise<void>) => Promise<void>;
  sessionTimeoutMs?: number;
}

export interface Subscription {
  /** Stops fetching, waits for in-flight handlers and commits their offsets. */
  stop(): Promise<void>;
}

export interface MessageBroker {
  /** Writes records in order per key, acknowledged by all in-sync replicas, without duplicates on retry. */
  send(topic: string, records: OutgoingRecord[]): Promise<void>;
  subscribe(options: SubscriptionOptions): Promise<Subscription>;
  /** Creates missing topics; never changes the partition count of an existing one. */
  ensureTopics(topics: TopicDefinition[]): Promise<void>;
  /** Sum over partitions of (end offset − committed offset) for one group on one topic. */
  consumerLag(groupId: string, topic: string): Promise<number>;
  ping(): Promise<void>;
  disconnect(): Promise<void>;
}

export const MESSAGE_BROKER = Symbol('MESSAGE_BROKER');
