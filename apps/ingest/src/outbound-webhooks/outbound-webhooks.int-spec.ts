import { CASE_EVENTS_V1, EVENTS, EventEnvelope, SMS_COMMANDS_V1, accountIdFor, newEvent, recordKey } from '@settle/contracts';
import { startService } from '@settle/service-kit';
import { waitFor } from '@settle/testing';
import type { Producer } from 'kafkajs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { ADMIN_TOKEN, SettleHarness, TEST_RETRY_POLICY, instalmentMissed, paymentReceived } from '../../../settle-e2e/src/harness';
import { INGEST_SERVICE, IngestModule } from '../ingest.module';
import { verifySignature } from '../webhooks/webhook-signature';
import { outboundEventId } from './domain/outbound-events';
import type { DeliveryView } from './webhook-delivery.repository';

jest.setTimeout(240_000);

const BACKOFF_BASE_MS = 60_000;
const TIMEOUT_MS = 1_500;

interface Received {
  eventId: string;
  eventType: string;
  deliveryId: string;
  attempt: number;
  signatureOk: boolean;
  body: { id: string; type: string; tenantId: string; data: Record<string, unknown> } & Record<string, unknown>;
  raw: string;
  headers: IncomingMessage['headers'];
}

/**
 * The tenant's side: a real HTTP server that checks every signature, fails an event's first N
 * deliveries (500), can hang, and de-duplicates on the event id the way a receiver should.
 */
class Receiver {
  readonly received: Received[] = [];
  /** Event ids processed once each: what the tenant's system would act on. */
  readonly processed = new Set<string>();
  failFirst = new Map<string, number>();
  failAlways = new Set<string>();
  hang = new Set<string>();
  private server!: Server;
  url = '';

