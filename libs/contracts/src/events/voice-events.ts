import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { E164, ISO_DATE, ISO_INSTANT, LANGUAGE_TAG, Money, ReminderRequest, VerificationFactor } from './common';

/** One overdue instalment of the case, as the scheduler holds it (for the human desk's case file). */
export class OverdueInstalmentRef {
  @IsString()
  @Length(1, 100)
  orderRef!: string;

  @IsString()
  @Length(1, 200)
  merchantName!: string;

  @IsInt()
  @Min(1)
  instalmentNumber!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amountDue!: Money;

  @Matches(ISO_DATE)
  dueDate!: string;
}

/**
 * Scheduler → voice: place one AI call for one workflow step. `stepId` is the idempotency key (and
 * the telephony provider's command id). Without `verification` the agent cannot verify the right
 * party, so it leaves only a limited-content message and discloses nothing.
 */
export class VoiceRequestedV1 extends ReminderRequest {
  @Matches(E164, { message: 'to must be an E.164 number' })
  to!: string;

  /** The lender's account reference: with it the agent can ask the negotiation service for plans and agree one. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  externalAccountRef?: string;

  /** ISO 3166-1 alpha-2, or a subdivision such as US-MA, whose rules the call follows. */
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'jurisdiction must be a country or subdivision code such as DE or US-MA' })
  jurisdiction!: string;

  @IsOptional()
  @IsString()
  @Length(1, 160)
  fullName?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  orderRef?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => VerificationFactor)
  verification?: VerificationFactor;

  /** The case's overdue instalments (what is owed and why), for the case file if the call is escalated. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OverdueInstalmentRef)
  overdue?: OverdueInstalmentRef[];

  /** Contacts the case had before this call. */
  @IsOptional()
  @IsInt()
  @Min(0)
  contactsSoFar?: number;

  /** The tenant's number the debtor is told to call back on (E.164); absent: the voice service's VOICE_CALLBACK_NUMBER. */
  @IsOptional()
  @Matches(E164, { message: 'callbackNumber must be an E.164 number' })
  callbackNumber?: string;

  /** The tenant's SMS sender id for the link texted during the call; absent: the sms service's SMS_SENDER_ID. */
  @IsOptional()
  @IsString()
  @Length(1, 11)
  smsSenderId?: string;

  /** The tenant's number the link is texted from during the call (E.164), where the provider supports one. */
  @IsOptional()
  @Matches(E164, { message: 'smsOriginationNumber must be an E.164 number' })
  smsOriginationNumber?: string;
}

/** What every call event names: Settle's call id, the workflow step and the case. */
export class CallRef {
  @IsUUID()
  callId!: string;

  @IsUUID()
  stepId!: string;

  @IsUUID()
  caseId!: string;
}

export class CallDialledV1 extends CallRef {
  /** `telnyx`, or another provider behind the telephony port. */
  @IsString()
  @Length(1, 40)
  provider!: string;
}

export const ANSWERED_BY = ['human', 'machine'] as const;
export class CallAnsweredV1 extends CallRef {
  @IsIn(ANSWERED_BY)
  answeredBy!: (typeof ANSWERED_BY)[number];
}

export class StageLatency {
  @IsString()
  @Length(1, 40)
  stage!: string;

  @IsInt()
  @Min(0)
  ms!: number;
}

/**
 * One exchange of the conversation. The words stay in the voice service's schema (transcripts);
 * the stream carries what analytics needs: intent, stage, signals and latency per stage.
 */
export class CallTurnV1 extends CallRef {
  @IsInt()
  @Min(0)
  turn!: number;

  @IsOptional()
  @IsString()
  @Length(1, 60)
  intent?: string;

  @IsOptional()
  @IsString()
  @Length(1, 60)
  stage?: string;

  @IsIn(['listen', 'transfer', 'end'])
  next!: 'listen' | 'transfer' | 'end';

  @IsNumber()
  @Min(-1)
  @Max(1)
  sentiment!: number;

  @IsArray()
  @IsString({ each: true })
  cues!: string[];

  /** Whole milliseconds per stage (understand, policy, tools, guardrail…). */
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StageLatency)
  latency!: StageLatency[];

  @IsInt()
  @Min(0)
  utterances!: number;

  @IsInt()
  @Min(0)
  blockedUtterances!: number;
}

export class CallToolCalledV1 extends CallRef {
  @IsString()
  @Length(1, 40)
  tool!: string;

  @IsBoolean()
  ok!: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  error?: string;
}

