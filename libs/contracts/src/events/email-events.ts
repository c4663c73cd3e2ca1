import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEmail, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { ISO_DATE, LANGUAGE_TAG, Money, PaymentLinkRef, TONES, Tone } from './common';

/** Scheduler → email: send one branded reminder for one workflow step. `stepId` is the idempotency key. */
export class EmailRequestedV1 {
  @IsUUID()
  stepId!: string;

  @IsUUID()
  caseId!: string;

  @IsEmail()
  to!: string;

  @Matches(LANGUAGE_TAG)
  language!: string;

  @IsIn(TONES)
  tone!: Tone;

  @IsOptional()
  @IsString()
  firstName?: string;

  @IsString()
  brandName!: string;

  @IsString()
  merchantName!: string;

  @IsOptional()
  @IsString()
  orderRef?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amountDue!: Money;

  @Matches(ISO_DATE)
  dueDate!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => PaymentLinkRef)
  paymentLink!: PaymentLinkRef;

  @IsArray()
  @IsString({ each: true })
  disclosures!: string[];

  @IsOptional()
  @IsString()
  @Length(1, 40)
  variant?: string;

  @IsOptional()
  @IsString()
  @Length(1, 80)
  template?: string;

  /** Open and click tracking; a tenant can turn it off. */
  @IsBoolean()
  tracking!: boolean;
}

class EmailFact {
  @IsUUID()
  stepId!: string;

  @IsUUID()
  caseId!: string;
}

export class EmailSentV1 extends EmailFact {
  @IsString()
  providerMessageId!: string;
}

export class EmailFailedV1 extends EmailFact {
  /** Machine-readable: invalid_address, render_failed, provider_rejected, outcome_unknown… */
  @IsString()
  code!: string;

  @IsString()
  reason!: string;

  @IsBoolean()
  retryable!: boolean;
}

export class EmailBouncedV1 extends EmailFact {
  @IsIn(['hard', 'soft'])
  kind!: 'hard' | 'soft';

  @IsString()
  reason!: string;
}

/** The debtor marked the email as spam, clicked unsubscribe, opened it or clicked its link. */
export class EmailEngagementV1 extends EmailFact {
  @IsIn(['complained', 'unsubscribed', 'opened', 'clicked'])
  kind!: 'complained' | 'unsubscribed' | 'opened' | 'clicked';
}
