// The port every telephony provider implements (Telnyx Call Control today). Calls are addressed
// by the provider's call id; what happens on the line comes back as TelephonyEvents through the
// provider's webhook adapter.

export const TELEPHONY_PROVIDER = Symbol('TELEPHONY_PROVIDER');

export interface DialRequest {
  to: string;
  from: string;
  /** Where the provider posts this call's events. */
  webhookUrl: string;
  /** Opaque state echoed on every event of the call (Settle puts its call id here). */
  clientState: string;
  /** Also the provider's command id: a retried dial with the same key does not ring twice. */
  idempotencyKey: string;
  detectMachine: boolean;
  timeoutSeconds?: number;
}

export interface SpeakRequest {
  text: string;
  /** Provider voice name chosen by the tenant, e.g. `female` or `Polly.Vicki-Neural`. */
  voice: string;
  /** BCP-47 tag the text-to-speech speaks, e.g. en-US, de-DE. */
  language: string;
  commandId?: string;
}

export interface TransferRequest {
  /** E.164 number or SIP URI of the human desk. */
  to: string;
  from: string;
  commandId?: string;
}

export interface TelephonyProvider {
  readonly name: string;
  dial(request: DialRequest): Promise<{ callId: string; sessionId?: string }>;
  speak(callId: string, request: SpeakRequest): Promise<void>;
  startTranscription(callId: string, language: string): Promise<void>;
  /** Stops what is being spoken and drops what is queued (the debtor talked over the agent). */
  stopSpeaking(callId: string): Promise<void>;
  transfer(callId: string, request: TransferRequest): Promise<void>;
  hangup(callId: string): Promise<void>;
}

export type TelephonyErrorKind = 'unavailable' | 'rejected' | 'unknown' | 'call_gone';

/**
 * unavailable: certainly not executed (connection refused, 429, 5xx before processing) — retry;
 * rejected: the provider refused (4xx) — do not retry; unknown: timed out, may have happened;
 * call_gone: the call already ended.
 */
export class TelephonyError extends Error {
  constructor(
    readonly kind: TelephonyErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What happened on the line, provider-neutral. */
export type TelephonyEvent =
  | { kind: 'initiated' }
  | { kind: 'answered' }
  | { kind: 'machine_detection'; result: 'human' | 'machine' | 'not_sure' }
  | { kind: 'speak_ended' }
  | { kind: 'transcription'; text: string; final: boolean }
  | { kind: 'bridged' }
  | { kind: 'hangup'; cause: string; source?: string; startedAt?: string; endedAt?: string }
  | { kind: 'other'; type: string };

export interface TelephonyWebhook {
  /** The provider's id of this webhook delivery (dedupe key). */
  eventId: string;
  callId: string;
  clientState?: string;
  occurredAt: string;
  event: TelephonyEvent;
}
