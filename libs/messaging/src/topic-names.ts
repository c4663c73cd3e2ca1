import { ServiceName, TOPICS, deadLetterTopicOf, retryTopicOf } from '@settle/contracts';
import { TopicDefinition } from './broker';

/**
 * Maps the registry's logical topic names to the names on the cluster. A prefix lets test runs
 * (and several environments on one cluster) keep apart.
 */
export class TopicNames {
  constructor(readonly prefix: string) {}

  physical(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  logical(physical: string): string {
    return physical.startsWith(this.prefix) ? physical.slice(this.prefix.length) : physical;
  }

  groupId(service: ServiceName, topic: string): string {
    return `${this.prefix}settle.${service}.${topic}`;
  }

  /** Every topic of the registry with the retry and dead-letter siblings of each consumer group. */
  allTopics(replicationFactor?: number): TopicDefinition[] {
    return TOPICS.flatMap((spec) => [
      // Only the topic itself is compacted: retry and dead-letter siblings hold records to work off, not state.
      { name: this.physical(spec.name), partitions: spec.partitions, replicationFactor, ...(spec.cleanupPolicy ? { cleanupPolicy: spec.cleanupPolicy } : {}) },
      ...spec.consumers.flatMap((group) => [
        { name: this.physical(retryTopicOf(spec.name, group)), partitions: spec.partitions, replicationFactor },
        { name: this.physical(deadLetterTopicOf(spec.name, group)), partitions: spec.partitions, replicationFactor },
      ]),
    ]);
  }
}
