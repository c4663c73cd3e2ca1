import { IsInt, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@settle/config';
import { EMAIL_SENDER } from '@settle/contracts';

export class EmailConfig extends ServiceConfig {
  override PORT: number = 3003;

  /** The SMTP relay: smtp://[user:pass@]host:port (STARTTLS when offered) or smtps:// (TLS from the start). */
  @IsUrl({ protocols: ['smtp', 'smtps'], require_protocol: true, require_tld: false }, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL!: string;

  /**
   * The service's own sender, `Name <address>` or a bare address: the envelope sender (Return-Path,
   * where bounces go), the Message-ID domain and the unsubscribe mailto always; the From header only
   * when the command carries no tenant `from` (then named after the command's brand).
   */
  @Matches(EMAIL_SENDER, { message: 'must be an address, optionally as "Name <address>"' })
  EMAIL_FROM!: string;

  /** Where this service's unsubscribe and tracking endpoints are reachable from the debtor's mailbox. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  PUBLIC_BASE_URL: string = 'http://127.0.0.1:3003';

  /** HMAC key of unsubscribe and tracking tokens. No default: a guessable key would let anyone unsubscribe anyone. */
  @IsString()
  @MinLength(32)
  EMAIL_SIGNING_SECRET!: string;

  /**
   * Bounds connecting, the greeting and every wait for a reply (including the one after the body).
   * A send runs inside a Kafka handler: keep it well below the consumer's 30 s session timeout.
   */
  @IsInt()
  @Min(100)
  @Max(25_000)
  SMTP_TIMEOUT_MS: number = 10_000;
}
