import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { E164, LANGUAGE_TAG, ReminderRequest } from './common';

/** Scheduler → sms: send one reminder for one workflow step. `stepId` is the idempotency key. */
export class SmsRequestedV1 extends ReminderRequest {
  @Matches(E164, { message: 'to must be an E.164 number' })
  to!: string;

  @IsOptional()
  @IsString()
  @Length(1, 11)
  senderId?: string;
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

  /** Machine-readable: invalid_number, provider_rejected, outcome_unknown, render_failed… */
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
