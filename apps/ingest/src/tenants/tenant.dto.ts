import { BRAND_TONES, BrandTone, E164, LANGUAGE_TAG } from '@settle/contracts';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, IsUrl, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

// Defined with the tenant.profile_changed contract, which carries the tone to other services.
export { BRAND_TONES };
export type { BrandTone };

/** ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision (US-CA, GB-SCT). */
const JURISDICTION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
/** Alphanumeric sender id: at most 11 characters, at least one letter (carriers reject all-digit ones). */
// Amazon SNS: 3–11 letters, digits or hyphens, at least one letter, no spaces, starting and ending with a letter or digit.
const SMS_SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]{1,9}[A-Za-z0-9]$/;
/** `reminders@lender.example` or `Lender Pay <reminders@lender.example>`. */
const EMAIL_FROM = /^(?:[^<>"\r\n]{1,80} <[^\s@<>]+@[^\s@<>]+\.[A-Za-z]{2,}>|[^\s@<>]+@[^\s@<>]+\.[A-Za-z]{2,})$/;

const given = (field: string) => (o: Record<string, unknown>) => o[field] !== undefined;
const givenNotNull = (field: string) => (o: Record<string, unknown>) => o[field] !== undefined && o[field] !== null;

/**
 * A tenant's profile. On update every field is optional; the nullable ones (brand colour, logo,
 * sender identities, callback phone) are cleared with null. Unknown fields are ignored.
 */
export class TenantProfileUpdate {
  @ValidateIf(given('displayName'))
  @IsString()
  @Length(1, 120)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName?: string;

  @ValidateIf(givenNotNull('brandColour'))
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'brandColour must be a hex colour such as #2451b7' })
  brandColour?: string | null;

  @ValidateIf(givenNotNull('logoUrl'))
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'logoUrl must be an https:// URL' })
  logoUrl?: string | null;

  @ValidateIf(given('defaultLanguage'))
  @IsString()
  @Matches(LANGUAGE_TAG, { message: 'defaultLanguage must be a language tag such as en or de-AT' })
  defaultLanguage?: string;

  @ValidateIf(given('defaultTone'))
  @IsIn(BRAND_TONES, { message: `defaultTone must be one of ${BRAND_TONES.join(', ')}` })
  defaultTone?: BrandTone;

  @ValidateIf(given('jurisdictions'))
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(JURISDICTION, { each: true, message: 'each jurisdiction must be an ISO 3166 code such as DE or US-CA' })
  jurisdictions?: string[];

  @ValidateIf(givenNotNull('smsSenderId'))
  @IsString()
  @Matches(SMS_SENDER_ID, { message: 'smsSenderId must be 3–11 letters, digits or hyphens (no spaces) with at least one letter, as SNS accepts' })
  smsSenderId?: string | null;

  @ValidateIf(givenNotNull('smsOriginationNumber'))
  @IsString()
  @Matches(E164, { message: 'smsOriginationNumber must be an E.164 number such as +4915112345678' })
  smsOriginationNumber?: string | null;

  @ValidateIf(givenNotNull('emailFrom'))
  @IsString()
  @MaxLength(200)
  @Matches(EMAIL_FROM, { message: 'emailFrom must be an address, optionally with a name: Lender Pay <reminders@lender.example>' })
  emailFrom?: string | null;

  @ValidateIf(givenNotNull('callbackPhone'))
  @IsString()
  @Matches(E164, { message: 'callbackPhone must be an E.164 number such as +4915112345678' })
  callbackPhone?: string | null;
}
