import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { RESTRUCTURING_KINDS, RestructuringKind, TenantPolicy } from '@settle/negotiation';
import { DEFAULT_PLAN_RULE, MISS_ACTIONS, MissAction, PlanRule } from '../domain/plan-tracker';

class DiscountRange {
  @IsInt()
  @Min(0)
  @Max(10_000)
  min!: number;

  @IsInt()
  @Min(0)
  @Max(10_000)
  max!: number;
}

class PlanRuleDto implements PlanRule {
  @IsInt()
  @Min(1)
  @Max(12)
  missesToBreak!: number;

  @IsIn(MISS_ACTIONS)
  onMiss!: MissAction;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  moveByDays?: number;
}

/** A tenant's negotiation policy: bounds on what the agent may offer, and what a missed plan instalment does. */
export class NegotiationPolicyDto implements TenantPolicy {
  @IsInt()
  @Min(0)
  minInstalmentMinor!: number;

  @IsInt()
  @Min(0)
  @Max(3650)
  maxExtensionDays!: number;

  @IsInt()
  @Min(0)
  @Max(100)
  maxReschedules!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => DiscountRange)
  settlementDiscountBps!: DiscountRange;

  @IsOptional()
  @IsArray()
  @IsIn(RESTRUCTURING_KINDS, { each: true })
  kinds?: RestructuringKind[];

  @IsOptional()
  @IsInt()
  @Min(0)
  restructuringFeeMinor?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  roundToMinor?: number;

  @IsObject()
  @ValidateNested()
  @Type(() => PlanRuleDto)
  planRule!: PlanRuleDto;
}

export interface StoredPolicy {
  policy: TenantPolicy;
  planRule: PlanRule;
  version: number | null;
}

/** Until a tenant sets its own: modest bounds, two reschedules, one miss → a reminder, two → broken. */
export const DEFAULT_POLICY: StoredPolicy = {
  policy: { minInstalmentMinor: 1_000, maxExtensionDays: 90, maxReschedules: 2, settlementDiscountBps: { min: 0, max: 1_000 } },
  planRule: DEFAULT_PLAN_RULE,
  version: null,
};

export function crossFieldProblems(dto: NegotiationPolicyDto): { field: string; problem: string }[] {
  return dto.settlementDiscountBps.min > dto.settlementDiscountBps.max ? [{ field: 'settlementDiscountBps.min', problem: 'must not exceed settlementDiscountBps.max' }] : [];
}
