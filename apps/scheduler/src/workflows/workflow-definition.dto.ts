import { CONTACT_CHANNELS, ContactChannel, TONES, Tone } from '@settle/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, Min,
  ValidateNested,
} from 'class-validator';

/** A tenant's workflow as written through the API; validated before it is stored. */
export class StepConditionsDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  minBalanceMinor?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  minDaysPastDue?: number;

  @IsOptional()
  @IsBoolean()
  skipWhenRecoveryBelowCost?: boolean;
}

export class StepVariantDto {
  @Matches(/^[a-z0-9_-]{1,40}$/, { message: 'id must be 1–40 of a-z, 0-9, _ and -' })
  id!: string;

  @IsNumber()
  @Min(0.01)
  @Max(1000)
  weight!: number;

  @IsOptional()
  @IsString()
  @Length(1, 80)
  template?: string;

  @IsOptional()
  @IsIn(TONES)
  tone?: Tone;
}

export class WorkflowStepDto {
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;

  @IsIn(TONES)
  tone!: Tone;

  /** Hours to wait after the previous step (or the opening of the case). */
  @IsInt()
  @Min(0)
  @Max(24 * 90)
  waitHours!: number;

  @IsOptional()
  @IsString()
  @Length(1, 80)
  template?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StepConditionsDto)
  conditions?: StepConditionsDto;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => StepVariantDto)
  variants?: StepVariantDto[];
}

export class WorkflowDefinitionDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WorkflowStepDto)
  steps!: WorkflowStepDto[];
}

/** Rules that span steps, which field decorators cannot express. */
export function crossFieldProblems(definition: WorkflowDefinitionDto): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  definition.steps.forEach((step, i) => {
    const ids = (step.variants ?? []).map((v) => v.id);
    if (new Set(ids).size !== ids.length) problems.push({ field: `steps.${i}.variants`, problem: 'variant ids must be unique within a step' });
    if (step.channel === 'human' && i !== definition.steps.length - 1) {
      problems.push({ field: `steps.${i}.channel`, problem: 'a human step hands the case over, so it must be the last step' });
    }
  });
  return problems;
}
