import { DialRequest, SpeakRequest, TelephonyError, TelephonyEvent, TelephonyProvider, TelephonyWebhook, TransferRequest } from './telephony-provider';

export interface TelnyxOptions {
  /** https://api.telnyx.com/v2, or the sandbox's /v2. */
  apiUrl: string;
  apiKey: string;
  connectionId: string;
  timeoutMs: number;
}

/**
 * Telnyx Call Control v2 over plain fetch. The official `telnyx` SDK would add a large generated
 * client for five POSTs, its own retry policy (a retried dial must carry our idempotency key, which
 * we set as command_id ourselves) and no Ed25519 replay check; fetch with an AbortSignal timeout
 * keeps every failure mode visible here.
 */
export class TelnyxProvider implements TelephonyProvider {
  readonly name = 'telnyx';

  constructor(private readonly options: TelnyxOptions) {}

  async dial(request: DialRequest): Promise<{ callId: string; sessionId?: string }> {
    const body = {
      connection_id: this.options.connectionId,
      to: request.to,
      from: request.from,
      webhook_url: request.webhookUrl,
      webhook_url_method: 'POST',
      client_state: Buffer.from(request.clientState).toString('base64'),
      command_id: request.idempotencyKey,
      answering_machine_detection: request.detectMachine ? 'detect' : 'disabled',
      timeout_secs: request.timeoutSeconds ?? 30,
    };
    const res = await this.post('/calls', body);
    const data = (res as { data?: { call_control_id?: string; call_session_id?: string } }).data;
    if (!data?.call_control_id) throw new TelephonyError('unknown', 'no_call_control_id', 'Telnyx answered without a call_control_id');
    return { callId: data.call_control_id, sessionId: data.call_session_id };
  }

  async speak(callId: string, request: SpeakRequest): Promise<void> {
    await this.action(callId, 'speak', {
      payload: request.text,
      payload_type: 'text',
      voice: request.voice,
      language: request.language,
      ...(request.commandId ? { command_id: request.commandId } : {}),
    });
  }

  async startTranscription(callId: string, language: string): Promise<void> {
    await this.action(callId, 'transcription_start', {
      transcription_engine: 'Google',
      transcription_engine_config: { language, interim_results: false },
      transcription_tracks: 'inbound',
    });
  }

  async stopSpeaking(callId: string): Promise<void> {
    await this.action(callId, 'playback_stop', { stop: 'all' });
  }

  async transfer(callId: string, request: TransferRequest): Promise<void> {
    await this.action(callId, 'transfer', { to: request.to, from: request.from, ...(request.commandId ? { command_id: request.commandId } : {}) });
  }

  async hangup(callId: string): Promise<void> {
    await this.action(callId, 'hangup', {});
  }

  private action(callId: string, name: string, body: object): Promise<unknown> {
    return this.post(`/calls/${encodeURIComponent(callId)}/actions/${name}`, body);
  }

  private async post(path: string, body: object): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.options.apiUrl.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const e = error as { name?: string; cause?: { code?: string } };
      if (e.name === 'TimeoutError') throw new TelephonyError('unknown', 'timeout', `Telnyx did not answer within ${this.options.timeoutMs} ms`);
      if (e.cause?.code === 'ECONNREFUSED' || e.cause?.code === 'ENOTFOUND') throw new TelephonyError('unavailable', e.cause.code, 'Telnyx unreachable');
      throw new TelephonyError('unknown', 'network', String(error));
    }
    const text = await res.text();
    const json = text ? safeJson(text) : {};
    if (res.ok) return json;
    const first = (json as { errors?: { code?: string; title?: string; detail?: string }[] }).errors?.[0];
    const code = first?.code ?? `http_${res.status}`;
    const detail = first?.detail ?? first?.title ?? `HTTP ${res.status}`;
    if (res.status === 429 || res.status === 503) throw new TelephonyError('unavailable', code, detail);
    if (res.status >= 500) throw new TelephonyError('unknown', code, detail);
    // 90018 "Call has already ended" and 90046/90053 relatives: the call is gone, nothing to do.
    if (res.status === 422 && /^900(18|46|53)$/.test(code)) throw new TelephonyError('call_gone', code, detail);
    throw new TelephonyError('rejected', code, detail);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

interface TelnyxWebhookBody {
  data?: {
    id?: string;
    event_type?: string;
    occurred_at?: string;
    payload?: Record<string, unknown> & {
      call_control_id?: string;
      client_state?: string | null;
      result?: string;
      transcription_data?: { transcript?: string; is_final?: boolean };
      hangup_cause?: string;
      hangup_source?: string;
      start_time?: string;
      end_time?: string;
    };
  };
}

/** Reads a (verified) Telnyx webhook body into a provider-neutral event; undefined when it is not a call event. */
export function parseTelnyxWebhook(body: unknown): TelephonyWebhook | undefined {
  const data = (body as TelnyxWebhookBody)?.data;
  const payload = data?.payload;
  if (!data?.id || !data.event_type || !payload?.call_control_id) return undefined;
  const clientState = typeof payload.client_state === 'string' && payload.client_state ? Buffer.from(payload.client_state, 'base64').toString('utf8') : undefined;
  return { eventId: data.id, callId: payload.call_control_id, clientState, occurredAt: data.occurred_at ?? new Date().toISOString(), event: toEvent(data.event_type, payload) };
}

function toEvent(type: string, p: NonNullable<NonNullable<TelnyxWebhookBody['data']>['payload']>): TelephonyEvent {
  switch (type) {
    case 'call.initiated':
      return { kind: 'initiated' };
    case 'call.answered':
      return { kind: 'answered' };
    case 'call.machine.detection.ended':
    case 'call.machine.premium.detection.ended': {
      const r = String(p.result ?? 'not_sure');
      return { kind: 'machine_detection', result: r === 'human' || r === 'human_residence' || r === 'human_business' ? 'human' : r === 'machine' ? 'machine' : 'not_sure' };
    }
    case 'call.speak.ended':
      return { kind: 'speak_ended' };
    case 'call.transcription':
      return { kind: 'transcription', text: String(p.transcription_data?.transcript ?? ''), final: p.transcription_data?.is_final !== false };
    case 'call.bridged':
      return { kind: 'bridged' };
    case 'call.hangup':
      return { kind: 'hangup', cause: String(p.hangup_cause ?? 'unspecified'), source: p.hangup_source, startedAt: p.start_time, endedAt: p.end_time };
    default:
      return { kind: 'other', type };
  }
}
