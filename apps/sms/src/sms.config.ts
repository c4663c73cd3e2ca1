import { IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@settle/config';
import { PRICE_TABLE_PATTERN } from './domain/pricing';

export class SmsConfig extends ServiceConfig {
  override PORT: number = 3002;

  /** An SNS-compatible endpoint (the sandbox locally); unset means AWS's regional endpoint. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  SNS_ENDPOINT?: string;

  @IsString()
  AWS_REGION: string = 'eu-west-1';

  @IsString()
  @Length(1, 11)
  SMS_SENDER_ID: string = 'Settle';

  @IsInt()
  @Min(1)
  @Max(6)
  SMS_MAX_SEGMENTS: number = 2;

  @IsInt()
  @Min(100)
  SNS_TIMEOUT_MS: number = 5000;

  /** Attempts per publish inside the SDK (throttling and 5xx are retried with back-off). */
  @IsInt()
  @Min(1)
  @Max(10)
  SNS_MAX_ATTEMPTS: number = 3;

  @IsIn(['Transactional', 'Promotional'])
  SMS_TYPE: string = 'Transactional';

  /**
   * USD per segment by destination country, `CC:price` comma-separated; `*` prices any other
   * country. Costs are stored in integer micro-USD. The defaults are indicative: set the prices of
   * your AWS account.
   */
  @Matches(PRICE_TABLE_PATTERN, { message: 'must be COUNTRY:USD pairs such as DE:0.0870,GB:0.0395,*:0.05' })
  SMS_PRICE_TABLE: string =
    'AT:0.0947,BE:0.0872,CH:0.0553,DE:0.0870,DK:0.0481,ES:0.0681,FI:0.0760,FR:0.0733,GB:0.0395,IE:0.0754,IT:0.0779,NL:0.1009,NO:0.0632,PL:0.0340,PT:0.0289,SE:0.0541,US:0.0079';

  /** Shared secret of the SNS two-way SMS subscription (`?token=` or a `token` header). Unset: inbound is off. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  SMS_INBOUND_TOKEN?: string;
}
