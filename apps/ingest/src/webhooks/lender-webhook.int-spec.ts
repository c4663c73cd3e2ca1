import { deadLetterTopicOf, PLATFORM_EVENTS_V1 } from '@settle/contracts';
import { HEADERS } from '@settle/messaging';
import { readTopic, waitFor } from '@settle/testing';
import { SettleHarness, instalmentMissed, paymentReceived } from '../../../settle-e2e/src/harness';

jest.setTimeout(120_000);

describe('lender webhook: authentic, valid, idempotent — and clear about anything else', () => {
  let h: SettleHarness;
  let tenant: { tenantId: string; webhookSecret: string };

  beforeAll(async () => {
    h = await SettleHarness.create('webhook');
    await h.start('ingest');
    tenant = await h.createTenant('Webhook Bank');
  });

  afterAll(async () => h?.close());

  const outboxCount = async () => Number((await h.query<{ n: string }>('ingest', 'SELECT count(*) AS n FROM outbox'))[0].n);
  const problem = async (res: Response) => {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await res.json()) as { type: string; status: number; detail: string; errors?: { field: string; problem: string }[] };
  };

  it('accepts a signed event with 202 and puts its domain event in the outbox', async () => {
    const before = await outboxCount();
    const res = await h.sendWebhook(tenant, instalmentMissed());
    expect(res.status).toBe(202);
    const body = (await res.json()) as { status: string; eventIds: string[] };
    expect(body.status).toBe('accepted');
    expect(body.eventIds).toHaveLength(1);
    expect(await outboxCount()).toBe(before + 1);
  });

  it('rejects a bad signature, a stale or future timestamp and an unknown tenant with 401 saying which', async () => {
    const before = await outboxCount();
    const bad = await h.sendWebhook(tenant, instalmentMissed(), { secret: 'whsec_not_the_secret' });
    expect(bad.status).toBe(401);
    expect((await problem(bad)).type).toMatch(/bad-signature$/);

    const stale = await h.sendWebhook(tenant, instalmentMissed(), { signedAt: new Date(h.clock.now().getTime() - 301_000) });
    expect(stale.status).toBe(401);
    expect((await problem(stale)).detail).toMatch(/301 s old/);

    const future = await h.sendWebhook(tenant, instalmentMissed(), { signedAt: new Date(h.clock.now().getTime() + 600_000) });
    expect(future.status).toBe(401);
    expect((await problem(future)).type).toMatch(/future-timestamp$/);

    const stranger = await h.sendWebhook({ tenantId: '6f1c1f5e-1d4a-4a57-9b8e-000000000000', webhookSecret: tenant.webhookSecret }, instalmentMissed());
    expect(stranger.status).toBe(401);
    expect((await problem(stranger)).type).toMatch(/unknown-tenant$/);
    expect(await outboxCount()).toBe(before);
  });

  it('answers malformed JSON and invalid fields with 400 listing each field and its problem', async () => {
    const before = await outboxCount();
    const malformed = await h.sendWebhook(tenant, undefined, { raw: '{"type": "instalment.missed",' });
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).errors).toEqual([{ field: '$', problem: 'not valid JSON' }]);

    const event = instalmentMissed() as unknown as { account: { contact: Record<string, unknown> }; instalment: Record<string, unknown> };
    event.account.contact.phone = '0151 1234';
    event.instalment.amountDue = { amountMinor: 12.5, currency: 'EURO' };
    delete event.instalment.dueDate;
    const invalid = await h.sendWebhook(tenant, event);
    expect(invalid.status).toBe(400);
    const fields = (await problem(invalid)).errors!.map((e) => e.field).sort();
    expect(fields).toEqual(['account.contact.phone', 'instalment.amountDue.amountMinor', 'instalment.amountDue.currency', 'instalment.dueDate']);

    const unknownType = await h.sendWebhook(tenant, { ...instalmentMissed(), type: 'instalment.forgiven' });
    expect((await problem(unknownType)).errors![0].field).toBe('type');
    expect(await outboxCount()).toBe(before);
  });

  it('answers an oversized body with 413 and a wrong content type with 415', async () => {
    const huge = JSON.stringify({ ...instalmentMissed(), padding: 'x'.repeat(70 * 1024) });
    const tooLarge = await h.sendWebhook(tenant, undefined, { raw: huge });
    expect(tooLarge.status).toBe(413);
    expect((await problem(tooLarge)).type).toMatch(/payload-too-large$/);

    const text = await h.sendWebhook(tenant, undefined, { raw: JSON.stringify(instalmentMissed()), contentType: 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('replays the original answer for a repeated idempotency key and body, and refuses another body with 409', async () => {
    const event = paymentReceived('acc-idem');
    const first = await h.sendWebhook(tenant, event, { idempotencyKey: 'idem-1' });
    expect(first.status).toBe(202);
    const firstBody = await first.json();
    const after = await outboxCount();

    const again = await h.sendWebhook(tenant, event, { idempotencyKey: 'idem-1' });
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);

    const other = await h.sendWebhook(tenant, paymentReceived('acc-idem', 100), { idempotencyKey: 'idem-1' });
    expect(other.status).toBe(409);

    // The same lender event under a new key is recognised too: no second domain event.
    const sameEventNewKey = await h.sendWebhook(tenant, event, { idempotencyKey: 'idem-2' });
    expect(((await sameEventNewKey.json()) as { status: string }).status).toBe('duplicate');
    expect(await outboxCount()).toBe(after);
  });

  it('takes lender events from platform.events.v1 through the same path, dead-lettering bad ones', async () => {
    const before = await outboxCount();
    const producer = h.kafka.kafka.producer();
    await producer.connect();
    const topic = h.kafka.topics.physical(PLATFORM_EVENTS_V1);
    await producer.send({
      topic,
      messages: [
        { key: 'acc-k1', value: JSON.stringify(instalmentMissed({ ref: 'acc-k1' })), headers: { [HEADERS.tenantId]: tenant.tenantId } },
        { key: 'acc-k2', value: JSON.stringify({ ...instalmentMissed({ ref: 'acc-k2' }), occurredAt: 'yesterday' }), headers: { [HEADERS.tenantId]: tenant.tenantId } },
        { key: 'acc-k3', value: JSON.stringify(instalmentMissed({ ref: 'acc-k3' })) },
      ],
    });
    await producer.disconnect();
    await waitFor('the Kafka-borne event in the outbox', async () => ((await outboxCount()) === before + 1 ? true : undefined));
    // Dead-lettering is at-least-once (a rebalance can repeat it), so compare the distinct reasons.
    const reasons = await waitFor('both records on the DLQ', async () => {
      const dlq = await readTopic(h.kafka.kafka, h.kafka.topics.physical(deadLetterTopicOf(PLATFORM_EVENTS_V1, 'ingest')), 10, 3_000);
      const distinct = [...new Set(dlq.map((r) => r.headers[HEADERS.error]))].sort();
      return distinct.length >= 2 ? distinct : undefined;
    });
    expect(reasons).toEqual([expect.stringMatching(/^headers\.settle-tenant-id/), expect.stringMatching(/^occurredAt/)]);
  });

  it('never answers 5xx to hostile bodies', async () => {
    const hostile = ['null', '[]', '"str"', '1e309', '{"__proto__": {"polluted": true}}', '{"type": {"$ne": null}}', `{"eventId": "${'a'.repeat(5000)}"}`, '\u0000'];
    for (const raw of hostile) {
      const res = await h.sendWebhook(tenant, undefined, { raw });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
