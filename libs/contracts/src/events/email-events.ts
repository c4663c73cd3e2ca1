import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { EMAIL_SENDER, ReminderRequest } from './common';
import { ChannelBlocked, ChannelGateFacts } from './sms-events';

/** Scheduler → email: send one branded reminder for one workflow step. `stepId` is the idempotency key. */
export class EmailRequestedV1 extends ReminderRequest {
  /**
   * The debtor's address. One that is not an address is still delivered to the email service, which
   * blocks the step naming the problem (email.blocked, rule email.invalid_address).
   */
  @IsString()
  @Length(1, 320)
  to!: string;

  @IsOptional()
  @IsString()
  orderRef?: string;

  /** The tenant's sender for the From header, `Name <address>` or a bare address; absent: the email service's EMAIL_FROM. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(EMAIL_SENDER, { message: 'from must be an address, optionally as "Name <address>"' })
  from?: string;

  /** Open and click tracking; a tenant can turn it off. */
  @IsBoolean()
  tracking!: boolean;

  /** Present: the email service asks the compliance gate again right before it sends. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ChannelGateFacts)
  compliance?: ChannelGateFacts;
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

/** Not sent: the last-moment gate deferred or blocked it, or the address is suppressed (hard bounce, complaint). */
export class EmailBlockedV1 extends ChannelBlocked {}

/** The receiving mail server accepted the message for the mailbox (a provider delivery notification or a DSN "delivered"). */
export class EmailDeliveredV1 extends EmailFact {
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  detail?: string;
}
