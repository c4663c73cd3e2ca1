import { IsInt, IsNumber, IsUrl, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@settle/config';

export class IngestConfig extends ServiceConfig {
  override PORT: number = 3000;

  /** How far a webhook's signed timestamp may be from now, either way, in seconds. */
  @IsInt()
  @Min(30)
  @Max(3600)
  WEBHOOK_TOLERANCE_SECONDS: number = 300;

  /** After a webhook secret rotation, how long the previous secret still verifies, in hours (0: not at all). */
  @IsInt()
  @Min(0)
  @Max(24 * 30)
  WEBHOOK_SECRET_ROTATION_HOURS: number = 24;

  /** Per-tenant rate limit of API-key requests (token bucket per replica): sustained requests per second… */
  @IsNumber()
  @Min(0.01)
  API_RATE_LIMIT_PER_SECOND: number = 50;

  /** …and how many may come at once. */
  @IsInt()
  @Min(1)
  API_RATE_LIMIT_BURST: number = 100;

  /** Per-tenant rate limit of signed lender webhooks (token bucket per replica): sustained per second… */
  @IsNumber()
  @Min(0.01)
  WEBHOOK_RATE_LIMIT_PER_SECOND: number = 1000;

  /** …and how many may come at once. */
  @IsInt()
  @Min(1)
  WEBHOOK_RATE_LIMIT_BURST: number = 2000;

  /** How long a payment link works after the message carrying it was requested, in hours. */
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  PAYMENT_LINK_TTL_HOURS: number = 14 * 24;

  /** The public base URL of payment links (the same value the scheduler is given): the pay pages live under it. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PAYMENT_LINK_BASE_URL: string = 'http://127.0.0.1:3000/p';

  /** The lender's checkout page the pay button hands over to (the sandbox lender locally). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  LENDER_CHECKOUT_URL: string = 'http://127.0.0.1:4010/checkout';

  /** Brand colour of the pay page until tenant branding arrives; dark enough for white text. */
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'must be a hex colour such as #2451b7' })
  PAY_PAGE_BRAND_COLOUR: string = '#2451b7';

  /** The scheduler's base URL: the public case API reads and acts on cases through its internal endpoints. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  SCHEDULER_URL: string = 'http://127.0.0.1:3001';

  /** How long a call to the scheduler may take before the public API answers 504, in milliseconds. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  SCHEDULER_TIMEOUT_MS: number = 5_000;

  /** The negotiation service's base URL: the plans page behind a payment link asks it for options and agreements. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  NEGOTIATION_URL: string = 'http://127.0.0.1:3005';

  /**
   * How long the plans page waits for the negotiation service before it offers to pay now instead, in ms.
   * The lender's platform is asked within a quarter of it per call (an agreement reads, then writes the plan back with twice that).
   */
  @IsInt()
  @Min(200)
  @Max(60_000)
  NEGOTIATION_TIMEOUT_MS: number = 8_000;

  /** Unknown payment link codes one client may try per minute before it is answered 429. */
  @IsInt()
  @Min(1)
  PAYMENT_LINK_MISSES_PER_MINUTE: number = 30;

  /** Outbound webhooks to tenants: how long one delivery attempt may take before it counts as failed, in ms. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  OUTBOUND_WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** Wait after the first failed attempt, in ms; it doubles per attempt (with jitter) up to the maximum below. */
  @IsInt()
  @Min(10)
  OUTBOUND_WEBHOOK_BACKOFF_BASE_MS: number = 30_000;

  /** The longest wait between two attempts, in ms. */
  @IsInt()
  @Min(10)
  OUTBOUND_WEBHOOK_BACKOFF_MAX_MS: number = 3_600_000;

  /** A delivery is retried for this long after it was queued (or replayed), then marked failed, in hours. */
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  OUTBOUND_WEBHOOK_MAX_AGE_HOURS: number = 72;

  /** Deliveries one pass of the sender claims and sends concurrently. */
  @IsInt()
  @Min(1)
  @Max(500)
  OUTBOUND_WEBHOOK_BATCH_SIZE: number = 25;
}
