import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { ServiceConfig } from '@settle/config';

export class SchedulerConfig extends ServiceConfig {
  override PORT: number = 3001;

  /** Where payment links point; the pay page is served by ingest. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PAYMENT_LINK_BASE_URL: string = 'http://127.0.0.1:3000/p';

  /** Brand named in messages until tenant branding arrives. */
  @IsString()
  BRAND_NAME: string = 'Settle';

  /** Due contact steps claimed per dispatch pass. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  DISPATCH_BATCH_SIZE: number = 200;
}
