import { KeyObject, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listen } from '../listen';

/**
 * How the callee behaves. `human`: answers, machine detection says human, then speaks each
 * utterance in turn once the agent has finished speaking (after transcription_start); `speakMs`
 * makes the agent's speech last longer, so a test can talk over it (`say`) and see playback_stop;
 * `hangUpAfter` hangs up mid-call after that many utterances. `machine`: answers, detection says
 * machine. `none`: rings out (call.hangup with hangup_cause timeout, never answered).
 */
export type TelnyxCallScript =
  | { answer: 'human'; utterances?: string[]; hangUpAfter?: number; /** How long each speak lasts on this call (default: the sandbox's). */ speakMs?: number }
  | { answer: 'machine' }
  | { answer: 'none' };

export interface TelnyxCommand {
  /** `dial` for POST /v2/calls, else the action name (speak, transcription_start, transfer, hangup…). */
  action: string;
  callControlId: string;
  body: Record<string, unknown>;
  at: Date;
}

export interface TelnyxWebhookDelivery {
  eventType: string;
  callControlId: string;
  status: number;
  body: string;
  /** When the delivery was sent and when its answer came back. */
  sentAt: Date;
  answeredAt: Date;
}

interface SandboxCall {
  id: string;
  sessionId: string;
  legId: string;
  to: string;
  from: string;
  connectionId: string;
  webhookUrl: string;
  clientState: string | null;
  script: TelnyxCallScript;
  alive: boolean;
  answered: boolean;
  transcribing: boolean;
  pendingSpeaks: number;
  speakTimers: Set<NodeJS.Timeout>;
  awaitingAgent: boolean;
  nextUtterance: number;
  startedAt?: Date;
  queue: Promise<void>;
  turnTimer?: NodeJS.Timeout;
}

const AUTH_FAILED = { errors: [{ code: '10009', title: 'Authentication failed', detail: 'The API key is missing or wrong.' }] };
const CALL_ENDED = { errors: [{ code: '90018', title: 'Call has already ended', detail: 'This call is no longer active and can\u2019t receive commands.' }] };

/**
 * A local Telnyx Call Control v2 peer: takes the real REST commands (bearer API key) and posts
 * the real webhooks (`data.event_type`, `data.payload.call_control_id`, base64 `client_state`),
 * signed with Ed25519 over `timestamp|body` like Telnyx, to the webhook_url given at dial.
 */
