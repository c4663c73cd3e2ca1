import { IsBoolean, IsInt, IsNumber, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@settle/config';

export class SchedulerConfig extends ServiceConfig {
  override PORT: number = 3001;

  /** Where payment links point; the pay page is served by ingest. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PAYMENT_LINK_BASE_URL: string = 'http://127.0.0.1:3000/p';

  /**
   * The brand named in messages (and `{business}` in disclosures) for a tenant whose profile has
   * not reached the scheduler (tenant.events.v1); otherwise the tenant's displayName.
   */
  @IsString()
  BRAND_NAME: string = 'Settle';

  /** Due contact steps claimed per dispatch pass. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  DISPATCH_BATCH_SIZE: number = 100;

  /** Dispatch loops per replica, each claiming its own batch of due steps. */
  @IsInt()
  @Min(1)
  @Max(32)
  DISPATCH_CONCURRENCY: number = 4;

  /** Channels with a service behind them; workflow steps on others are skipped, with the reason recorded. */
  @Matches(/^(sms|email|voice)(,(sms|email|voice))*$/, { message: 'must be a comma-separated list of sms, email, voice' })
  ENABLED_CHANNELS: string = 'sms';

  /** Open and click tracking in reminder emails; a tenant that does not want it turns it off. */
  @IsBoolean()
  EMAIL_TRACKING: boolean = true;

  /** Share of the balance a contact is expected to recover, for "skip when recovery is below cost". */
  @IsNumber()
  @Min(0)
  @Max(1)
  EXPECTED_RECOVERY_RATE: number = 0.3;

  /** What one contact costs per channel, in minor units of the case currency: `sms:8,email:1,voice:60`. */
  @Matches(/^(sms|email|voice):\d+(,(sms|email|voice):\d+)*$/, { message: 'must look like sms:8,email:1,voice:60' })
  CHANNEL_COSTS_MINOR: string = 'sms:8,email:1,voice:60';
}
