import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@settle/config';

export class IngestConfig extends ServiceConfig {
  override PORT: number = 3000;

  /** How far a webhook's signed timestamp may be from now, either way, in seconds. */
  @IsInt()
  @Min(30)
  @Max(3600)
  WEBHOOK_TOLERANCE_SECONDS: number = 300;

  /** Bearer token for the tenant admin API until per-tenant API keys arrive. Unset: admin API off. */
  @IsOptional()
  @IsString()
  @MinLength(24)
  INGEST_ADMIN_TOKEN?: string;
}
