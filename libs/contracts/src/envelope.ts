import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsUUID, Matches, Min } from 'class-validator';

export const SERVICE_NAMES = ['ingest', 'scheduler', 'sms', 'email', 'voice', 'negotiation', 'audit', 'analytics'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * The envelope every Settle event travels in. Payloads evolve by adding optional fields; a
 * breaking change is a new `version` on a new topic major.
 */
export class EventEnvelope<T extends object = object> {
  /** UUID v7: time-ordered, unique; consumers de-duplicate on it. */
  @IsUUID()
  id!: string;

  @Matches(/^[a-z]+(\.[a-z_]+)+$/)
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsUUID()
  tenantId!: string;

  /** Settle's id for the lender's account: UUID v5 of the tenant and the lender's reference. */
  @IsUUID()
  accountId!: string;

  @IsOptional()
  @IsUUID()
  caseId?: string;

  /** UTC instant at which the fact happened, ISO 8601 with `Z`. */
  @IsISO8601({ strict: true })
  @Matches(/Z$/, { message: 'occurredAt must be a UTC instant ending in Z' })
  occurredAt!: string;

  @IsIn([...SERVICE_NAMES, 'lender'])
  producer!: ServiceName | 'lender';

  /** The first event of the chain (e.g. the lender's webhook), shared by everything it caused. */
  @IsUUID()
  correlationId!: string;

  /** The event that directly caused this one; absent for the first of a chain. */
  @IsOptional()
  @IsUUID()
  causationId?: string;

  @IsObject()
  data!: T;
}

/** `tenantId:accountId` keeps one account's events in order on one partition; opaque ids only. */
export function recordKey(envelope: Pick<EventEnvelope, 'tenantId' | 'accountId'>): string {
  return `${envelope.tenantId}:${envelope.accountId}`;
}

export type EventIdentity = Pick<EventEnvelope, 'type' | 'version'>;

