import 'reflect-metadata';
import { ACCOUNT_EVENTS_V1, EVENTS, EventEnvelope, deadLetterTopicOf, newEvent, recordKey } from '@settle/contracts';
import { ServiceMetrics, createLogger } from '@settle/observability';
import { createServiceDataSource, initializeServiceDataSource } from '@settle/persistence';
import { TestDatabase, TestKafka, createTestDatabase, createTestKafka, readTopic, waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { ConsumerRunner, RecordHandler } from './consumer-runner';
import { NonRetryableError } from './errors';
import { HEADERS } from './headers';
import { KafkajsBroker } from './kafka/kafkajs-broker';
import { MessagingTables1732500000000 } from './messaging.migration';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox';

jest.setTimeout(120_000);

class EffectTable1732500009999 implements MigrationInterface {
  name = 'EffectTable1732500009999';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE effect (id bigserial PRIMARY KEY, event_id text NOT NULL, amount int NOT NULL)`);
  }
  async down(): Promise<void> {}
}

const tenantId = randomUUID();

function paymentEvent(accountId: string, amountMinor: number, id?: string): EventEnvelope {
  return newEvent(
    EVENTS.paymentReceived,
    { tenantId, accountId, producer: 'ingest', occurredAt: new Date('2026-03-02T10:00:00Z'), id },
    { externalAccountRef: 'acc', lenderEventId: `l-${amountMinor}`, amount: { amountMinor, currency: 'EUR' }, paidAt: '2026-03-02T10:00:00Z', settlesBalance: false },
  );
}

describe('consumer runner and outbox over the real broker and PostgreSQL', () => {
  let db: TestDatabase;
  let kafka: TestKafka;
  let dataSource: DataSource;
  let broker: KafkajsBroker;
  const logger = createLogger('test', 'fatal');

  beforeAll(async () => {
    [db, kafka] = await Promise.all([createTestDatabase('runner'), createTestKafka('runner')]);
    dataSource = createServiceDataSource({ url: db.url, schema: 'scheduler', migrations: [MessagingTables1732500000000, EffectTable1732500009999] });
    await initializeServiceDataSource(dataSource);
    broker = new KafkajsBroker({ brokers: kafka.brokers.split(','), clientId: 'runner-test', logger });
  });

  afterAll(async () => {
    await broker?.disconnect();
    await dataSource?.destroy();
    await db?.drop();
    await kafka?.cleanup();
  });

  async function produce(...records: { key: string; value: string | Buffer }[]): Promise<void> {
    await broker.send(kafka.topics.physical(ACCOUNT_EVENTS_V1), records.map((r) => ({ ...r, headers: {} })));
  }

  async function withRunner(handler: RecordHandler, body: () => Promise<void>): Promise<void> {
    const runner = new ConsumerRunner({
      service: 'scheduler', dataSource, broker, topics: kafka.topics, logger, metrics: new ServiceMetrics('scheduler', false),
      retry: { inProcessBackoffMs: [10, 20], retryTopicDelaysMs: [100] },
    });
    runner.register(ACCOUNT_EVENTS_V1, handler);
    await runner.start();
    try {
      await body();
    } finally {
      await runner.stop();
    }
  }

  const recordEffect: RecordHandler = async (value, ctx) => {
    const event = value as EventEnvelope<{ amount: { amountMinor: number } }>;
    if (event.data.amount.amountMinor === 666) throw new NonRetryableError('the amount of the beast', 'contradiction');
    if (event.data.amount.amountMinor === 777) throw new Error('downstream is down');
    await ctx.tx.query(`INSERT INTO effect (event_id, amount) VALUES ($1, $2)`, [event.id, event.data.amount.amountMinor]);
  };

  const effects = async () => (await dataSource.query(`SELECT event_id, amount FROM effect ORDER BY id`)) as { event_id: string; amount: number }[];

  it('has the effect of an event delivered twice exactly once', async () => {
    await dataSource.query('TRUNCATE effect');
    const event = paymentEvent(randomUUID(), 101);
    const value = JSON.stringify(event);
    await produce({ key: recordKey(event), value }, { key: recordKey(event), value });
    const marker = paymentEvent(randomUUID(), 102);
    await produce({ key: recordKey(marker), value: JSON.stringify(marker) });
    await withRunner(recordEffect, async () => {
      await waitFor('both events handled', async () => ((await effects()).some((e) => e.amount === 102) ? true : undefined));
      // The duplicate may arrive after the marker on another partition? No: same key, same partition, in order.
      const rows = await effects();
      expect(rows.filter((e) => e.event_id === event.id)).toHaveLength(1);
    });
  });

  it('dead-letters a poison record with the reason and keeps consuming the partition', async () => {
    await dataSource.query('TRUNCATE effect');
    const accountId = randomUUID();
    const key = `${tenantId}:${accountId}`;
    const after = paymentEvent(accountId, 203);
    await produce(
      { key, value: '{"this is": not json' },
      { key, value: JSON.stringify({ ...paymentEvent(accountId, 201), data: { amount: 'lots' } }) },
      { key, value: JSON.stringify(paymentEvent(accountId, 666)) },
      { key, value: JSON.stringify(paymentEvent(accountId, 777)) },
      { key, value: JSON.stringify(after) },
    );
    await withRunner(recordEffect, async () => {
      await waitFor('the record behind the poison ones', async () => ((await effects()).some((e) => e.event_id === after.id) ? true : undefined));
      // Dead-lettering is at-least-once (a rebalance can repeat it): compare the distinct records.
      const dlq = await waitFor('all four poison records on the DLQ', async () => {
        const records = await readTopic(kafka.kafka, kafka.topics.physical(deadLetterTopicOf(ACCOUNT_EVENTS_V1, 'scheduler')), 20, 3_000);
        const unique = [...new Map(records.map((r) => [r.headers[HEADERS.originalOffset], r])).values()];
        return unique.length >= 4 ? unique : undefined;
      });
      const kinds = dlq.map((r) => r.headers[HEADERS.errorKind]).sort();
      expect(kinds).toEqual(['contradiction', 'invalid_record', 'invalid_record', 'retries_exhausted']);
      const notJson = dlq.find((r) => r.value === '{"this is": not json')!;
      expect(notJson.key).toBe(key);
      expect(notJson.headers[HEADERS.originalTopic]).toBe(ACCOUNT_EVENTS_V1);
      expect(notJson.headers[HEADERS.originalOffset]).toMatch(/^\d+$/);
      expect(notJson.headers[HEADERS.error]).toMatch(/not JSON/);
      const badField = dlq.find((r) => r.value.includes('"lots"'))!;
      expect(badField.headers[HEADERS.error]).toMatch(/data\.amount/);
      expect(dlq.find((r) => r.headers[HEADERS.errorKind] === 'retries_exhausted')!.headers[HEADERS.error]).toMatch(/downstream is down/);
    });
  });

  it('retries a failing handler with back-off and handles the record once it succeeds', async () => {
    await dataSource.query('TRUNCATE effect');
    let failures = 0;
    const flaky: RecordHandler = async (value, ctx) => {
      if (failures++ < 2) throw new Error('transient');
      await recordEffect(value, ctx);
    };
    const event = paymentEvent(randomUUID(), 301);
    await produce({ key: recordKey(event), value: JSON.stringify(event) });
    await withRunner(flaky, async () => {
      await waitFor('the flaky record handled', async () => ((await effects()).some((e) => e.event_id === event.id) ? true : undefined));
      expect(failures).toBe(3);
    });
  });

  it('relays outbox rows only after commit, in commit order per key, once', async () => {
    const relay = new OutboxRelay({ dataSource, broker, topics: kafka.topics, logger, metrics: new ServiceMetrics('scheduler', false), schema: 'scheduler', pollIntervalMs: 50 });
    const accountId = randomUUID();
    const events = [1, 2, 3, 4, 5].map((n) => paymentEvent(accountId, 400 + n));
    await dataSource.transaction(async (tx) => new OutboxWriter(tx).add(ACCOUNT_EVENTS_V1, ...events.slice(0, 3)));
    await dataSource
      .transaction(async (tx) => {
        await new OutboxWriter(tx).add(ACCOUNT_EVENTS_V1, paymentEvent(accountId, 999));
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await dataSource.transaction(async (tx) => new OutboxWriter(tx).add(ACCOUNT_EVENTS_V1, ...events.slice(3)));
    relay.start();
    try {
      await waitFor('the outbox drained', async () => {
        const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
        return row.n === 0 ? true : undefined;
      });
    } finally {
      await relay.stop();
    }
    const records = await readTopic(kafka.kafka, kafka.topics.physical(ACCOUNT_EVENTS_V1), 100, 8_000);
    const mine = records.filter((r) => r.key === `${tenantId}:${accountId}`).map((r) => JSON.parse(r.value).data.amount.amountMinor);
    expect(mine).toEqual([401, 402, 403, 404, 405]);
    const headers = records.find((r) => r.key === `${tenantId}:${accountId}`)!.headers;
    expect(headers[HEADERS.eventType]).toBe('account.payment_received');
    expect(headers[HEADERS.traceparent]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
