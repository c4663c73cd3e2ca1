import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { ServiceConfig } from '@settle/config';
import { LLM_PRICE_PATTERN, VOICE_PRICE_TABLE_PATTERN } from './domain/pricing';

/** Settings of phone calls: the telephony provider, numbers, voices, prices. VoiceConfig extends this. */
export class VoiceCallsConfig extends ServiceConfig {
  /** Telnyx Call Control v2 base URL (the sandbox's …/v2 in tests and the demo). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  TELNYX_API_URL: string = 'https://api.telnyx.com/v2';

  /** Unset: phone calls are off (voice commands end as failed with code telephony_not_configured). */
  @IsOptional()
  @IsString()
  @MinLength(8)
  TELNYX_API_KEY?: string;

  /** The Call Control application (connection) that places the calls. */
  @IsOptional()
  @IsString()
  TELNYX_CONNECTION_ID?: string;

  /** Webhook public key from the Telnyx portal: base64 of the raw 32 bytes (or base64 DER, or PEM). */
  @IsOptional()
  @IsString()
  TELNYX_PUBLIC_KEY?: string;

  @IsInt()
  @Min(100)
  TELNYX_TIMEOUT_MS: number = 5000;

  /** Replay window of webhook timestamps, in seconds, both ways. */
  @IsInt()
  @Min(10)
  @Max(3600)
  TELNYX_WEBHOOK_TOLERANCE_SECONDS: number = 300;

  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'must be an E.164 number' })
  VOICE_FROM_NUMBER: string = '+4930120000000';

  /** The number the limited-content message asks to call back. */
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'must be an E.164 number' })
  VOICE_CALLBACK_NUMBER: string = '+4930120000000';

  /** Public base URL where Telnyx reaches this service (…/v1/telnyx/webhooks is appended). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  VOICE_WEBHOOK_BASE_URL: string = 'http://127.0.0.1:3004';

  /**
   * This replica's address for the other voice replicas (e.g. http://10.0.3.7:3004). A call's
   * conversation lives on the replica that dialled it: with several replicas, set it on each, and
   * a Telnyx webhook or a link/payment signal that reaches another replica is passed to the owner.
   * Unset: one replica, and what arrives for a call it does not hold ends that call.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  VOICE_REPLICA_URL?: string;

  /**
   * On shutdown, how long this replica waits for its live calls to end (it takes no new ones
   * meanwhile). Give the orchestrator a longer grace period (docker compose: stop_grace_period).
   */
  @IsInt()
  @Min(0)
  @Max(3600)
  VOICE_DRAIN_SECONDS: number = 25;

  /** Where escalated calls are transferred: the human desk's E.164 number or SIP URI. */
  @Matches(/^(\+[1-9]\d{6,14}|sips?:[^\s]+)$/, { message: 'must be an E.164 number or a sip: URI' })
  VOICE_DESK_NUMBER: string = '+4930120000099';

  /** The natural person's name the agent gives. */
  @IsString()
  VOICE_AGENT_NAME: string = 'Lena';

  /** Default text-to-speech voice; a tenant's voice profile (PUT /v1/tenants/:id/voice-profile) overrides it. */
  @IsString()
  VOICE_TTS_VOICE: string = 'female';


  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  VOICE_MACHINE_DETECTION: boolean = true;

  /** USD per minute by destination country (`CC:price`, `*` for any other), billed per started increment. */
  @Matches(VOICE_PRICE_TABLE_PATTERN, { message: 'must be COUNTRY:USD_PER_MINUTE pairs such as DE:0.0120,*:0.0200' })
  VOICE_PRICE_TABLE: string = 'AT:0.0200,BE:0.0180,CH:0.0200,DE:0.0120,DK:0.0150,ES:0.0140,FI:0.0200,FR:0.0140,GB:0.0100,IE:0.0150,IT:0.0140,NL:0.0150,NO:0.0150,PL:0.0150,PT:0.0150,SE:0.0120,US:0.0070,*:0.0300';

  @IsInt()
  @Min(1)
  @Max(60)
  VOICE_BILLING_INCREMENT_SECONDS: number = 60;

  /** LLM tokens, USD per million: `input:…,output:…` (the offline engine uses none). */
  @Matches(LLM_PRICE_PATTERN, { message: 'must look like input:0.15,output:0.60' })
  VOICE_LLM_PRICE: string = 'input:0.15,output:0.60';

  /** The negotiation service (plans offered and agreed on the phone). Unset: a debtor who asks for a plan is handed to a person. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  NEGOTIATION_URL?: string;

  /** What the negotiation service may spend asking the lender's platform while the debtor waits on the line, in ms. */
  @IsInt()
  @Min(100)
  @Max(10_000)
  NEGOTIATION_BUDGET_MS: number = 1500;
}
