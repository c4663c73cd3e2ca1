import { Type } from 'class-transformer';
import { IsBoolean, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ContactProfile, InstalmentRef, ISO_INSTANT, Money } from './common';

/** A lender reported that an instalment was not paid. Normalised by ingest. */
export class InstalmentMissedV1 {
  @IsString()
  @Length(1, 100)
  externalAccountRef!: string;

  /** The lender's own id for the fact, kept for reconciliation. */
  @IsString()
  @Length(1, 100)
  lenderEventId!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ContactProfile)
  contact!: ContactProfile;

  @IsObject()
  @ValidateNested()
  @Type(() => InstalmentRef)
  instalment!: InstalmentRef;
}

/** A lender reported money received on the account, in full or in part. */
export class PaymentReceivedV1 {
  @IsString()
  @Length(1, 100)
  externalAccountRef!: string;

  @IsString()
  @Length(1, 100)
  lenderEventId!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amount!: Money;

  @IsISO8601({ strict: true })
  @Matches(ISO_INSTANT, { message: '$property must be an instant with a time and an offset, e.g. 2026-03-02T10:00:00Z' })
  paidAt!: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  orderRef?: string;

  /** True when, by the lender's books, nothing remains overdue after this payment. */
  @IsBoolean()
  settlesBalance!: boolean;
}
