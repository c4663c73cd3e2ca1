import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO31661Alpha2, IsISO8601, IsISO4217CurrencyCode, IsObject, IsOptional, IsString, IsTimeZone, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

/** Money is integer minor units with an ISO 4217 currency: never a float. */
export class Money {
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  amountMinor!: number;

  @IsISO4217CurrencyCode()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code such as EUR' })
  currency!: string;
}

export const E164 = /^\+[1-9]\d{6,14}$/;
/** Any UUID in its canonical text form (ids from lenders, URLs and headers are checked with it). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z]{2})?$/;
/** An email sender: `Name <address>` or a bare address, one line (no header injection). */
export const EMAIL_SENDER = /^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An instant: date, time and an explicit offset (Z or ±hh:mm), so it names one moment. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;


export const TONES = ['friendly', 'reminder', 'urgent'] as const;
export type Tone = (typeof TONES)[number];

export const CONTACT_CHANNELS = ['sms', 'email', 'voice', 'human'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const VERIFICATION_KINDS = ['date_of_birth', 'postcode_digits'] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];

/** The tenant-chosen factor an AI call checks before it says anything about the debt. Personal data. */
export class VerificationFactor {
  @IsIn(VERIFICATION_KINDS)
  kind!: VerificationKind;

  @IsString()
  @Length(1, 40)
  expected!: string;
}

/** How Settle may reach the debtor. Personal data: it stays in payloads, never keys or logs. */
export class ContactProfile {
  @Matches(E164, { message: 'phone must be an E.164 number such as +4915112345678' })
  phone!: string;

  @IsOptional()
  @IsString()
  @Length(1, 80)
  firstName?: string;

  @Matches(LANGUAGE_TAG, { message: 'language must be a language tag such as en or de-AT' })
  language!: string;

  @IsTimeZone()
  timeZone!: string;

  @IsISO31661Alpha2()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an upper-case ISO 3166-1 alpha-2 code such as DE' })
  country!: string;

  /** ISO 3166-2 subdivision where rules differ by state, e.g. US-MA. */
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { message: 'region must be an ISO 3166-2 code such as US-MA' })
  region?: string;

  @IsOptional()
  @IsString()
  @Length(3, 254)
  email?: string;

  /** Right-party check for AI calls (e.g. date of birth YYYY-MM-DD, or postcode digits). Without it a call discloses nothing. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => VerificationFactor)
  verification?: VerificationFactor;
}

/** Channels the debtor has opted out of, or back into. Effective at once. */
export class ConsentChanges {
  @IsOptional()
  @IsArray()
  @IsIn(CONTACT_CHANNELS, { each: true })
  optOut?: ContactChannel[];

  @IsOptional()
  @IsArray()
  @IsIn(CONTACT_CHANNELS, { each: true })
  optIn?: ContactChannel[];
}

export const HOLD_KINDS = ['hardship', 'vulnerability', 'bereavement', 'breathing_space'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

export class PaymentLinkRef {
  @Matches(/^[A-Za-z0-9]{10,32}$/)
  code!: string;

  @IsString()
  url!: string;
}

export class InstalmentRef {
  @IsString()
  @Length(1, 100)
  orderRef!: string;

  @IsString()
  @Length(1, 200)
  merchantName!: string;

  @IsInt()
  @Min(1)
  instalmentNumber!: number;

  @IsInt()
  @Min(1)
  instalmentsTotal!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amountDue!: Money;

  @Matches(ISO_DATE, { message: 'dueDate must be a calendar date YYYY-MM-DD' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'dueDate must be a real calendar date' })
  dueDate!: string;

  @IsInt()
  @Min(0)
  daysPastDue!: number;
}

export class CaseRef {
  @IsUUID()
  caseId!: string;
}

export const CASE_OUTCOMES = ['resolved', 'closed', 'written_off'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];


/**
 * What every reminder command carries, whatever the channel: the step (the idempotency key), the
 * case, the debtor's language, the tone, and the facts the message states — all from the case.
 */
export class ReminderRequest {
  @IsUUID()
  stepId!: string;

  @IsUUID()
  caseId!: string;

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

  /** Texts the compliance gate requires in this message, handed over as data. */
  @IsArray()
  @IsString({ each: true })
  disclosures!: string[];

  /** The A/B variant of the workflow step this message belongs to, for analytics. */
  @IsOptional()
  @IsString()
  @Length(1, 40)
  variant?: string;

  @IsOptional()
  @IsString()
  @Length(1, 80)
  template?: string;
}
