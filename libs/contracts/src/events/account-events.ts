import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ConsentChanges, ContactProfile, HOLD_KINDS, HoldKind, InstalmentRef, ISO_DATE, ISO_INSTANT, Money } from './common';

/** What every account fact carries: the lender's account reference and the lender's own event id (for reconciliation). */
class AccountFact {
  @IsString()
  @Length(1, 100)
  externalAccountRef!: string;

  @IsString()
  @Length(1, 100)
  lenderEventId!: string;
}

/** A lender reported that an instalment was not paid. Normalised by ingest. */
export class InstalmentMissedV1 extends AccountFact {
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
export class PaymentReceivedV1 extends AccountFact {
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

/** The debtor disputes a charge: all contact about the account pauses until it is resolved. */
export class DisputeOpenedV1 extends AccountFact {
  @IsString()
  @Length(1, 100)
  disputeId!: string;

  @IsOptional()
  @IsString()
  orderRef?: string;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class DisputeResolvedV1 extends AccountFact {
  @IsString()
  @Length(1, 100)
  disputeId!: string;

  @IsIn(['upheld', 'rejected'])
  outcome!: 'upheld' | 'rejected';
}

/** Contact details or consent changed; `contact` is the full current profile when present. */
export class AccountUpdatedV1 extends AccountFact {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactProfile)
  contact?: ContactProfile;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentChanges)
  consent?: ConsentChanges;
}

/** Hardship, vulnerability, bereavement or a UK Breathing Space: automated contact stops. */
export class HardshipFlaggedV1 extends AccountFact {
  @IsIn(HOLD_KINDS)
  kind!: HoldKind;

  @IsOptional()
  @Matches(ISO_DATE)
  until?: string;
}

export class AccountClosedV1 extends AccountFact {
  @IsIn(['closed', 'written_off'])
  kind!: 'closed' | 'written_off';
}