export class TelnyxSandbox {
  readonly commands: TelnyxCommand[] = [];
  readonly deliveries: TelnyxWebhookDelivery[] = [];
  private readonly calls = new Map<string, SandboxCall>();
  private readonly scripts = new Map<string, TelnyxCallScript>();
  private defaultScript: TelnyxCallScript = { answer: 'human', utterances: [] };

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    readonly apiKey: string,
    private readonly privateKey: KeyObject,
    /** Base64 of the raw 32-byte Ed25519 public key, as the Telnyx portal shows it. */
    readonly publicKey: string,
    private readonly options: { now: () => Date; speakMs: number; turnDelayMs: number },
  ) {}

  static async start(opts: { port?: number; host?: string; apiKey?: string; now?: () => Date; speakMs?: number; turnDelayMs?: number } = {}): Promise<TelnyxSandbox> {
    const { server, url } = await listen(opts);
    const keys = generateKeyPairSync('ed25519');
    const rawPublic = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
    const sandbox = new TelnyxSandbox(server, url, opts.apiKey ?? `KEY${randomUUID().replace(/-/g, '')}`, keys.privateKey, rawPublic, {
      now: opts.now ?? (() => new Date()),
      speakMs: opts.speakMs ?? 5,
      turnDelayMs: opts.turnDelayMs ?? 40,
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      sandbox.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: '10000', title: 'Internal error', detail: String(err) }] }));
      });
    });
    return sandbox;
  }

  /** The base URL a Telnyx client is configured with (…/v2). */
  get apiUrl(): string {
    return `${this.endpoint}/v2`;
  }

  /** The callee at `phone` behaves as scripted for the next calls to it. */
  script(phone: string, script: TelnyxCallScript): void {
    this.scripts.set(phone, script);
  }

  setDefaultScript(script: TelnyxCallScript): void {
    this.defaultScript = script;
  }

  commandsFor(callControlId: string): TelnyxCommand[] {
    return this.commands.filter((c) => c.callControlId === callControlId);
  }

  dials(to?: string): TelnyxCommand[] {
    return this.commands.filter((c) => c.action === 'dial' && (to === undefined || c.body.to === to));
  }

  /** Every text the agent spoke on a call, in order. */
  spoken(callControlId: string): string[] {
    return this.commandsFor(callControlId).filter((c) => c.action === 'speak').map((c) => String(c.body.payload));
  }

  isAlive(callControlId: string): boolean {
    return this.calls.get(callControlId)?.alive ?? false;
  }

  /** The callee says something now (on top of the script). */
  say(callControlId: string, text: string): void {
    const call = this.mustCall(callControlId);
    this.emit(call, 'call.transcription', { transcription_data: { transcript: text, confidence: 0.97, is_final: true } });
  }

  /** The callee hangs up. */
  hangUp(callControlId: string): void {
    this.end(this.mustCall(callControlId), 'normal_clearing', 'callee');
  }

  /** Resolves when every webhook queued so far has been delivered. */
  async idle(): Promise<void> {
    await Promise.all([...this.calls.values()].map((c) => c.queue));
  }

  async stop(): Promise<void> {
    for (const call of this.calls.values()) {
      clearTimeout(call.turnTimer);
      for (const timer of call.speakTimers) clearTimeout(timer);
    }
    await this.idle();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) return reply(401, AUTH_FAILED);
    let body: Record<string, unknown>;
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return reply(400, { errors: [{ code: '10015', title: 'Bad Request', detail: 'The request body is not valid JSON.' }] });
    }
    const url = new URL(req.url ?? '/', this.endpoint);
    if (req.method === 'POST' && url.pathname === '/v2/calls') return reply(200, this.dial(body));
    const action = /^\/v2\/calls\/([^/]+)\/actions\/([a-z_]+)$/.exec(url.pathname);
    if (req.method !== 'POST' || !action) return reply(404, { errors: [{ code: '10005', title: 'Resource not found', detail: url.pathname }] });
    const callControlId = decodeURIComponent(action[1]);
    const call = this.calls.get(callControlId);
    if (!call || !call.alive) return reply(422, CALL_ENDED);
    this.commands.push({ action: action[2], callControlId, body, at: this.options.now() });
    if (typeof body.client_state === 'string') call.clientState = body.client_state;
    this.act(call, action[2], body);
    return reply(200, { data: { result: 'ok' } });
  }

  private dial(body: Record<string, unknown>): unknown {
    for (const field of ['connection_id', 'to', 'from']) {
      if (typeof body[field] !== 'string' || !body[field]) {
        return { errors: [{ code: '10032', title: 'Invalid value', detail: `${field} is required`, source: { pointer: `/${field}` } }] };
      }
    }
    const id = `v3:${randomUUID().replace(/-/g, '')}`;
    const call: SandboxCall = {
      id,
      sessionId: randomUUID(),
      legId: randomUUID(),
      to: String(body.to),
      from: String(body.from),
      connectionId: String(body.connection_id),
      webhookUrl: String(body.webhook_url ?? ''),
      clientState: typeof body.client_state === 'string' ? body.client_state : null,
      script: this.scripts.get(String(body.to)) ?? this.defaultScript,
      alive: true,
      answered: false,
      transcribing: false,
      pendingSpeaks: 0,
      speakTimers: new Set(),
      awaitingAgent: true,
      nextUtterance: 0,
      queue: Promise.resolve(),
    };
    this.calls.set(id, call);
    this.commands.push({ action: 'dial', callControlId: id, body, at: this.options.now() });
    this.emit(call, 'call.initiated', { direction: 'outgoing', state: 'bridging' });
    const script = call.script;
    if (script.answer === 'none') {
      this.end(call, 'timeout', 'callee');
    } else {
      call.answered = true;
      call.startedAt = this.options.now();
      this.emit(call, 'call.answered', { start_time: call.startedAt.toISOString() });
      if (body.answering_machine_detection && body.answering_machine_detection !== 'disabled') {
        this.emit(call, 'call.machine.detection.ended', { result: script.answer === 'machine' ? 'machine' : 'human' });
      }
    }
    return { data: { call_control_id: id, call_leg_id: call.legId, call_session_id: call.sessionId, is_alive: call.alive, record_type: 'call' } };
  }

  private act(call: SandboxCall, action: string, body: Record<string, unknown>): void {
    switch (action) {
      case 'speak': {
        call.pendingSpeaks += 1;
        clearTimeout(call.turnTimer);
        this.emit(call, 'call.speak.started', {});
        const speakMs = call.script.answer === 'human' && call.script.speakMs !== undefined ? call.script.speakMs : this.options.speakMs;
        const timer = setTimeout(() => {
          call.speakTimers.delete(timer);
          if (!call.alive) return;
          this.speakEnded(call, 'completed');
        }, speakMs);
        call.speakTimers.add(timer);
        return;
      }
      case 'playback_stop':
        // stop: all (the default) ends the current speech and clears the queue.
        for (const timer of call.speakTimers) {
          clearTimeout(timer);
          this.speakEnded(call, 'interrupted');
        }
        call.speakTimers.clear();
        return;
      case 'transcription_start':
        call.transcribing = true;
        this.scheduleTurn(call);
        return;
      case 'transfer':
        call.transcribing = false;
        this.emit(call, 'call.bridged', { to: body.to, from: body.from });
        return;
      case 'hangup':
        this.end(call, 'normal_clearing', 'caller');
        return;
      default:
        return;
    }
  }

  private speakEnded(call: SandboxCall, status: string): void {
    call.pendingSpeaks -= 1;
    this.emit(call, 'call.speak.ended', { status });
    if (call.pendingSpeaks === 0) {
      call.awaitingAgent = false;
      this.scheduleTurn(call);
    }
  }

  /** The callee's next scripted line, once the agent has finished speaking. */
  private scheduleTurn(call: SandboxCall): void {
    clearTimeout(call.turnTimer);
    if (call.script.answer !== 'human' || !call.transcribing || call.awaitingAgent || call.pendingSpeaks > 0) return;
    const script = call.script;
    call.turnTimer = setTimeout(() => {
      if (!call.alive || call.pendingSpeaks > 0) return;
      if (script.hangUpAfter !== undefined && call.nextUtterance >= script.hangUpAfter) return this.end(call, 'normal_clearing', 'callee');
      const text = script.utterances?.[call.nextUtterance];
      if (text === undefined) return;
      call.nextUtterance += 1;
      call.awaitingAgent = true;
      this.emit(call, 'call.transcription', { transcription_data: { transcript: text, confidence: 0.97, is_final: true } });
    }, this.options.turnDelayMs);
  }

  private end(call: SandboxCall, cause: string, source: string): void {
    if (!call.alive) return;
    call.alive = false;
    clearTimeout(call.turnTimer);
    const end = this.options.now();
    this.emit(call, 'call.hangup', {
      hangup_cause: cause,
      hangup_source: source,
      sip_hangup_cause: cause === 'timeout' ? '480' : '200',
      ...(call.startedAt ? { start_time: call.startedAt.toISOString() } : {}),
      end_time: end.toISOString(),
    });
  }

  private mustCall(id: string): SandboxCall {
    const call = this.calls.get(id);
    if (!call) throw new Error(`no sandbox call ${id}`);
    return call;
  }

  /** Webhooks of one call go out one at a time, in order, like Telnyx's per-call delivery. */
  private emit(call: SandboxCall, eventType: string, extra: Record<string, unknown>): void {
    const envelope = {
      data: {
        record_type: 'event',
        event_type: eventType,
        id: randomUUID(),
        occurred_at: this.options.now().toISOString(),
        payload: {
          call_control_id: call.id,
          call_leg_id: call.legId,
          call_session_id: call.sessionId,
          connection_id: call.connectionId,
          client_state: call.clientState,
          from: call.from,
          to: call.to,
          direction: 'outgoing',
          ...extra,
        },
      },
      meta: { attempt: 1, delivered_to: call.webhookUrl },
    };
    call.queue = call.queue.then(() => this.deliver(call, eventType, JSON.stringify(envelope)));
  }

  private async deliver(call: SandboxCall, eventType: string, body: string): Promise<void> {
    if (!call.webhookUrl) return;
    const timestamp = String(Math.floor(this.options.now().getTime() / 1000));
    const signature = sign(null, Buffer.from(`${timestamp}|${body}`), this.privateKey).toString('base64');
    // Telnyx retries failed deliveries; the sandbox tries a few times too.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const sentAt = new Date();
      try {
        const res = await fetch(call.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': timestamp, 'user-agent': 'telnyx-webhooks' },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.text();
        this.deliveries.push({ eventType, callControlId: call.id, status: res.status, body, sentAt, answeredAt: new Date() });
        if (res.status < 500) return;
      } catch {
        this.deliveries.push({ eventType, callControlId: call.id, status: 0, body, sentAt, answeredAt: new Date() });
      }
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
