import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ConsentChanges, ContactProfile, HOLD_KINDS, HoldKind, ISO_DATE, ISO_INSTANT, InstalmentRef, Money } from './events/common';
import { FieldError, validateAs } from './validation';

/**
 * What a lender sends, by signed webhook or on `platform.events.v1` — one schema, one
 * normalisation path. Unknown fields are ignored and not stored (tolerant reader), so a lender can
 * add fields without breaking; missing or malformed known fields are rejected with field errors.
 */
export const LENDER_EVENT_TYPES = [
  'instalment.missed',
  'payment.received',
  'charge.disputed',
  'dispute.resolved',
  'account.updated',
  'hardship.flagged',
  'account.closed',
] as const;
export type LenderEventType = (typeof LENDER_EVENT_TYPES)[number];

class LenderEventBase {
  /** The lender's unique id for this fact; Settle de-duplicates on it per tenant. */
  @IsString()
  @Length(1, 100)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'eventId may hold only letters, digits and . _ : -' })
  eventId!: string;

  @IsIn(LENDER_EVENT_TYPES)
  type!: LenderEventType;

  @IsISO8601({ strict: true })
  @Matches(ISO_INSTANT, { message: '$property must be an instant with a time and an offset, e.g. 2026-03-02T10:00:00Z' })
  occurredAt!: string;
}

export class LenderAccountRef {
  @IsString()
  @Length(1, 100)
  externalRef!: string;
}

/** A lender event about one account, named by the lender's reference. */
class LenderAccountEvent extends LenderEventBase {
  @IsObject()
  @ValidateNested()
  @Type(() => LenderAccountRef)
  account!: LenderAccountRef;
}

export class LenderAccountWithContact extends LenderAccountRef {
  @IsObject()
  @ValidateNested()
  @Type(() => ContactProfile)
  contact!: ContactProfile;
}

export class LenderInstalmentMissed extends LenderEventBase {
  declare type: 'instalment.missed';

  @IsObject()
  @ValidateNested()
  @Type(() => LenderAccountWithContact)
  account!: LenderAccountWithContact;

  @IsObject()
  @ValidateNested()
  @Type(() => InstalmentRef)
  instalment!: InstalmentRef;
}

export class LenderPayment {
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

  @IsBoolean()
  settlesBalance!: boolean;
}

export class LenderPaymentReceived extends LenderAccountEvent {
  declare type: 'payment.received';


  @IsObject()
  @ValidateNested()
  @Type(() => LenderPayment)
  payment!: LenderPayment;
}

export class LenderDispute {
  @IsString()
  @Length(1, 100)
  disputeId!: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  orderRef?: string;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class LenderChargeDisputed extends LenderAccountEvent {
  declare type: 'charge.disputed';


  @IsObject()
  @ValidateNested()
  @Type(() => LenderDispute)
  dispute!: LenderDispute;
}

export class LenderDisputeOutcome {
  @IsString()
  @Length(1, 100)
  disputeId!: string;

  /** upheld: the debtor was right, nothing is owed on it; rejected: the debt stands. */
  @IsIn(['upheld', 'rejected'])
  outcome!: 'upheld' | 'rejected';
}

export class LenderDisputeResolved extends LenderAccountEvent {
  declare type: 'dispute.resolved';


  @IsObject()
  @ValidateNested()
  @Type(() => LenderDisputeOutcome)
  dispute!: LenderDisputeOutcome;
}

export class LenderAccountChanges {
  /** The full, current contact profile when any part of it changed. */
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

export class LenderAccountUpdated extends LenderAccountEvent {
  declare type: 'account.updated';


  @IsObject()
  @ValidateNested()
  @Type(() => LenderAccountChanges)
  changes!: LenderAccountChanges;
}

export class LenderHardship {
  @IsIn(HOLD_KINDS)
  kind!: HoldKind;

  /** The end of a time-limited hold (e.g. UK Breathing Space); open-ended when absent. */
  @IsOptional()
  @Matches(ISO_DATE)
  until?: string;
}

export class LenderHardshipFlagged extends LenderAccountEvent {
  declare type: 'hardship.flagged';


  @IsObject()
  @ValidateNested()
  @Type(() => LenderHardship)
  hardship!: LenderHardship;
}

export class LenderClosure {
  @IsIn(['closed', 'written_off'])
  kind!: 'closed' | 'written_off';
}

export class LenderAccountClosed extends LenderAccountEvent {
  declare type: 'account.closed';


  @IsObject()
  @ValidateNested()
  @Type(() => LenderClosure)
  closure!: LenderClosure;
}

export type LenderEvent =
  | LenderInstalmentMissed
  | LenderPaymentReceived
  | LenderChargeDisputed
  | LenderDisputeResolved
  | LenderAccountUpdated
  | LenderHardshipFlagged
  | LenderAccountClosed;

export const LENDER_EVENT_CLASSES: Record<LenderEventType, new () => LenderEvent> = {
  'instalment.missed': LenderInstalmentMissed,
  'payment.received': LenderPaymentReceived,
  'charge.disputed': LenderChargeDisputed,
  'dispute.resolved': LenderDisputeResolved,
  'account.updated': LenderAccountUpdated,
  'hardship.flagged': LenderHardshipFlagged,
  'account.closed': LenderAccountClosed,
};

/** One validation path for lender events, whether they came by webhook or by Kafka. */
export function validateLenderEvent(json: unknown): { ok: true; value: LenderEvent } | { ok: false; errors: FieldError[] } {
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(LENDER_EVENT_TYPES as readonly string[]).includes(type)) {
    return { ok: false, errors: [{ field: 'type', problem: `must be one of: ${LENDER_EVENT_TYPES.join(', ')}` }] };
  }
  return validateAs(LENDER_EVENT_CLASSES[type as LenderEventType], json);
}
