import 'reflect-metadata';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { topicSpec } from '@settle/contracts';
import { OUTBOUND_SOURCE_TOPICS } from './domain/outbound-events';
import { OutboundEventsConsumer } from './outbound-events.consumer';

describe('OutboundEventsConsumer', () => {
  const handledTopics = Object.getOwnPropertyNames(OutboundEventsConsumer.prototype).flatMap((name) => {
    const method = (OutboundEventsConsumer.prototype as unknown as Record<string, unknown>)[name];
    const patterns = typeof method === 'function' ? (Reflect.getMetadata(PATTERN_METADATA, method) as string[] | undefined) : undefined;
    return patterns ?? [];
  });

  it('has an @EventPattern handler for every topic a mapping row reads', () => {
    expect([...handledTopics].sort()).toEqual([...OUTBOUND_SOURCE_TOPICS].sort());
  });

  it('is registered as a consumer of those topics, so their retry and dead-letter siblings exist', () => {
    for (const topic of OUTBOUND_SOURCE_TOPICS) expect(topicSpec(topic).consumers).toContain('ingest');
  });
});
