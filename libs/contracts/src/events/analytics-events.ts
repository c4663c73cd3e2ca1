import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { CASE_OUTCOMES, CaseOutcome, Money } from './common';

/** One row per finished case, for lenders' data teams. */
export class CaseOutcomeV1 {
  @IsUUID()
  caseId!: string;

  @IsIn(CASE_OUTCOMES)
  outcome!: CaseOutcome;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amountRecovered!: Money;

  @IsInt()
  @Min(0)
  smsSent!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  secondsToOutcome?: number;
}
