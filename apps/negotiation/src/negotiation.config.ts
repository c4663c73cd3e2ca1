import { IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@settle/config';

export class NegotiationConfig extends ServiceConfig {
  override PORT: number = 3005;

  /** The lender platform's API (the sandbox lender locally: `npm run`'s LenderSandbox on 4010). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  LENDER_PLATFORM_URL: string = 'http://127.0.0.1:4010';

  /** Bearer token for the lender platform's API. */
  @IsString()
  @MinLength(8)
  LENDER_PLATFORM_TOKEN: string = 'sandbox-lender-token';

  /** Per attempt. */
  @IsInt()
  @Min(50)
  @Max(60_000)
  LENDER_PLATFORM_TIMEOUT_MS: number = 2_000;

  @IsInt()
  @Min(1)
  @Max(10)
  LENDER_PLATFORM_MAX_ATTEMPTS: number = 3;

  /** Consecutive failures (5xx, 429, timeouts, network) that open the circuit. */
  @IsInt()
  @Min(1)
  LENDER_PLATFORM_BREAKER_THRESHOLD: number = 5;

  /** How long the open circuit refuses calls before one trial. */
  @IsInt()
  @Min(100)
  LENDER_PLATFORM_BREAKER_RESET_MS: number = 10_000;
}
