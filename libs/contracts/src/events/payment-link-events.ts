import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { CONTACT_CHANNELS, ContactChannel, Money } from './common';

/** A debtor opened a payment link (the pay page was shown). No personal data: the code is opaque. */
export class PaymentLinkOpenedV1 {
  @IsUUID()
  caseId!: string;

  @IsOptional()
  @IsUUID()
  stepId?: string;

  @Matches(/^[A-Za-z0-9]{10,32}$/)
  code!: string;

  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;
}

/** The debtor pressed pay: handed over to the lender's checkout for this amount. */
export class PaymentLinkCheckoutStartedV1 extends PaymentLinkOpenedV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amount!: Money;
}

/** A restructuring kind as the negotiation service names it (deferral, term_extension…). */
const RESTRUCTURING_KIND = /^[a-z][a-z_]{0,39}$/;

/** The debtor opened the plans page behind a link: which restructurings the lender allowed just then. */
export class PaymentLinkPlansViewedV1 extends PaymentLinkOpenedV1 {
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(RESTRUCTURING_KIND, { each: true })
  offered!: string[];

  /** None could be offered, and a person was asked to review the request (GDPR Art. 22). */
  @IsBoolean()
  reviewRequested!: boolean;
}

/** The debtor chose a plan on the plans page and the negotiation service agreed it (plan.agreed follows from there). */
export class PaymentLinkPlanChosenV1 extends PaymentLinkOpenedV1 {
  @Matches(RESTRUCTURING_KIND)
  kind!: string;

  @IsUUID()
  planId!: string;
}
