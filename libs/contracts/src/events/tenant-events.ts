import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';
import { E164, EMAIL_SENDER, LANGUAGE_TAG } from './common';

/*
 * Tenant-wide facts, produced by ingest (which owns tenants). They carry what other services may
 * know of a tenant — never a secret (webhook secrets, API keys, signing secrets stay in ingest).
 */

/** The brand voice Settle writes and speaks in for a lender (distinct from a step's escalation tone). */
export const BRAND_TONES = ['warm', 'neutral', 'formal'] as const;
export type BrandTone = (typeof BRAND_TONES)[number];

/**
 * A tenant's whole white-label profile as it is now (not a delta): an absent optional field is not
 * set. `profileVersion` grows with every change, so a consumer keeps the highest it has seen and
 * ignores a redelivered or older one.
 */
export class TenantProfileChangedV1 {
  @IsInt()
  @Min(1)
  profileVersion!: number;

  /** The brand the debtor sees: named in every message, and `{business}` in disclosures. */
  @IsString()
  @Length(1, 120)
  displayName!: string;

  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/)
  brandColour?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(/^https:\/\//, { message: 'logoUrl must be an https:// URL' })
  logoUrl?: string;

  @Matches(LANGUAGE_TAG)
  defaultLanguage!: string;

  @IsIn(BRAND_TONES)
  defaultTone!: BrandTone;

  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { each: true })
  jurisdictions!: string[];

  /** Alphanumeric SMS sender id, where the destination country allows one. */
  @IsOptional()
  @IsString()
  @Length(1, 11)
  smsSenderId?: string;

  /** E.164 number SMS are sent from (and replies come back to), where the provider supports it. */
  @IsOptional()
  @Matches(E164, { message: 'smsOriginationNumber must be an E.164 number' })
  smsOriginationNumber?: string;

  /** `Name <address>` or a bare address: the From header of the tenant's email. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(EMAIL_SENDER, { message: 'emailFrom must be an address, optionally as "Name <address>"' })
  emailFrom?: string;

  /** E.164 number the debtor is told to call back on. */
  @IsOptional()
  @Matches(E164, { message: 'callbackPhone must be an E.164 number' })
  callbackPhone?: string;
}