export class CallLinkSentV1 extends CallRef {
  /** The step id of the SMS that carries the link (a fresh id per send). */
  @IsUUID()
  smsStepId!: string;

  @Matches(/^[A-Za-z0-9]{10,32}$/)
  code!: string;
}

export class CallLinkClickedV1 extends CallRef {
  @Matches(/^[A-Za-z0-9]{10,32}$/)
  code!: string;
}

export class CallPaymentSeenV1 extends CallRef {
  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amount!: Money;
}

export class CallEscalatedV1 extends CallRef {
  /** The case file on desk.handoffs.v1 and at GET /v1/desk/handoffs/{id}. */
  @IsUUID()
  handoffId!: string;

  @IsString()
  @Length(1, 300)
  reason!: string;

  @IsBoolean()
  transferred!: boolean;
}

export const CALL_END_OUTCOMES = [
  'paid', 'link_sent', 'promise_to_pay', 'plan_agreed', 'dispute', 'hardship', 'opted_out', 'wrong_party', 'escalated', 'machine_message_left',
  'no_agreement', 'no_answer', 'hung_up', 'failed',
] as const;
export type CallEndOutcome = (typeof CALL_END_OUTCOMES)[number];

/** Costs in integer micro-USD from the voice price table. */
export class CallCost {
  @IsInt()
  @Min(0)
  telephonyMicroUsd!: number;

  @IsInt()
  @Min(0)
  llmMicroUsd!: number;

  @IsInt()
  @Min(0)
  totalMicroUsd!: number;
}

export class CallEndedV1 extends CallRef {
  @IsIn(CALL_END_OUTCOMES)
  outcome!: CallEndOutcome;

  @IsIn(['human', 'machine', 'none'])
  answeredBy!: 'human' | 'machine' | 'none';

  @IsInt()
  @Min(0)
  durationSeconds!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => CallCost)
  cost!: CallCost;

  @IsInt()
  @Min(0)
  turns!: number;

  /** The provider's reason, e.g. normal_clearing, timeout, busy; or a Settle code when the dial failed. */
  @IsString()
  @Length(1, 80)
  endReason!: string;

  /** outcome promise_to_pay: the date the debtor promised to pay by. */
  @IsOptional()
  @Matches(ISO_DATE)
  promisedBy?: string;
}

export class CaseFileParty {
  @IsOptional()
  @IsString()
  firstName?: string;

  @IsString()
  fullName!: string;

  @Matches(LANGUAGE_TAG)
  language!: string;

  @IsString()
  jurisdiction!: string;

  @IsBoolean()
  verified!: boolean;
}

export class CaseFileDebt {
  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amountDue!: Money;

  @IsString()
  merchantName!: string;

  @IsOptional()
  @IsString()
  orderRef?: string;

  @Matches(ISO_DATE)
  dueDate!: string;

  /** Why it is owed, in one line. */
  @IsString()
  why!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OverdueInstalmentRef)
  overdue?: OverdueInstalmentRef[];
}

export class CaseFileLine {
  @IsIn(['agent', 'debtor'])
  speaker!: 'agent' | 'debtor';

  @IsString()
  @Length(0, 2000)
  text!: string;

  @Matches(ISO_INSTANT)
  at!: string;
}

export class CaseFileAction {
  @IsString()
  tool!: string;

  @IsBoolean()
  ok!: boolean;

  @IsObject()
  facts!: Record<string, unknown>;
}

/** Voice → the human desk: everything a person needs to take the call over without asking again. Personal data. */
export class DeskHandoffV1 extends CallRef {
  @IsUUID()
  handoffId!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => CaseFileParty)
  who!: CaseFileParty;

  @IsObject()
  @ValidateNested()
  @Type(() => CaseFileDebt)
  owed!: CaseFileDebt;

  /** Instalment, promise and plan actions taken in this call (history before it lives in the scheduler). */
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CaseFileAction)
  actions!: CaseFileAction[];

  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CaseFileLine)
  transcript!: CaseFileLine[];

  @IsString()
  @Length(1, 300)
  whyEscalated!: string;

  @IsString()
  @Length(1, 300)
  suggestedNextStep!: string;

  /** Contacts the case had before this call (SMS, email, calls). */
  @IsOptional()
  @IsInt()
  @Min(0)
  contactsBeforeThisCall?: number;

  /** Where the call was transferred (desk number or SIP URI), when it was. */
  @IsOptional()
  @IsString()
  transferredTo?: string;

  @Matches(ISO_INSTANT)
  decidedAt!: string;
}
