import { createLogger } from '@settle/observability';
import { retryingTopicAdmin as retrying } from '@settle/testing';
import { randomBytes } from 'node:crypto';
import { Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { KafkajsBroker } from './kafkajs-broker';

jest.setTimeout(60_000);

/** Topic provisioning over the real broker: what `npm run topics` and the services' bootstrap rely on. */
describe('KafkajsBroker.ensureTopics', () => {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');
  const prefix = `ensure-${randomBytes(3).toString('hex')}.`;
  const name = (t: string) => `${prefix}${t}`;
  let broker: KafkajsBroker;
  let admin: Admin;

  beforeAll(async () => {
    broker = new KafkajsBroker({ brokers, clientId: 'ensure-topics-test', logger: createLogger('test', 'fatal') });
    admin = new Kafka({ clientId: 'ensure-topics-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 30_000 });
    await admin.disconnect();
    await broker.disconnect();
  });

  async function configOf(topic: string): Promise<Record<string, { value: string; source: number }>> {
    const { resources } = await retrying(() => admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] }));
    return Object.fromEntries(resources[0].configEntries.map((c) => [c.configName, { value: c.configValue, source: c.configSource }]));
  }

  it('creates what is missing, compacted where the registry says so', async () => {
    await retrying(() => broker.ensureTopics([{ name: name('plain'), partitions: 2 }, { name: name('state'), partitions: 3, cleanupPolicy: 'compact' }]));
    const metadata = await retrying(() => admin.fetchTopicMetadata({ topics: [name('plain'), name('state')] }));
    expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([[name('plain'), 2], [name('state'), 3]]);
    expect((await configOf(name('plain')))['cleanup.policy'].value).toBe('delete');
    expect((await configOf(name('state')))['cleanup.policy'].value).toBe('compact');
  });

  it('a topic created before it was declared compacted becomes compacted, and keeps the overrides an operator gave it', async () => {
    const topic = name('upgraded');
    await retrying(() =>
      admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: 1, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: '123456789' }, { name: 'max.message.bytes', value: '2000000' }] }],
      }),
    );
    expect((await configOf(topic))['cleanup.policy'].value).toBe('delete');

    await retrying(() => broker.ensureTopics([{ name: topic, partitions: 1, cleanupPolicy: 'compact' }]));

    const config = await configOf(topic);
    expect(config['cleanup.policy'].value).toBe('compact');
    expect(config['retention.ms']).toEqual({ value: '123456789', source: 1 /* TOPIC_CONFIG */ });
    expect(config['max.message.bytes']).toEqual({ value: '2000000', source: 1 });
    // Nothing the broker defaults was turned into a topic override on the way.
    expect(config['segment.bytes'].source).not.toBe(1);
  });

  it('leaves a topic that already matches, and a topic with no declared policy, as they are', async () => {
    const topic = name('kept');
    await retrying(() => admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: '3600000' }] }] }));
    await retrying(() => broker.ensureTopics([{ name: topic, partitions: 1 }, { name: name('state'), partitions: 3, cleanupPolicy: 'compact' }]));
    const config = await configOf(topic);
    expect(config['cleanup.policy'].value).toBe('delete');
    expect(config['retention.ms'].value).toBe('3600000');
    expect((await configOf(name('state')))['cleanup.policy'].value).toBe('compact');
  });
});
