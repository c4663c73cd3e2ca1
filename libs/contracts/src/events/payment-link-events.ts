import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
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
