import { TelnyxSandbox } from '@settle/sandbox';
import { createServer } from 'node:http';
import { TelephonyError } from './telephony-provider';
import { TelnyxProvider, parseTelnyxWebhook } from './telnyx.provider';
import { parseTelnyxPublicKey, verifyTelnyxSignature } from './telnyx-signature';

jest.setTimeout(60_000);

describe('TelnyxProvider against the Telnyx sandbox (real HTTP)', () => {
  let telnyx: TelnyxSandbox;
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const hooks = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(200).end();
    });
  });
  let hookUrl = '';

  beforeAll(async () => {
    telnyx = await TelnyxSandbox.start();
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(hooks.address() as { port: number }).port}/hooks`;
  });

  afterAll(async () => {
    await telnyx.stop();
    await new Promise<void>((r) => hooks.close(() => r()));
  });

  const provider = () => new TelnyxProvider({ apiUrl: telnyx.apiUrl, apiKey: telnyx.apiKey, connectionId: 'conn-1', timeoutMs: 2000 });

  it('dials with the Call Control body, sends actions to their paths, and gets signed webhooks back', async () => {
    telnyx.script('+4915112345678', { answer: 'machine' });
    const { callId } = await provider().dial({ to: '+4915112345678', from: '+4930120000000', webhookUrl: hookUrl, clientState: 'settle-call-1', idempotencyKey: 'step-1', detectMachine: true });
    expect(callId).toMatch(/^v3:/);
    await provider().speak(callId, { text: 'Hello', voice: 'female', language: 'en-GB' });
    await provider().stopSpeaking(callId);
    await provider().startTranscription(callId, 'en-GB');
    await provider().transfer(callId, { to: '+4930120000099', from: '+4930120000000' });
    await provider().hangup(callId);
    expect(telnyx.commandsFor(callId).map((c) => [c.action, c.body])).toEqual([
      ['dial', expect.objectContaining({ connection_id: 'conn-1', to: '+4915112345678', answering_machine_detection: 'detect', command_id: 'step-1', client_state: Buffer.from('settle-call-1').toString('base64') })],
      ['speak', { payload: 'Hello', payload_type: 'text', voice: 'female', language: 'en-GB' }],
      ['playback_stop', { stop: 'all' }],
      ['transcription_start', expect.objectContaining({ transcription_tracks: 'inbound' })],
      ['transfer', { to: '+4930120000099', from: '+4930120000000' }],
      ['hangup', {}],
    ]);
    await telnyx.idle();
    const key = parseTelnyxPublicKey(telnyx.publicKey);
    const types = received.map((r) => {
      const check = verifyTelnyxSignature({ rawBody: r.body, signature: r.headers['telnyx-signature-ed25519'] as string, timestamp: r.headers['telnyx-timestamp'] as string, publicKey: key, now: new Date(), toleranceSeconds: 300 });
      expect(check.ok).toBe(true);
      const hook = parseTelnyxWebhook(JSON.parse(r.body));
      expect(hook?.callId).toBe(callId);
      expect(hook?.clientState).toBe('settle-call-1');
      return hook!.event.kind === 'other' ? (hook!.event as { type: string }).type : hook!.event.kind;
    });
    expect(types).toEqual(expect.arrayContaining(['initiated', 'answered', 'machine_detection', 'speak_ended', 'bridged', 'hangup']));
    expect(received.map((r) => parseTelnyxWebhook(JSON.parse(r.body))!.event).find((e) => e.kind === 'machine_detection')).toEqual({ kind: 'machine_detection', result: 'machine' });
  });

  it('maps provider errors: wrong key → rejected, ended call → call_gone, unreachable → unavailable', async () => {
    const wrongKey = new TelnyxProvider({ apiUrl: telnyx.apiUrl, apiKey: 'KEY-wrong-0000', connectionId: 'conn-1', timeoutMs: 2000 });
    await expect(wrongKey.hangup('v3:nope')).rejects.toMatchObject({ kind: 'rejected', code: '10009' });
    await expect(provider().speak('v3:unknown', { text: 'x', voice: 'female', language: 'en-GB' })).rejects.toMatchObject({ kind: 'call_gone', code: '90018' });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const down = new TelnyxProvider({ apiUrl: `http://127.0.0.1:${port}/v2`, apiKey: 'k', connectionId: 'c', timeoutMs: 2000 });
    const error = await down.hangup('v3:x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelephonyError);
    expect((error as TelephonyError).kind).toBe('unavailable');
  });
});
