import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ContactProfile, ISO_INSTANT, InstalmentRef, Money } from './events/common';
import { FieldError, validateAs } from './validation';

/**
 * What a lender sends, by signed webhook or on `platform.events.v1` — one schema, one
 * normalisation path. Unknown fields are ignored and not stored (tolerant reader), so a lender can
 * add fields without breaking; missing or malformed known fields are rejected with field errors.
 */
export const LENDER_EVENT_TYPES = ['instalment.missed', 'payment.received'] as const;
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

export class LenderPaymentReceived extends LenderEventBase {
  declare type: 'payment.received';

  @IsObject()
  @ValidateNested()
  @Type(() => LenderAccountRef)
  account!: LenderAccountRef;

  @IsObject()
  @ValidateNested()
  @Type(() => LenderPayment)
  payment!: LenderPayment;
}

export type LenderEvent = LenderInstalmentMissed | LenderPaymentReceived;

export const LENDER_EVENT_CLASSES: Record<LenderEventType, new () => LenderEvent> = {
  'instalment.missed': LenderInstalmentMissed,
  'payment.received': LenderPaymentReceived,
};

/** One validation path for lender events, whether they came by webhook or by Kafka. */
export function validateLenderEvent(json: unknown): { ok: true; value: LenderEvent } | { ok: false; errors: FieldError[] } {
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(LENDER_EVENT_TYPES as readonly string[]).includes(type)) {
    return { ok: false, errors: [{ field: 'type', problem: `must be one of: ${LENDER_EVENT_TYPES.join(', ')}` }] };
  }
  return validateAs(LENDER_EVENT_CLASSES[type as LenderEventType], json);
}
