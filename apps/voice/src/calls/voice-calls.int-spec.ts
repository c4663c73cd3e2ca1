import 'reflect-metadata';
import { ACCOUNT_EVENTS_V1, EVENTS, EventEnvelope, PAYMENT_LINK_EVENTS_V1, VOICE_COMMANDS_V1, VoiceRequestedV1, newEvent } from '@settle/contracts';
import { TelnyxSandbox } from '@settle/sandbox';
import { RunningService } from '@settle/service-kit';
import { TestDatabase, TestKafka, createTestDatabase, createTestKafka, waitFor, freePort } from '@settle/testing';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { VOICE_ADMIN_TOKEN as ADMIN, publish as publishTo, startVoice as startReplica, voiceRequested } from '../testing/voice-test-kit';
import { DEBT_WORDS } from './domain/call-brief';

jest.setTimeout(180_000);

describe('AI phone calls through the Telnyx sandbox (real HTTP, broker, PostgreSQL)', () => {
  let db: TestDatabase;
  let kafka: TestKafka;
  let telnyx: TelnyxSandbox;
  let voice: RunningService;
  let port: number;
  let pg: Client;
  const tenantId = randomUUID();

  beforeAll(async () => {
    [db, kafka, telnyx] = await Promise.all([createTestDatabase('voicecalls'), createTestKafka('voicecalls'), TelnyxSandbox.start()]);
    port = await freePort();
    voice = await startVoice();
    pg = new Client({ connectionString: db.url, options: '-c search_path=voice' });
    await pg.connect();
  });

  function startVoice(): Promise<RunningService> {
    return startReplica({ db, kafka, telnyx }, port);
  }

  afterAll(async () => {
    await pg?.end();
    await voice?.stop();
    await telnyx?.stop();
    await db?.drop();
    await kafka?.cleanup();
  });

  function command(overrides: Partial<VoiceRequestedV1> = {}, stepId = randomUUID()): EventEnvelope<VoiceRequestedV1> {
    return voiceRequested(tenantId, overrides, stepId);
  }

  const publish = (topic: string, ...events: EventEnvelope[]) => publishTo(kafka, topic, ...events);

  async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await pg.query(sql, params)).rows as T[];
  }

  async function outboxEvents(type: string, caseId: string): Promise<EventEnvelope[]> {
    return (await rows<{ payload: EventEnvelope }>(`SELECT payload FROM outbox WHERE payload->>'type' = $1 AND payload->>'caseId' = $2 ORDER BY seq`, [type, caseId])).map((r) => r.payload);
  }

  async function ended(caseId: string): Promise<EventEnvelope<Record<string, unknown>>> {
    const [event] = await waitFor(`call.ended for case ${caseId}`, async () => {
      const found = await outboxEvents('call.ended', caseId);
      return found.length ? found : undefined;
    }, 60_000);
    return event as EventEnvelope<Record<string, unknown>>;
  }

  function callOf(to: string): string {
    const [dial] = telnyx.dials(to);
    if (!dial) throw new Error(`no dial to ${to}`);
    return dial.callControlId;
  }

  it('a person verifies, asks for the link, opens it and pays while on the line: the agent hears it and the call ends paid', async () => {
    const cmd = command();
    telnyx.script(cmd.data.to, { answer: 'human', utterances: ['Yes, speaking.', 'It is 101.', 'Yes please, text me the link.'] });
    await publish(VOICE_COMMANDS_V1, cmd);

    const [linkSent] = await waitFor('the link texted mid-call', async () => {
      const found = await outboxEvents('call.link_sent', cmd.data.caseId);
      return found.length ? found : undefined;
    }, 60_000);
    const [sms] = await outboxEvents('sms.requested', cmd.data.caseId);
    expect(sms).toMatchObject({ producer: 'voice', data: { to: cmd.data.to, paymentLink: cmd.data.paymentLink, amountDue: cmd.data.amountDue } });
    expect((linkSent.data as { smsStepId: string }).smsStepId).toBe((sms.data as { stepId: string }).stepId);

    const dial = telnyx.dials(cmd.data.to)[0];
    expect(dial.body).toMatchObject({
      connection_id: '1494404757140276705', to: cmd.data.to, from: '+4930120000000', answering_machine_detection: 'detect', command_id: cmd.data.stepId,
    });
    expect(Buffer.from(String(dial.body.client_state), 'base64').toString()).toMatch(/^[0-9a-f-]{36}$/);
    const callId = dial.callControlId;
    expect(telnyx.commandsFor(callId).map((c) => c.action)).toContain('transcription_start');
    // Nothing about the debt before the postcode digits were given.
    const spoken = telnyx.spoken(callId);
    const verifiedAt = spoken.findIndex((s) => /42[.,]50/.test(s));
    expect(verifiedAt).toBeGreaterThan(1);

    // The pay page is opened and the lender confirms the payment, as ingest would publish them.
    const origin = { tenantId, accountId: cmd.accountId, caseId: cmd.data.caseId, producer: 'ingest' as const, occurredAt: new Date() };
    await publish(PAYMENT_LINK_EVENTS_V1, newEvent(EVENTS.paymentLinkOpened, origin, { caseId: cmd.data.caseId, code: cmd.data.paymentLink.code, channel: 'sms' }));
    await waitFor('the click to reach the call', async () => (await outboxEvents('call.link_clicked', cmd.data.caseId)).length > 0 || undefined, 30_000);
    await publish(
      ACCOUNT_EVENTS_V1,
      newEvent(EVENTS.paymentReceived, origin, { externalAccountRef: 'acc-1', lenderEventId: 'evt-paid-1', amount: { amountMinor: 4250, currency: 'EUR' }, paidAt: new Date().toISOString(), settlesBalance: true }),
    );

    const end = await ended(cmd.data.caseId);
    expect(end.data).toMatchObject({ outcome: 'paid', answeredBy: 'human' });
    expect((end.data.cost as { telephonyMicroUsd: number }).telephonyMicroUsd).toBeGreaterThan(0); // a started minute to DE
    expect(await outboxEvents('call.payment_seen', cmd.data.caseId)).toHaveLength(1);
    expect(telnyx.commandsFor(callId).map((c) => c.action)).toContain('hangup');
    const [row] = await rows<{ status: string; outcome: string }>(`SELECT status, outcome FROM voice_call WHERE step_id = $1`, [cmd.data.stepId]);
    expect(row).toEqual({ status: 'ended', outcome: 'paid' });
    const transcript = await rows<{ speaker: string; text: string }>(`SELECT speaker, text FROM voice_transcript WHERE call_id = (SELECT id FROM voice_call WHERE step_id = $1) ORDER BY seq`, [cmd.data.stepId]);
    expect(transcript.filter((l) => l.speaker === 'debtor').map((l) => l.text)).toEqual(['Yes, speaking.', 'It is 101.', 'Yes please, text me the link.']);
    // The turn events carry no words. Only their text is searched: a stage latency can itself be 101 ms.
    const textOf = (data: unknown) => JSON.stringify(data, (_key, value: unknown) => (typeof value === 'number' ? undefined : value));
    for (const turn of await outboxEvents('call.turn', cmd.data.caseId)) expect(textOf(turn.data)).not.toMatch(/101|speaking|link\./);
  });

  it('an answering machine hears only the limited-content message: no amount, merchant or debt words; then hang-up', async () => {
    const cmd = command({ language: 'en' });
    telnyx.script(cmd.data.to, { answer: 'machine' });
    await publish(VOICE_COMMANDS_V1, cmd);
    const end = await ended(cmd.data.caseId);
    expect(end.data).toMatchObject({ outcome: 'machine_message_left', answeredBy: 'machine' });
    const callId = callOf(cmd.data.to);
    const spoken = telnyx.spoken(callId).join(' ');
    expect(spoken.length).toBeGreaterThan(20);
    expect(spoken).toContain('+4930120000000'.slice(-4)); // the callback number, in some spoken form
    expect(spoken).not.toMatch(/42[.,]50|4250|€|EUR/);
    expect(spoken.toLowerCase()).not.toContain('nordic bikes');
    expect(spoken.toLowerCase()).not.toContain('ord-1001');
    for (const word of DEBT_WORDS.en) expect(spoken.toLowerCase()).not.toContain(word);
    expect(telnyx.commandsFor(callId).map((c) => c.action)).toEqual(expect.arrayContaining(['speak', 'hangup']));
    expect(telnyx.commandsFor(callId).map((c) => c.action)).not.toContain('transcription_start');
    expect(await outboxEvents('call.answered', cmd.data.caseId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ answeredBy: 'machine' }) })]);
  });

  it('a bereavement mid-call: warm transfer to the desk within 2 s of the decision, with a case file on the topic and the desk API', async () => {
    const cmd = command({
      overdue: [{ orderRef: 'ORD-1001', merchantName: 'Nordic Bikes', instalmentNumber: 2, amountDue: { amountMinor: 4250, currency: 'EUR' }, dueDate: '2026-03-01' }],
      contactsSoFar: 2,
    });
    telnyx.script(cmd.data.to, { answer: 'human', utterances: ['Yes, that is me.', '101', 'My father passed away last week and I cannot deal with this.'] });
    await publish(VOICE_COMMANDS_V1, cmd);
    const [escalated] = await waitFor('call.escalated', async () => {
      const found = await outboxEvents('call.escalated', cmd.data.caseId);
      return found.length ? found : undefined;
    }, 60_000);
    const callId = callOf(cmd.data.to);
    const transfer = telnyx.commandsFor(callId).find((c) => c.action === 'transfer');
    expect(transfer?.body).toMatchObject({ to: '+4930120000099', from: '+4930120000000' });
    const said = telnyx.deliveries.find((d) => d.callControlId === callId && d.eventType === 'call.transcription' && d.body.includes('passed away'));
    expect(said).toBeDefined();
    const decisionToTransferMs = transfer!.at.getTime() - said!.sentAt.getTime();
    expect(decisionToTransferMs).toBeLessThan(2000);
    expect(escalated.data).toMatchObject({ transferred: true });

    const handoffId = (escalated.data as { handoffId: string }).handoffId;
    const [onTopic] = await outboxEvents('desk.handoff', cmd.data.caseId);
    expect(onTopic.data).toMatchObject({ handoffId, who: { fullName: 'Anna Weber', verified: true }, owed: { amountDue: { amountMinor: 4250, currency: 'EUR' }, merchantName: 'Nordic Bikes' } });
    const auth = { authorization: `Bearer ${ADMIN}` };
    expect((await fetch(`${voice.url}/v1/desk/handoffs`)).status).toBe(401);
    const list = (await (await fetch(`${voice.url}/v1/desk/handoffs?tenantId=${tenantId}`, { headers: auth })).json()) as { handoffs: { handoffId: string }[] };
    expect(list.handoffs.map((h) => h.handoffId)).toContain(handoffId);
    const file = (await (await fetch(`${voice.url}/v1/desk/handoffs/${handoffId}`, { headers: auth })).json()) as Record<string, unknown> & { transcript: { speaker: string; text: string }[]; whyEscalated: string; suggestedNextStep: string; actions: { tool: string }[] };
    expect(file.transcript.some((l) => l.speaker === 'debtor' && l.text.includes('passed away'))).toBe(true);
    expect(file.whyEscalated).toMatch(/bereavement/);
    expect(file).toMatchObject({ contactsBeforeThisCall: 2, owed: { why: 'missed: instalment 2 of order ORD-1001 at Nordic Bikes, 42.50 EUR due 2026-03-01', overdue: [{ instalmentNumber: 2 }] } });
    expect(file.suggestedNextStep).toMatch(/condolences/);
    expect(file.actions.map((a) => a.tool)).toEqual(expect.arrayContaining(['flag_hardship', 'escalate_to_human']));
    expect((await fetch(`${voice.url}/v1/desk/handoffs/${randomUUID()}`, { headers: auth })).status).toBe(404);

    telnyx.hangUp(callId); // the desk finishes the call
    const end = await ended(cmd.data.caseId);
    expect(end.data).toMatchObject({ outcome: 'escalated' });
  });

  it('a voice command delivered twice (two envelopes, one step) dials once; no answer ends as no_answer at no cost', async () => {
    const stepId = randomUUID();
    const first = command({}, stepId);
    const again = { ...first, id: randomUUID() };
    telnyx.script(first.data.to, { answer: 'none' });
    await publish(VOICE_COMMANDS_V1, first, again);
    await waitFor('both deliveries handled', async () => {
      const handled = await rows(`SELECT 1 FROM inbox WHERE event_id = ANY($1)`, [[first.id, again.id]]);
      return handled.length === 2 || undefined;
    }, 60_000);
    const end = await ended(first.data.caseId);
    expect(end.data).toMatchObject({ outcome: 'no_answer', answeredBy: 'none', durationSeconds: 0, cost: { telephonyMicroUsd: 0, llmMicroUsd: 0, totalMicroUsd: 0 } });
    expect(telnyx.dials(first.data.to)).toHaveLength(1);
    expect(await rows(`SELECT 1 FROM voice_call WHERE step_id = $1`, [stepId])).toHaveLength(1);
    expect(await outboxEvents('call.dialled', first.data.caseId)).toHaveLength(1);
  });

  it('the debtor talks over the agent: the speech is stopped (playback_stop) and what they said is answered', async () => {
    const cmd = command();
    telnyx.script(cmd.data.to, { answer: 'human', utterances: [], speakMs: 5_000 });
    await publish(VOICE_COMMANDS_V1, cmd);
    const callId = await waitFor('the opening to be spoken', () => telnyx.dials(cmd.data.to)[0] && telnyx.spoken(telnyx.dials(cmd.data.to)[0].callControlId).length > 0 ? telnyx.dials(cmd.data.to)[0].callControlId : undefined, 60_000);
    telnyx.say(callId, 'Yes, speaking.'); // while the opening is still being spoken
    await waitFor('the postcode question', () => telnyx.spoken(callId).some((s) => /postcode/.test(s)) || undefined, 30_000);
    const actions = telnyx.commandsFor(callId).map((c) => c.action);
    expect(actions.indexOf('playback_stop')).toBeGreaterThan(actions.indexOf('speak'));
    expect(telnyx.commandsFor(callId).find((c) => c.action === 'playback_stop')?.body).toEqual({ stop: 'all' });
    telnyx.hangUp(callId);
    expect((await ended(cmd.data.caseId)).data).toMatchObject({ outcome: 'hung_up' });
  });

  it('the debtor hangs up mid-call: the call ends hung_up, billed, with the words kept in the voice schema only', async () => {
    const cmd = command();
    telnyx.script(cmd.data.to, { answer: 'human', utterances: ['Yes, speaking.'], hangUpAfter: 1 });
    await publish(VOICE_COMMANDS_V1, cmd);
    const end = await ended(cmd.data.caseId);
    expect(end.data).toMatchObject({ outcome: 'hung_up', answeredBy: 'human', endReason: 'normal_clearing', turns: 2 });
    expect((end.data.cost as { telephonyMicroUsd: number }).telephonyMicroUsd).toBe(12_000); // one started minute to DE
    const callId = callOf(cmd.data.to);
    expect(telnyx.commandsFor(callId).map((c) => c.action)).not.toContain('hangup'); // the debtor hung up, not us
    const lines = await rows<{ speaker: string; text: string }>(`SELECT speaker, text FROM voice_transcript WHERE call_id = (SELECT id FROM voice_call WHERE step_id = $1) ORDER BY seq`, [cmd.data.stepId]);
    expect(lines.filter((l) => l.speaker === 'debtor').map((l) => l.text)).toEqual(['Yes, speaking.']);
    expect(lines.some((l) => l.speaker === 'agent' && /postcode/.test(l.text))).toBe(true);
    expect(JSON.stringify(await outboxEvents('call.turn', cmd.data.caseId))).not.toContain('speaking');
  });

  it('a call whose replica restarted mid-call (session lost) is hung up at its next webhook and still reported', async () => {
    const cmd = command();
    telnyx.script(cmd.data.to, { answer: 'human', utterances: [], speakMs: 60_000 });
    await publish(VOICE_COMMANDS_V1, cmd);
    const callId = await waitFor('the opening', () => telnyx.dials(cmd.data.to)[0] && telnyx.spoken(telnyx.dials(cmd.data.to)[0].callControlId).length > 0 ? telnyx.dials(cmd.data.to)[0].callControlId : undefined, 60_000);
    await voice.stop();
    voice = await startVoice();
    telnyx.say(callId, 'Hello? Are you still there?');
    const end = await ended(cmd.data.caseId);
    expect(telnyx.commandsFor(callId).map((c) => c.action)).toContain('hangup');
    expect(telnyx.isAlive(callId)).toBe(false);
    expect(end.data).toMatchObject({ answeredBy: 'human', endReason: 'normal_clearing' });
    const [row] = await rows<{ status: string }>(`SELECT status FROM voice_call WHERE step_id = $1`, [cmd.data.stepId]);
    expect(row.status).toBe('ended');
  });

  it("a tenant's voice profile: its text-to-speech voice, and its rule that hardship goes to a person, shape the next call", async () => {
    const otherTenant = randomUUID();
    const put = (body: unknown, token = ADMIN) =>
      fetch(`${voice.url}/v1/tenants/${otherTenant}/voice-profile`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put({ ttsVoice: 'Polly.Vicki-Neural' }, 'wrong-token-0123456789')).status).toBe(401);
    const badCue = await put({ signalRules: [{ cue: 'sadness', action: 'escalate' }] });
    expect(badCue.status).toBe(400);
    expect(JSON.stringify(await badCue.json())).toContain('cue');
    const twice = await put({ signalRules: [{ cue: 'hardship', action: 'escalate' }, { cue: 'hardship', action: 'pause' }] });
    expect(twice.status).toBe(400);
    expect(JSON.stringify(await twice.json())).toContain('signalRules[1].cue');
    const saved = await put({ ttsVoice: 'Polly.Vicki-Neural', llmModel: 'acme-voice-small', llmTemperature: 0.2, signalRules: [{ cue: 'hardship', action: 'escalate' }] });
    expect(saved.status).toBe(200);
    const profile = await (await fetch(`${voice.url}/v1/tenants/${otherTenant}/voice-profile`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    expect(profile).toMatchObject({ ttsVoice: 'Polly.Vicki-Neural', llmModel: 'acme-voice-small', signalRules: [{ cue: 'hardship', action: 'escalate' }], version: 1 });

    // Without the rule the agent would offer a plan; the tenant wants hardship with a person.
    const cmd = command();
    cmd.tenantId = otherTenant;
    telnyx.script(cmd.data.to, { answer: 'human', utterances: ['Yes, that is me.', '101', 'I lost my job last month.'] });
    await publish(VOICE_COMMANDS_V1, cmd);
    const [escalated] = await waitFor('call.escalated', async () => {
      const found = await outboxEvents('call.escalated', cmd.data.caseId);
      return found.length ? found : undefined;
    }, 60_000);
    expect(escalated.data).toMatchObject({ transferred: true });
    const callId = callOf(cmd.data.to);
    const speaks = telnyx.commandsFor(callId).filter((c) => c.action === 'speak');
    expect(speaks.length).toBeGreaterThan(0);
    expect(speaks.every((c) => c.body.voice === 'Polly.Vicki-Neural')).toBe(true);
    const tools = (await outboxEvents('call.tool_called', cmd.data.caseId)).map((e) => (e.data as { tool: string }).tool);
    expect(tools).toEqual(expect.arrayContaining(['flag_hardship', 'escalate_to_human']));
    expect(tools).not.toContain('propose_plan');
  });

  it('refuses webhooks that are not signed by the Telnyx key', async () => {
    const body = JSON.stringify({ data: { id: randomUUID(), event_type: 'call.hangup', payload: { call_control_id: 'v3:x' } } });
    const res = await fetch(`${voice.url}/v1/telnyx/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'telnyx-signature-ed25519': Buffer.alloc(64).toString('base64'), 'telnyx-timestamp': String(Math.floor(Date.now() / 1000)) },
      body,
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
