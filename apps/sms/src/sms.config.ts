import { IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Max, Min } from 'class-validator';
import { ServiceConfig } from '@settle/config';

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
}
