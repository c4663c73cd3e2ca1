import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { CASE_OUTCOMES, CaseOutcome, CONTACT_CHANNELS, ContactChannel, ISO_INSTANT, Money } from './common';

export class CaseOpenedV1 {
  @IsUUID()
  caseId!: string;

  @IsIn(['instalment_missed'])
  cause!: 'instalment_missed';

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amountDue!: Money;

  @IsInt()
  @Min(0)
  daysPastDue!: number;

  @IsString()
  workflowId!: string;
}

export class CaseClosedV1 {
  @IsUUID()
  caseId!: string;

  @IsIn(CASE_OUTCOMES)
  outcome!: CaseOutcome;

  @IsString()
  reason!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amountRecovered!: Money;

  @IsInt()
  @Min(0)
  contactsSent!: number;
}

/** The compliance gate refused a contact; `ruleIds` name the rules that decided it. */
export class ContactBlockedV1 {
  @IsUUID()
  caseId!: string;

  @IsUUID()
  stepId!: string;

  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;

  @IsArray()
  @IsString({ each: true })
  ruleIds!: string[];

  @IsArray()
  @IsString({ each: true })
  reasons!: string[];
}

/** The compliance gate moved a contact to the next lawful moment instead of dropping it. */
export class ContactDeferredV1 extends ContactBlockedV1 {
  @IsISO8601({ strict: true })
  @Matches(ISO_INSTANT, { message: '$property must be an instant with a time and an offset, e.g. 2026-03-02T10:00:00Z' })
  until!: string;
}

export const CASE_STATUSES = ['opened', 'reminding', 'disputed', 'paused', 'escalated', 'promised', 'plan_agreed', 'resolved', 'closed', 'written_off'] as const;
export type CaseStatusName = (typeof CASE_STATUSES)[number];

/** Every transition of a recovery case, with the event that caused it and why. */
export class CaseStatusChangedV1 {
  @IsUUID()
  caseId!: string;

  @IsOptional()
  @IsIn(CASE_STATUSES)
  from?: CaseStatusName;

  @IsIn(CASE_STATUSES)
  to!: CaseStatusName;

  @IsString()
  reason!: string;

  @IsUUID()
  causeEventId!: string;
}

/** Automated contact stopped and a human takes over; the case file travels with it. */
export class CaseEscalatedV1 {
  @IsUUID()
  caseId!: string;

  @IsString()
  reason!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Money)
  amountDue!: Money;

  @IsInt()
  @Min(0)
  contactsSent!: number;

  @IsString()
  suggestedNextStep!: string;
}