  constructor(private readonly secret: () => string, private readonly now: () => Date) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/settle`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  of(type: string, caseId?: string): Received[] {
    return this.received.filter((r) => r.eventType === type && (!caseId || r.body.data.caseId === caseId));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const signatureOk = verifySignature(req.headers['settle-signature'] as string | undefined, raw, [this.secret()], this.now(), 300).ok;
    const body = JSON.parse(raw.toString());
    const eventId = req.headers['settle-event-id'] as string;
    const caseId = body.data?.caseId as string;
    this.received.push({
      eventId, eventType: req.headers['settle-event-type'] as string, deliveryId: req.headers['settle-delivery-id'] as string,
      attempt: Number(req.headers['settle-delivery-attempt']), signatureOk, body, raw: raw.toString(), headers: req.headers,
    });
    if (!signatureOk) return void res.writeHead(401).end();
    if (this.hang.has(caseId)) return; // never answers: the sender must time out
    const left = this.failFirst.get(caseId) ?? 0;
    if (this.failAlways.has(caseId) || left > 0) {
      this.failFirst.set(caseId, left - 1);
      return void res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver down: +4915112345678');
    }
    this.processed.add(eventId);
    res.writeHead(204).end();
  }
}

describe('outbound webhooks: signed, retried with back-off, logged, replayable — over the real broker and PostgreSQL', () => {
  let h: SettleHarness;
  let producer: Producer;
  let receiver: Receiver;
  let tenant: { tenantId: string; webhookSecret: string };
  let other: { tenantId: string };
  let secret = '';

  const admin = (method: string, path: string, body?: unknown, token = ADMIN_TOKEN) =>
    fetch(`${h.url('ingest')}/v1/admin/tenants/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const deliveries = async (tenantId: string, query = '') => {
    const res = await admin('GET', `${tenantId}/webhook-deliveries${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { items: DeliveryView[]; nextCursor: string | null };
  };

  /** Puts a case event on case.events.v1, as the scheduler's outbox relay would. */
  async function publishCaseEvent(event: EventEnvelope, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      await producer.send({ topic: h.kafka.topics.physical(CASE_EVENTS_V1), messages: [{ key: recordKey(event), value: JSON.stringify(event) }] });
    }
  }
  const origin = (tenantId: string, caseId: string = randomUUID()) => ({ tenantId, accountId: randomUUID(), caseId, producer: 'scheduler' as const, occurredAt: h.clock.now() });
  const resolved = (tenantId: string, caseId: string = randomUUID()) =>
    newEvent(EVENTS.caseStatusChanged, origin(tenantId, caseId), { caseId, from: 'reminding', to: 'resolved', reason: 'paid in full by Anna', causeEventId: randomUUID() });

  /** Waits until the receiver has seen `n` deliveries of this type for this case. */
  const receivedFor = (type: string, caseId: string, n: number) =>
    waitFor(`${n} deliveries of ${type} for ${caseId}`, () => (receiver.of(type, caseId).length >= n ? receiver.of(type, caseId) : undefined), 60_000, 50);
  /** The delivery log entry of the webhook an internal event became (its id is derived, so known in advance). */
  const deliveryFor = (event: EventEnvelope, type: string, until: (d: DeliveryView) => boolean) =>
    waitFor(`delivery of ${type} for ${event.id}`, async () => {
      const d = (await deliveries(tenant.tenantId, `?limit=100&eventType=${type}`)).items.find((x) => x.eventId === outboundEventId(event.id, type));
      return d && until(d) ? d : undefined;
    }, 60_000, 100);
  /** Moves the shared clock just past a delivery's next attempt. */
  const advancePast = (d: DeliveryView) => h.clock.set(new Date(new Date(d.nextAttemptAt!).getTime() + 1_000));

  beforeAll(async () => {
    h = await SettleHarness.create('outbound');
    const env = {
      ...h.env(),
      OUTBOUND_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      OUTBOUND_WEBHOOK_BACKOFF_BASE_MS: String(BACKOFF_BASE_MS),
      OUTBOUND_WEBHOOK_BACKOFF_MAX_MS: String(16 * BACKOFF_BASE_MS),
      OUTBOUND_WEBHOOK_MAX_AGE_HOURS: '1',
    };
    h.running.set('ingest', await startService(INGEST_SERVICE, IngestModule, { port: 0, env, clock: h.clock, retryPolicy: TEST_RETRY_POLICY }));
    tenant = await h.createTenant('Outbound Bank');
    other = await h.createTenant('Other Bank');
    receiver = new Receiver(() => secret, () => h.clock.now());
    await receiver.start();
    producer = h.kafka.kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await receiver?.stop();
    await h?.close();
  });

  it('manages the endpoint: the secret is shown once, settings are validated, only the operator or the tenant’s own admin key may touch it', async () => {
    const bad = await admin('PUT', `${tenant.tenantId}/webhook-endpoint`, { url: 'ftp://x', eventTypes: ['case.resolved', 'case.exploded'], enabled: 'yes' });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['enabled', 'eventTypes', 'url']);
    // A body that would make the validator throw is a 400 too, not a 500.
    const hostile = await fetch(`${h.url('ingest')}/v1/admin/tenants/${tenant.tenantId}/webhook-endpoint`, {
      method: 'PUT', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{"url":{"constructor":"x"}}',
    });
    expect(hostile.status).toBe(400);
    expect(((await hostile.json()) as { errors: { field: string }[] }).errors[0].field).toBe('url.constructor');

    const created = await admin('PUT', `${tenant.tenantId}/webhook-endpoint`, { url: receiver.url });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { signingSecret: string; url: string; eventTypes: string[]; enabled: boolean };
    expect(body).toMatchObject({ url: receiver.url, eventTypes: [], enabled: true });
    expect(body.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    secret = body.signingSecret;

    const read = await admin('GET', `${tenant.tenantId}/webhook-endpoint`);
    expect(read.status).toBe(200);
    expect(await read.text()).not.toContain(secret);
    const again = await admin('PUT', `${tenant.tenantId}/webhook-endpoint`, { url: receiver.url, eventTypes: [] });
    expect(again.status).toBe(200);
    expect(await again.text()).not.toContain('whsec_');

    expect((await admin('GET', `${randomUUID()}/webhook-endpoint`)).status).toBe(404);
    expect((await admin('PUT', `${randomUUID()}/webhook-endpoint`, { url: receiver.url })).status).toBe(404);
    expect((await admin('GET', `${tenant.tenantId}/webhook-endpoint`, undefined, 'not-the-token')).status).toBe(401);

    // A tenant admin key works for its own tenant only.
    const keyRes = await admin('POST', `${tenant.tenantId}/api-keys`, { name: 'ops', scopes: ['admin'] });
    const reader = await admin('POST', `${tenant.tenantId}/api-keys`, { name: 'reader', scopes: ['cases:read'] });
    const key = ((await keyRes.json()) as { key: string }).key;
    const readerKey = ((await reader.json()) as { key: string }).key;
    expect((await admin('GET', `${tenant.tenantId}/webhook-endpoint`, undefined, key)).status).toBe(200);
    expect((await admin('GET', `${tenant.tenantId}/webhook-deliveries`, undefined, key)).status).toBe(200);
    expect((await admin('GET', `${other.tenantId}/webhook-deliveries`, undefined, key)).status).toBe(403);
    expect((await admin('PUT', `${other.tenantId}/webhook-endpoint`, { url: receiver.url }, key)).status).toBe(403);
    expect((await admin('GET', `${tenant.tenantId}/webhook-endpoint`, undefined, readerKey)).status).toBe(403);
  });

  it('turns a real payment link click into a signed payment_link.clicked webhook carrying ids only', async () => {
    const code = randomBytes(8).toString('hex').slice(0, 12);
    const caseId = randomUUID();
    const command = newEvent(EVENTS.smsRequested, origin(tenant.tenantId, caseId), {
      stepId: randomUUID(), caseId, language: 'en', tone: 'friendly' as const, firstName: 'Samantha', brandName: 'Acme Pay', merchantName: 'Nordic Bikes',
      amountDue: { amountMinor: 4250, currency: 'EUR' }, dueDate: '2026-03-01', paymentLink: { code, url: `http://127.0.0.1:3000/p/${code}` }, disclosures: [],
      to: '+4915112345678',
    } as never);
    await producer.send({ topic: h.kafka.topics.physical(SMS_COMMANDS_V1), messages: [{ key: recordKey(command), value: JSON.stringify(command) }] });
    const lookup = () => fetch(`${h.url('ingest')}/v1/payment-links/${code}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await waitFor('ingest to learn the link', async () => (await lookup()).status === 200, 60_000, 200);
    expect((await fetch(`${h.url('ingest')}/p/${code}`)).status).toBe(200);

    const [got] = await receivedFor('payment_link.clicked', caseId, 1);
    expect(got.signatureOk).toBe(true);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['settle-tenant-id']).toBe(tenant.tenantId);
    expect(got.body).toMatchObject({ id: got.eventId, type: 'payment_link.clicked', apiVersion: 1, tenantId: tenant.tenantId, data: { caseId, accountId: command.accountId, channel: 'sms', stepId: (command.data as { stepId: string }).stepId } });
    expect(got.raw).not.toMatch(/Samantha|\+49|Nordic|amountMinor|:4250\b/); // ids are hex: a bare 4250 could be inside one
    expect(got.raw).not.toContain(code);
  });

  it('retries a failing receiver with growing, jittered waits until it answers 2xx, logging every attempt; one event id throughout', async () => {
    const event = resolved(tenant.tenantId);
    const caseId = event.caseId!;
    receiver.failFirst.set(caseId, 3);
    await publishCaseEvent(event);

    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await receivedFor('case.resolved', caseId, attempt);
      const d = await deliveryFor(event, 'case.resolved', (x) => x.attemptLog.length === attempt);
      const last = d.attemptLog[attempt - 1];
      expect(last).toMatchObject({ attempt, statusCode: 500, error: 'HTTP 500', outcome: 'retry_scheduled' });
      expect(d.status).toBe('pending');
      expect(d.nextAttemptAt).toBe(last.nextAttemptAt);
      const wait = new Date(d.nextAttemptAt!).getTime() - new Date(last.startedAt).getTime();
      const full = BACKOFF_BASE_MS * 2 ** (attempt - 1);
      expect(wait).toBeGreaterThanOrEqual(full / 2);
      expect(wait).toBeLessThanOrEqual(full + 1_000);
      waits.push(wait);
      // Not due yet: nothing more is sent until the clock reaches the next attempt.
      await new Promise((r) => setTimeout(r, 400));
      expect(receiver.of('case.resolved', caseId)).toHaveLength(attempt);
      advancePast(d);
    }
    expect(waits[2]).toBeGreaterThan(waits[0]);

    const all = await receivedFor('case.resolved', caseId, 4);
    const done = await deliveryFor(event, 'case.resolved', (x) => x.status === 'delivered');
    expect(done.attemptLog.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
      [1, 500, 'retry_scheduled'], [2, 500, 'retry_scheduled'], [3, 500, 'retry_scheduled'], [4, 204, 'delivered'],
    ]);
    expect(done).toMatchObject({ attempts: 4, lastStatusCode: 204, nextAttemptAt: null, deliveredAt: expect.any(String) });
    for (const a of done.attemptLog) expect(a.latencyMs).toBeGreaterThanOrEqual(0);
    // The receiver's error text never reached the log.
    expect(JSON.stringify(done)).not.toContain('+49');

    expect(new Set(all.map((r) => r.eventId)).size).toBe(1);
    expect(new Set(all.map((r) => r.deliveryId))).toEqual(new Set([done.deliveryId]));
    expect(all.map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
    expect(all.every((r) => r.signatureOk)).toBe(true);
    expect(all.every((r) => r.raw === all[0].raw)).toBe(true);
    expect(all[0].body).toMatchObject({ type: 'case.resolved', data: { caseId, status: 'resolved', previousStatus: 'reminding' } });
    expect(all[0].raw).not.toContain('Anna');
  });

  it('queues an event delivered twice by Kafka once, and maps one internal event to one stable event id', async () => {
    const event = resolved(tenant.tenantId);
    await publishCaseEvent(event, 3);
    await receivedFor('case.resolved', event.caseId!, 1);
    const closed = newEvent(EVENTS.caseClosed, origin(tenant.tenantId, event.caseId!), {
      caseId: event.caseId!, outcome: 'resolved', reason: 'paid', amountRecovered: { amountMinor: 4250, currency: 'EUR' }, contactsSent: 2,
    });
    await publishCaseEvent(closed);
    await receivedFor('case.closed', event.caseId!, 1);
    await new Promise((r) => setTimeout(r, 1_000));
    const rows = await h.query<{ n: string }>('ingest', `SELECT count(*) AS n FROM webhook_delivery WHERE source_event_id = $1`, [event.id]);
    expect(Number(rows[0].n)).toBe(1);
    expect(receiver.of('case.resolved', event.caseId!)).toHaveLength(1);
    expect(receiver.of('case.closed', event.caseId!)[0].body.data).toMatchObject({ outcome: 'resolved', amountRecovered: { amountMinor: 4250, currency: 'EUR' }, contactsSent: 2 });
  });

  it('times out a receiver that never answers, gives up after the maximum age, and a replay delivers with the same event id', async () => {
    const event = resolved(tenant.tenantId);
    const caseId = event.caseId!;
    receiver.hang.add(caseId);
    const since = h.clock.now();
    await publishCaseEvent(event);
    await receivedFor('case.resolved', caseId, 1);
    const first = await deliveryFor(event, 'case.resolved', (x) => x.attemptLog.length === 1);
    expect(first.attemptLog[0]).toMatchObject({ statusCode: null, error: `timed out after ${TIMEOUT_MS} ms`, outcome: 'retry_scheduled' });
    expect(first.attemptLog[0].latencyMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);

    // An hour on, the next attempt is due, fails, and the one after would be past the maximum age.
    receiver.hang.delete(caseId);
    receiver.failAlways.add(caseId);
    h.clock.advance(3_600_000 - 1_000);
    const failed = await deliveryFor(event, 'case.resolved', (x) => x.status === 'failed');
    expect(failed.attemptLog.map((a) => a.outcome)).toEqual(['retry_scheduled', 'failed']);
    expect(failed).toMatchObject({ nextAttemptAt: null, failedAt: expect.any(String), lastStatusCode: 500 });
    expect((await deliveries(tenant.tenantId, '?status=failed')).items.map((d) => d.deliveryId)).toContain(failed.deliveryId);

    // The receiver is fixed; "replay everything that failed since T" sends it again.
    receiver.failAlways.delete(caseId);
    const badReplay = await admin('POST', `${tenant.tenantId}/webhook-deliveries/replay`, { since: 'last tuesday' });
    expect(badReplay.status).toBe(400);
    const replay = await admin('POST', `${tenant.tenantId}/webhook-deliveries/replay`, { since: since.toISOString() });
    expect(replay.status).toBe(202);
    expect(((await replay.json()) as { replayed: string[] }).replayed).toEqual([failed.deliveryId]);
    const delivered = await deliveryFor(event, 'case.resolved', (x) => x.status === 'delivered');
    expect(delivered.attemptLog.map((a) => a.outcome)).toEqual(['retry_scheduled', 'failed', 'delivered']);
    expect(new Set(receiver.of('case.resolved', caseId).map((r) => r.eventId)).size).toBe(1);

    // Re-sending one delivery (even a delivered one) repeats the same event id: the receiver de-duplicates it.
    const before = receiver.processed.size;
    const one = await admin('POST', `${tenant.tenantId}/webhook-deliveries/${delivered.deliveryId}/replay`);
    expect(one.status).toBe(202);
    await receivedFor('case.resolved', caseId, 4);
    expect(receiver.processed.size).toBe(before);
    expect(new Set(receiver.of('case.resolved', caseId).map((r) => r.eventId)).size).toBe(1);
    expect((await admin('POST', `${other.tenantId}/webhook-deliveries/${delivered.deliveryId}/replay`)).status).toBe(404);
    expect((await admin('GET', `${other.tenantId}/webhook-deliveries/${delivered.deliveryId}`)).status).toBe(404);
    expect((await admin('GET', `${tenant.tenantId}/webhook-deliveries/${delivered.deliveryId}`)).status).toBe(200);
  });

  it('honours the event-type filter and the enabled switch, and pages the log with a cursor', async () => {
    expect((await admin('PUT', `${tenant.tenantId}/webhook-endpoint`, { url: receiver.url, eventTypes: ['case.escalated'] })).status).toBe(200);
    const caseId = randomUUID();
    const escalated = newEvent(EVENTS.caseEscalated, origin(tenant.tenantId, caseId), {
      caseId, reason: 'Samantha asked for a person', amountDue: { amountMinor: 9900, currency: 'GBP' }, contactsSent: 4, suggestedNextStep: 'call back',
    });
    await publishCaseEvent(resolved(tenant.tenantId, caseId));
    await publishCaseEvent(escalated);
    const [got] = await receivedFor('case.escalated', caseId, 1);
    expect(got.body.data).toEqual({ accountId: escalated.accountId, caseId, amountDue: { amountMinor: 9900, currency: 'GBP' }, contactsSent: 4 });
    expect(receiver.of('case.resolved', caseId)).toHaveLength(0);

    expect((await admin('PUT', `${tenant.tenantId}/webhook-endpoint`, { url: receiver.url, enabled: false })).status).toBe(200);
    const quiet = resolved(tenant.tenantId);
    await publishCaseEvent(quiet);
    // The other tenant has no endpoint: its outcomes are not queued either.
    await publishCaseEvent(resolved(other.tenantId));
    await new Promise((r) => setTimeout(r, 2_000));
    expect(receiver.of('case.resolved', quiet.caseId!)).toHaveLength(0);
    const queued = await h.query('ingest', `SELECT 1 FROM webhook_delivery WHERE source_event_id = $1 OR tenant_id = $2`, [quiet.id, other.tenantId]);
    expect(queued).toHaveLength(0);

    const page1 = await deliveries(tenant.tenantId, '?limit=2');
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await deliveries(tenant.tenantId, `?limit=2&cursor=${page1.nextCursor}`);
    expect(page2.items.length).toBeGreaterThan(0);
    expect(page2.items.map((d) => d.deliveryId)).not.toContain(page1.items[0].deliveryId);
    expect((await admin('GET', `${tenant.tenantId}/webhook-deliveries?limit=0`)).status).toBe(400);
    expect((await admin('GET', `${tenant.tenantId}/webhook-deliveries?cursor=nonsense`)).status).toBe(400);
    expect((await deliveries(other.tenantId)).items).toEqual([]);

    // Every delivery the receiver ever accepted: one distinct event id per internal event.
    const ids = await h.query<{ event_id: string; source_event_id: string }>('ingest', `SELECT event_id, source_event_id FROM webhook_delivery`);
    expect(new Set(ids.map((r) => r.event_id)).size).toBe(ids.length);
    expect(new Set(ids.map((r) => r.source_event_id)).size).toBe(ids.length);
    for (const r of receiver.received) expect(ids.map((x) => x.event_id)).toContain(r.eventId);
  });

  it('end to end with the real scheduler: a lender payment resolves the case and the tenant hears case.resolved and case.closed', async () => {
    expect((await admin('PUT', `${tenant.tenantId}/webhook-endpoint`, { url: receiver.url, enabled: true })).status).toBe(200);
    await h.start('scheduler');
    const ref = `e2e-${randomUUID()}`;
    expect((await h.sendWebhook(tenant, instalmentMissed({ ref }))).status).toBe(202);
    const accountId = accountIdFor(tenant.tenantId, ref);
    await waitFor('the scheduler to open the case', async () =>
      (await h.query('scheduler', 'SELECT 1 FROM recovery_case WHERE account_id = $1', [accountId])).length > 0 || undefined, 90_000, 200);
    expect((await h.sendWebhook(tenant, paymentReceived(ref))).status).toBe(202);

    const byAccount = (type: string) => receiver.received.filter((r) => r.eventType === type && r.body.data.accountId === accountId);
    const closed = await waitFor('case.closed for the account', () => (byAccount('case.closed').length > 0 ? byAccount('case.closed') : undefined), 90_000, 100);
    const resolvedHooks = byAccount('case.resolved');
    expect(resolvedHooks).toHaveLength(1);
    expect(resolvedHooks[0]).toMatchObject({ signatureOk: true, body: { tenantId: tenant.tenantId, data: { accountId, status: 'resolved' } } });
    expect(closed[0].body.data).toMatchObject({ accountId, caseId: resolvedHooks[0].body.data.caseId, outcome: 'resolved', amountRecovered: { amountMinor: 4250, currency: 'EUR' } });
    // Nothing personal from the lender's events travels on.
    for (const r of [...resolvedHooks, ...closed]) expect(r.raw).not.toMatch(/Anna|\+4915112345678|Nordic Bikes|ORD-1001/);
  });
});
