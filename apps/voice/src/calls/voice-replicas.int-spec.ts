import 'reflect-metadata';
import { ACCOUNT_EVENTS_V1, EVENTS, EventEnvelope, VOICE_COMMANDS_V1, newEvent } from '@settle/contracts';
import { TelnyxSandbox } from '@settle/sandbox';
import { RunningService } from '@settle/service-kit';
import { TestDatabase, TestKafka, createTestDatabase, createTestKafka, freePort, waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { VOICE_ADMIN_TOKEN as ADMIN, publish as publishTo, startVoice, voiceRequested } from '../testing/voice-test-kit';
import { CallLifecycle } from './call-lifecycle.service';
import { ACCOUNT_SIGNALS_PATH } from './call-owners';

jest.setTimeout(180_000);

/**
 * Two voice replicas behind a "balancer" that always picks the wrong one: each replica gives
 * Telnyx the other's address, so every webhook of a call reaches the replica that does not hold
 * its conversation and must be passed to the one that does.
 */
describe('voice with two replicas (real HTTP, broker, PostgreSQL, Telnyx sandbox)', () => {
  let db: TestDatabase;
  let kafka: TestKafka;
  let telnyx: TelnyxSandbox;
  let pg: Client;
  const ports: number[] = [];
  const replicas = new Map<string, RunningService>();
  const tenantId = randomUUID();
  const urlOf = (port: number) => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    [db, kafka, telnyx] = await Promise.all([createTestDatabase('voicereplicas'), createTestKafka('voicereplicas'), TelnyxSandbox.start()]);
    ports.push(await freePort(), await freePort());
    for (const [own, other] of [[ports[0], ports[1]], [ports[1], ports[0]]]) replicas.set(urlOf(own), await startReplica(own, other));
    pg = new Client({ connectionString: db.url, options: '-c search_path=voice' });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    for (const replica of replicas.values()) await replica.stop();
    await telnyx?.stop();
    await db?.drop();
    await kafka?.cleanup();
  });

  const startReplica = (port: number, otherPort: number) =>
    startVoice({ db, kafka, telnyx }, port, { VOICE_REPLICA_URL: urlOf(port), VOICE_WEBHOOK_BASE_URL: urlOf(otherPort) });
  const command = () => voiceRequested(tenantId);
  const publish = (topic: string, event: EventEnvelope) => publishTo(kafka, topic, event);
  let paid = 0;

  async function outboxEvents(type: string, caseId: string): Promise<EventEnvelope[]> {
    const { rows } = await pg.query(`SELECT payload FROM outbox WHERE payload->>'type' = $1 AND payload->>'caseId' = $2 ORDER BY seq`, [type, caseId]);
    return rows.map((r: { payload: EventEnvelope }) => r.payload);
  }

  const eventually = (what: string, type: string, caseId: string) =>
    waitFor(what, async () => {
      const found = await outboxEvents(type, caseId);
      return found.length ? found : undefined;
    }, 60_000);

  async function ownerOf(stepId: string): Promise<{ owner: string; other: string }> {
    const { rows } = await pg.query(`SELECT owner_url FROM voice_call WHERE step_id = $1`, [stepId]);
    const owner = rows[0].owner_url as string;
    const other = [...replicas.keys()].find((url) => url !== owner)!;
    return { owner, other };
  }

  it('every webhook reaches the replica without the call: passed to the one that dialled, the call goes on there, hears the click and the payment, ends paid', async () => {
    const cmd = command();
    telnyx.script(cmd.data.to, { answer: 'human', utterances: ['Yes, speaking.', 'It is 101.', 'Yes please, text me the link.'] });
    await publish(VOICE_COMMANDS_V1, cmd);
    await eventually('the link texted mid-call', 'call.link_sent', cmd.data.caseId);

    const { owner, other } = await ownerOf(cmd.data.stepId);
    expect(replicas.has(owner)).toBe(true);
    const [dial] = telnyx.dials(cmd.data.to);
    expect(dial.body.webhook_url).toBe(`${other}/v1/telnyx/webhooks`);
    const callId = dial.callControlId;
    expect(telnyx.deliveries.filter((d) => d.callControlId === callId).every((d) => d.status === 200)).toBe(true);
    // The conversation went on: verified, then the link was asked for and sent.
    expect(telnyx.spoken(callId).some((s) => /postcode/.test(s))).toBe(true);

    // The click reaches the replica that does not hold the call (as its consumer would hand it over).
    const origin = { tenantId, accountId: cmd.accountId, caseId: cmd.data.caseId, producer: 'ingest' as const, occurredAt: new Date() };
    const opened = newEvent(EVENTS.paymentLinkOpened, origin, { caseId: cmd.data.caseId, code: cmd.data.paymentLink.code, channel: 'sms' });
    expect(await replicas.get(other)!.app.get(CallLifecycle).onAccountEvent(opened)).toBe(true);
    await eventually('the click to reach the call', 'call.link_clicked', cmd.data.caseId);

    // The payment comes off the topic, to whichever replica consumes that partition.
    await publish(ACCOUNT_EVENTS_V1, newEvent(EVENTS.paymentReceived, origin, {
      externalAccountRef: 'acc-1', lenderEventId: `evt-paid-${++paid}`, amount: { amountMinor: 4250, currency: 'EUR' }, paidAt: new Date().toISOString(), settlesBalance: true,
    }));
    const [end] = await eventually('call.ended', 'call.ended', cmd.data.caseId);
    expect(end.data).toMatchObject({ outcome: 'paid', answeredBy: 'human' });
    expect(await outboxEvents('call.payment_seen', cmd.data.caseId)).toHaveLength(1);
    expect(await outboxEvents('call.link_clicked', cmd.data.caseId)).toHaveLength(1);

    // What the replica without the call passed on, as an SRE sees it.
    const metrics = await (await fetch(`${other}/metrics`)).text();
    const passed = (what: string) =>
      metrics.split('\n').filter((l) => l.startsWith('settle_voice_passed_on_total{') && l.includes(`what="${what}"`) && l.includes('result="passed"')).map((l) => Number(l.split(' ').pop()));
    expect(passed('webhook')[0]).toBeGreaterThanOrEqual(5); // answered, detection, speak ended, transcriptions, hang-up…
    expect(passed('signal')[0]).toBeGreaterThanOrEqual(1); // the click
  });

  it('the replicas take the pass-on endpoint only with the service credential and a valid event', async () => {
    const [url] = replicas.keys();
    const post = (body: string, token?: string) =>
      fetch(`${url}${ACCOUNT_SIGNALS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
    expect((await post('{}')).status).toBe(401);
    const bad = await post(JSON.stringify({ id: 'nope', type: 'paylink.opened' }), ADMIN);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await bad.json())).toMatch(/"field"/);
    // A valid event for an account with no call anywhere: heard by nobody, not an error.
    const stray = newEvent(EVENTS.paymentLinkOpened, { tenantId, accountId: randomUUID(), producer: 'ingest', occurredAt: new Date() }, { caseId: randomUUID(), code: 'NoSuchCall01', channel: 'sms' });
    const res = await post(JSON.stringify(stray), ADMIN);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ delivered: false });
  });

  it('the replica holding a call is gone: the next webhook, at the other replica, ends the call, which is still reported', async () => {
    const cmd = command();
    telnyx.script(cmd.data.to, { answer: 'human', utterances: [], speakMs: 60_000 });
    await publish(VOICE_COMMANDS_V1, cmd);
    const callId = await waitFor('the opening', () => {
      const [dial] = telnyx.dials(cmd.data.to);
      return dial && telnyx.spoken(dial.callControlId).length > 0 ? dial.callControlId : undefined;
    }, 60_000);
    const { owner } = await ownerOf(cmd.data.stepId);
    await replicas.get(owner)!.stop();
    replicas.delete(owner);

    telnyx.say(callId, 'Hello? Are you still there?');
    const [end] = await eventually('call.ended', 'call.ended', cmd.data.caseId);
    expect(end.data).toMatchObject({ answeredBy: 'human', endReason: 'normal_clearing' });
    expect(telnyx.commandsFor(callId).map((c) => c.action)).toContain('hangup');
    expect(telnyx.isAlive(callId)).toBe(false);
  });
});
