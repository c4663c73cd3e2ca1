import 'reflect-metadata';
import { VOICE_COMMANDS_V1 } from '@settle/contracts';
import { TelnyxSandbox } from '@settle/sandbox';
import { RunningService } from '@settle/service-kit';
import { TestDatabase, TestKafka, createTestDatabase, createTestKafka, freePort, waitFor } from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { publish, startVoice, voiceRequested } from '../testing/voice-test-kit';

jest.setTimeout(180_000);

/** A voice replica stopped as a rolling deploy stops it (SIGTERM → app.close) while a call is live. */
describe('voice shutdown with a live call (real HTTP, broker, PostgreSQL, Telnyx sandbox)', () => {
  let db: TestDatabase;
  let kafka: TestKafka;
  let telnyx: TelnyxSandbox;
  let pg: Client;
  let port: number;
  const running: RunningService[] = [];
  const tenantId = randomUUID();
  const start = async (drainSeconds: string) => {
    const voice = await startVoice({ db, kafka, telnyx }, port, { VOICE_DRAIN_SECONDS: drainSeconds });
    running.push(voice);
    return voice;
  };

  beforeAll(async () => {
    [db, kafka, telnyx] = await Promise.all([createTestDatabase('voicedrain'), createTestKafka('voicedrain'), TelnyxSandbox.start()]);
    port = await freePort();
    pg = new Client({ connectionString: db.url, options: '-c search_path=voice' });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    for (const voice of running) await voice.stop().catch(() => undefined);
    await telnyx?.stop();
    await db?.drop();
    await kafka?.cleanup();
  });

  it('takes no new call, lets the live one finish through its webhooks, then stops; the command it left is dialled after the restart', async () => {
    const voice = await start('30');
    const live = voiceRequested(tenantId);
    telnyx.script(live.data.to, { answer: 'human', utterances: ['Yes, speaking.'] });
    await publish(kafka, VOICE_COMMANDS_V1, live);
    const callId = await waitFor('the postcode question', () => {
      const [dial] = telnyx.dials(live.data.to);
      return dial && telnyx.spoken(dial.callControlId).some((s) => /postcode/.test(s)) ? dial.callControlId : undefined;
    }, 60_000);

    let stoppedAt: number | undefined;
    const stopping = voice.stop().then(() => (stoppedAt = Date.now()));
    await new Promise((r) => setTimeout(r, 1_500));
    const later = voiceRequested(tenantId);
    telnyx.script(later.data.to, { answer: 'none' });
    await publish(kafka, VOICE_COMMANDS_V1, later);
    // Longer than any keep-alive connection lingers (Node closes idle ones after 5 s): without the
    // drain the server would have closed by now and the call's next webhook would find nobody.
    await new Promise((r) => setTimeout(r, 8_000));
    expect(telnyx.dials(later.data.to)).toHaveLength(0); // a replica that is going away dials nobody new
    expect(stoppedAt).toBeUndefined(); // still finishing the live call

    const hungUpAt = Date.now();
    telnyx.hangUp(callId);
    await stopping;
    expect(stoppedAt! - hungUpAt).toBeLessThan(15_000); // ended by the hang-up, well before the 30 s window

    // Ended by the session that held it (turns counted, words kept), not found later as an orphan.
    const ended = async (caseId: string) =>
      (await pg.query(`SELECT payload FROM outbox WHERE payload->>'type' = 'call.ended' AND payload->>'caseId' = $1`, [caseId])).rows.map((r: { payload: { data: Record<string, unknown> } }) => r.payload.data);
    const [end] = await ended(live.data.caseId);
    expect(end).toMatchObject({ outcome: 'hung_up', answeredBy: 'human' });
    expect(end.turns as number).toBeGreaterThan(0);
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM voice_transcript WHERE call_id = (SELECT id FROM voice_call WHERE step_id = $1)`, [live.data.stepId]);
    expect(rows[0].n).toBeGreaterThan(0);

    await start('0');
    await waitFor('the command left behind to be dialled', () => telnyx.dials(later.data.to).length === 1 || undefined, 60_000);
  });
});
