import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { ISO_DATE, ISO_INSTANT, Money } from './common';

/*
 * Restructured instalment plans: agreed (by voice, a plan link or the API) and written back to the
 * lender's platform, then tracked instalment by instalment by the negotiation service.
 */

export const AGREEMENT_SOURCES = ['voice', 'plan_link', 'api'] as const;
export type AgreementSourceV1 = (typeof AGREEMENT_SOURCES)[number];

export const PLAN_KINDS = ['deferral', 'term_extension', 'reduced_instalments', 'payment_holiday', 'settlement'] as const;
export type PlanKindV1 = (typeof PLAN_KINDS)[number];

/** What every plan event carries: the plan, the lender's account, and the case when known. */
class PlanFact {
  @IsUUID()
  planId!: string;

  @IsString()
  @Length(1, 100)
  externalAccountRef!: string;

  @IsOptional()
  @IsUUID()
  caseId?: string;
}

export class PlanInstalmentV1 {
  @IsInt()
  @Min(1)
  number!: number;

  @Matches(ISO_DATE, { message: 'dueDate must be a calendar date YYYY-MM-DD' })
  dueDate!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amount!: Money;
}

export class PlanAgreedV1 extends PlanFact {
  @IsIn(AGREEMENT_SOURCES)
  source!: AgreementSourceV1;

  @IsIn(PLAN_KINDS)
  kind!: PlanKindV1;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => PlanInstalmentV1)
  instalments!: PlanInstalmentV1[];

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  total!: Money;

  /** The part of the total that is fees. */
  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  fee!: Money;

  /** The plan's reference on the lender's platform (from the write-back). */
  @IsString()
  @Length(1, 100)
  lenderPlanRef!: string;

  @Matches(ISO_INSTANT)
  agreedAt!: string;
}

export class PlanInstalmentPaidV1 extends PlanFact {
  @IsInt()
  @Min(1)
  instalmentNumber!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amount!: Money;

  /** What is left on the plan after this payment. */
  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  remaining!: Money;
}

export const MISSED_ACTIONS = ['remind', 'move_to_end'] as const;

export class PlanInstalmentMissedV1 extends PlanFact {
  @IsInt()
  @Min(1)
  instalmentNumber!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amountDue!: Money;

  @Matches(ISO_DATE)
  dueDate!: string;

  /** Misses on this plan so far, this one included. */
  @IsInt()
  @Min(1)
  missesSoFar!: number;

  /** What the tenant's rule does about it: a reminder, or the instalment moves to the end of the plan. */
  @IsIn(MISSED_ACTIONS)
  action!: (typeof MISSED_ACTIONS)[number];
}

export class PlanCompletedV1 extends PlanFact {
  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  totalPaid!: Money;
}

export class PlanBrokenV1 extends PlanFact {
  @IsInt()
  @Min(1)
  missesSoFar!: number;

  @IsString()
  @Length(1, 500)
  reason!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  outstanding!: Money;
}

/** An automated refusal of a (re)negotiation: the debtor is offered review by a person (GDPR Art. 22). */
export class PlanReviewRequestedV1 {
  @IsString()
  @Length(1, 100)
  externalAccountRef!: string;

  @IsOptional()
  @IsUUID()
  caseId?: string;

  @IsOptional()
  @IsUUID()
  planId?: string;

  @IsIn(AGREEMENT_SOURCES)
  source!: AgreementSourceV1;

  @IsString()
  @Length(1, 2000)
  reason!: string;

  /** The rule that makes the review available, e.g. eu.gdpr.art22.human_review. */
  @IsString()
  @Length(1, 100)
  ruleId!: string;
}
