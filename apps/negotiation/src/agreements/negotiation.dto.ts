import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AGREEMENT_SOURCES, AgreementSourceV1 } from '@settle/contracts';
import { RESTRUCTURING_KINDS, RestructuringKind } from '@settle/negotiation';

class SayCanPayDto {
  @IsInt()
  @Min(0)
  amountMinor!: number;

  @IsIn(['week', 'month'])
  per!: 'week' | 'month';
}

class PreferencesDto {
  @IsOptional() @IsInt() @Min(1) @Max(366) deferralDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(12) holidayMonths?: number;
  @IsOptional() @IsInt() @Min(0) @Max(366) settlementDueInDays?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000) settlementDiscountBps?: number;
}

class AccountRequest {
  @IsUUID()
  tenantId!: string;

  /** The lender's account reference (Settle's account id is derived from it). */
  @IsString()
  @Length(1, 100)
  externalAccountRef!: string;

  @IsOptional()
  @IsUUID()
  caseId?: string;

  /** Overrides the jurisdiction the lender's platform reports for the account ('DE', 'US-MA'…). */
  @IsOptional()
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'jurisdiction must be an ISO 3166 code such as DE or US-MA' })
  jurisdiction?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SayCanPayDto)
  sayCanPay?: SayCanPayDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PreferencesDto)
  preferences?: PreferencesDto;

  /** The caller's time budget (ms) for the live lender calls; default 1 500. */
  @IsOptional()
  @IsInt()
  @Min(50)
  @Max(30_000)
  budgetMs?: number;
}

/** Which restructurings may be offered for one account now. */
export class OptionsRequestDto extends AccountRequest {
  /** Who asks (for the record of a refusal); default api. */
  @IsOptional()
  @IsIn(AGREEMENT_SOURCES)
  source?: AgreementSourceV1;
}

/** Agree the offered restructuring of `kind`: recomputed here, written back to the lender, then tracked. */
export class AgreementRequestDto extends AccountRequest {
  @IsIn(AGREEMENT_SOURCES)
  source!: AgreementSourceV1;

  @IsIn(RESTRUCTURING_KINDS)
  kind!: RestructuringKind;
}
