import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsTimeZone, IsUUID, Length, Matches, Min, ValidateNested,
} from 'class-validator';
import { CONTACT_CHANNELS, ContactChannel, E164, ISO_INSTANT, LANGUAGE_TAG, ReminderRequest } from './common';

/** Hold kinds the compliance gate knows (libs/compliance `HoldKind`). */
export const GATE_HOLD_KINDS = ['dispute', 'hardship', 'bereavement', 'breathing_space', 'vulnerability', 'cooling_off', 'do_not_contact'] as const;

export class GateHold {
  @IsIn(GATE_HOLD_KINDS)
  kind!: (typeof GATE_HOLD_KINDS)[number];

  @IsOptional()
  @Matches(ISO_INSTANT)
  since?: string;

  @IsOptional()
  @Matches(ISO_INSTANT)
  until?: string;
}

/** One entry of the debtor's contact ledger as the scheduler saw it (caps are counted over it). */
export class GateLedgerEntry {
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;

  @Matches(ISO_INSTANT)
  at!: string;

  @IsIn(['attempt', 'conversation'])
  kind!: 'attempt' | 'conversation';

  @IsOptional()
  @IsUUID()
  debtId?: string;
}

/**
 * What the compliance gate saw when the scheduler allowed the contact, so the channel can ask it
 * again at the real send moment (quiet hours, holidays, caps, holds, opt-outs it learnt since).
 * Personal data: the ledger and zones stay in payloads, never logs.
 */
export class ChannelGateFacts {
  /** ISO 3166-1 alpha-2, or a subdivision such as US-MA. */
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'jurisdiction must be a country or subdivision code such as DE or US-MA' })
  jurisdiction!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsTimeZone({ each: true })
  timeZones!: string[];

  /** When the scheduler's gate allowed this contact. */
  @Matches(ISO_INSTANT)
  decidedAt!: string;

  @IsArray()
  @IsIn(CONTACT_CHANNELS, { each: true })
  optedOut!: ContactChannel[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GateHold)
  holds!: GateHold[];

  /** The ledger the caps were counted over (this contact excluded). */
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => GateLedgerEntry)
  history!: GateLedgerEntry[];

  @IsOptional()
  @IsArray()
  @IsIn(['email', 'ai_voice', 'sms'], { each: true })
  consents?: ('email' | 'ai_voice' | 'sms')[];
}

/** A channel's last-moment gate refused to send: `block` for good, `defer` until `until`. Nothing was sent. */
export class ChannelBlocked {
  @IsUUID()
  stepId!: string;

  @IsUUID()
  caseId!: string;

  @IsIn(['block', 'defer'])
  outcome!: 'block' | 'defer';

  /** The rules that decided (compliance rule ids, or the channel's own: sms.opt_out, email.suppressed…). */
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  ruleIds!: string[];

  @IsArray()
  @IsString({ each: true })
  reasons!: string[];

  /** For a defer: the earliest lawful moment to try again. */
  @IsOptional()
  @Matches(ISO_INSTANT)
  until?: string;
}

/** Scheduler → sms: send one reminder for one workflow step. `stepId` is the idempotency key. */
export class SmsRequestedV1 extends ReminderRequest {
  /**
   * The debtor's number, E.164. A command whose number is not E.164 is still delivered to the sms
   * service, which blocks the step naming the problem (sms.blocked, rule sms.invalid_number), so the
   * workflow moves on rather than waiting on a dead-lettered command.
   */
  @IsString()
  @Length(1, 64)
  to!: string;

  /** The tenant's alphanumeric sender id; absent: the sms service's SMS_SENDER_ID. */
  @IsOptional()
  @IsString()
  @Length(1, 11)
  senderId?: string;

  /** The tenant's number to send from (E.164), where the provider supports one; absent: the provider's choice. */
  @IsOptional()
  @Matches(E164, { message: 'originationNumber must be an E.164 number' })
  originationNumber?: string;

  /** Present: the sms service asks the compliance gate again right before it sends. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ChannelGateFacts)
  compliance?: ChannelGateFacts;
}

export class SmsBlockedV1 extends ChannelBlocked {}

/** The carrier confirmed delivery to the handset (an SNS delivery-status receipt with status SUCCESS). */
export class SmsDeliveredV1 {
  @IsUUID()
  stepId!: string;

  @IsUUID()
  caseId!: string;

  @IsString()
  providerMessageId!: string;

  /** The carrier's answer, e.g. "Message has been accepted by phone carrier". */
  @IsOptional()
  @IsString()
  @Length(0, 500)
  providerResponse?: string;
}

export class SmsSentV1 {
  @IsUUID()
  stepId!: string;

  @IsUUID()
  caseId!: string;

  @IsString()
  providerMessageId!: string;

  @IsInt()
  @Min(1)
  segments!: number;

  @IsIn(['GSM-7', 'UCS-2'])
  encoding!: 'GSM-7' | 'UCS-2';
}

export class SmsFailedV1 {
  @IsUUID()
  stepId!: string;

  @IsUUID()
  caseId!: string;

  /** Machine-readable: invalid_number, provider_rejected, outcome_unknown, render_failed, undelivered (a FAILURE receipt)… */
  @IsString()
  code!: string;

  @IsString()
  reason!: string;

  @IsBoolean()
  retryable!: boolean;
}

export const SMS_REPLY_INTENTS = ['stop', 'start', 'help', 'already_paid', 'other'] as const;
export type SmsReplyIntent = (typeof SMS_REPLY_INTENTS)[number];

/** The debtor answered an SMS. STOP and its equivalents opt out at once; the text is kept minimal. */
export class SmsReplyReceivedV1 {
  @IsUUID()
  caseId!: string;

  /** The step whose SMS was answered (the latest sent to this number). */
  @IsUUID()
  stepId!: string;

  @IsIn(SMS_REPLY_INTENTS)
  intent!: SmsReplyIntent;

  /** The reply's text, for the case timeline; personal data, never logged. */
  @IsString()
  @Length(0, 1600)
  text!: string;

  @Matches(LANGUAGE_TAG)
  language!: string;
}
