import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/**
 * The shapes of the public API, for the OpenAPI document (and through it the client SDK). The
 * controllers validate input themselves so that every problem names its field.
 */
export const CASE_STATUSES = ['opened', 'reminding', 'disputed', 'paused', 'escalated', 'promised', 'plan_agreed', 'resolved', 'closed', 'written_off'] as const;
export const MANUAL_ACTIONS = ['pause', 'resume', 'close', 'escalate'] as const;
export const CHANNELS = ['sms', 'email', 'voice'] as const;

export class MoneyDto {
  @ApiProperty({ description: 'Integer minor units (cents).', example: 4250 })
  amountMinor!: number;

  @ApiProperty({ description: 'ISO 4217 code.', example: 'EUR' })
  currency!: string;
}

export class FieldErrorDto {
  @ApiProperty({ example: 'limit' })
  field!: string;

  @ApiProperty({ example: 'must be an integer from 1 to 200' })
  problem!: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'https://settle.dev/problems/validation' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Every invalid field, by name.' })
  errors?: FieldErrorDto[];
}

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: "Settle's account id (UUID v5 of tenant and the lender's account reference)." })
  accountId!: string;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: string;

  @ApiProperty({ type: MoneyDto })
  amountDue!: MoneyDto;

  @ApiProperty({ type: MoneyDto })
  recovered!: MoneyDto;

  @ApiProperty()
  contactsSent!: number;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When anything last happened to the case.' })
  updatedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  closedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, enum: ['resolved', 'closed', 'written_off'] })
  outcome!: string | null;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto] })
  items!: CaseSummaryDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Opaque; pass as `cursor` for the next page. Null on the last page.' })
  nextCursor!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The next page as a relative link with the same filters; null on the last page.', example: '/v1/cases?status=reminding&limit=50&cursor=WyIyMDI2…' })
  next!: string | null;
}

export class TimelineEntryDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: ['status_changed', 'step_scheduled', 'compliance_decision', 'contact_attempt'] })
  kind!: string;

  @ApiProperty({ description: 'One line a person can read.', example: 'reminding → paused: agent paused the case' })
  summary!: string;

  @ApiPropertyOptional({ description: 'status_changed: the previous status.', nullable: true, type: String })
  from?: string | null;

  @ApiPropertyOptional({ description: 'status_changed: the new status.' })
  to?: string;

  @ApiPropertyOptional()
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'status_changed: the event that caused it.' })
  causeEventId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The workflow step it concerns.' })
  stepId?: string;

  @ApiPropertyOptional({ enum: ['sms', 'email', 'voice', 'human', 'none'] })
  channel?: string;

  @ApiPropertyOptional({ description: 'compliance_decision: allow | defer | block; contact_attempt: requested | sent | failed…' })
  outcome?: string;

  @ApiPropertyOptional({ type: [String], description: 'compliance_decision: the rule ids that decided it.' })
  ruleIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  reasons?: string[];
}

export class InstalmentDto {
  @ApiProperty()
  orderRef!: string;

  @ApiProperty()
  merchantName!: string;

  @ApiProperty()
  instalmentNumber!: number;

  @ApiProperty({ type: MoneyDto })
  amountDue!: MoneyDto;

  @ApiProperty({ format: 'date' })
  dueDate!: string;
}

export class CaseDetailDto extends CaseSummaryDto {
  @ApiProperty()
  workflowId!: string;

  @ApiProperty({ type: [InstalmentDto] })
  instalments!: InstalmentDto[];

  @ApiProperty({ type: [TimelineEntryDto], description: 'Every recorded event of the case, oldest first.' })
  timeline!: TimelineEntryDto[];
}

export class CaseActionRequestDto {
  @ApiPropertyOptional({ description: 'Why; recorded on the case timeline.', maxLength: 500, example: 'debtor called the lender; agent handles it' })
  reason?: string;
}

export class ChannelPreferenceDto {
  @ApiProperty({ description: 'True: Settle does not contact the debtor on this channel.' })
  optedOut!: boolean;
}

export class ChannelPreferencesDto {
  @ApiProperty({ type: ChannelPreferenceDto })
  sms!: ChannelPreferenceDto;

  @ApiProperty({ type: ChannelPreferenceDto })
  email!: ChannelPreferenceDto;

  @ApiProperty({ type: ChannelPreferenceDto })
  voice!: ChannelPreferenceDto;
}

export class ContactPreferencesDto {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ type: ChannelPreferencesDto })
  channels!: ChannelPreferencesDto;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class ChannelPreferencesPatchDto {
  @ApiPropertyOptional({ type: ChannelPreferenceDto })
  sms?: ChannelPreferenceDto;

  @ApiPropertyOptional({ type: ChannelPreferenceDto })
  email?: ChannelPreferenceDto;

  @ApiPropertyOptional({ type: ChannelPreferenceDto })
  voice?: ChannelPreferenceDto;
}

export class ContactPreferencesUpdateDto {
  @ApiProperty({ type: ChannelPreferencesPatchDto, description: 'Only the channels given change.' })
  channels!: ChannelPreferencesPatchDto;
}

export class AccountContactDto {
  @ApiProperty({ example: '+4915112345678' })
  phone!: string;

  @ApiPropertyOptional()
  firstName?: string;

  @ApiPropertyOptional()
  email?: string;

  @ApiProperty({ example: 'de' })
  language!: string;

  @ApiProperty({ example: 'Europe/Berlin' })
  timeZone!: string;

  @ApiProperty({ example: 'DE' })
  country!: string;

  @ApiPropertyOptional({ example: 'US-MA' })
  region?: string;
}

export class HoldDto {
  @ApiProperty({ enum: ['hardship', 'vulnerability', 'bereavement', 'breathing_space'] })
  kind!: string;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  until!: string | null;

  @ApiProperty({ format: 'date-time' })
  since!: string;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: "The lender's own account reference." })
  externalRef!: string;

  @ApiProperty({ enum: ['current', 'in_arrears', 'closed', 'written_off'] })
  status!: string;

  @ApiProperty({ type: AccountContactDto, nullable: true })
  contact!: AccountContactDto | null;

  @ApiProperty({ type: MoneyDto, nullable: true, description: 'Overdue now, by the events Settle has received; null before any instalment was missed.' })
  amountOverdue!: MoneyDto | null;

  @ApiProperty({ type: [InstalmentDto] })
  overdueInstalments!: InstalmentDto[];

  @ApiProperty({ type: MoneyDto, nullable: true })
  totalPaid!: MoneyDto | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastPaymentAt!: string | null;

  @ApiProperty({ type: [String] })
  openDisputes!: string[];

  @ApiProperty({ type: [HoldDto] })
  holds!: HoldDto[];

  @ApiProperty({ type: ChannelPreferencesDto })
  contactPreferences!: ChannelPreferencesDto;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const PROBLEM_SCHEMA = { $ref: getSchemaPath(ProblemDto) };
