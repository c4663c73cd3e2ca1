import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** Settings every Settle service reads. A service extends this with its own. */
export class ServiceConfig {
  /** PostgreSQL connection string; each service works in its own schema of this database. */
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/postgres';

  /** Comma-separated host:port list of the Kafka bootstrap servers. */
  @Matches(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, { message: 'must be host:port[,host:port…]' })
  KAFKA_BROKERS!: string;

  /** Prefix for every topic and consumer group name; lets tests and tenants of one cluster coexist. */
  @Matches(/^[a-z0-9._-]*$/, { message: 'may hold only a-z, 0-9, dot, underscore and dash' })
  KAFKA_TOPIC_PREFIX: string = '';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
  LOG_LEVEL: string = 'info';

  /** `system`, or `scaled:<start ISO instant>:<speed factor>:<real epoch ms>` for demos. */
  @IsString()
  @Matches(/^(system|scaled:.+)$/, { message: 'must be "system" or "scaled:<ISO>:<factor>:<epochMs>"' })
  SETTLE_CLOCK: string = 'system';

  /** How often background loops (outbox relay fallback poll, timers) wake, in milliseconds. */
  @IsInt()
  @Min(10)
  POLL_INTERVAL_MS: number = 500;

  @IsOptional()
  @IsString()
  SERVICE_INSTANCE_ID?: string;

  /** Bearer token for operator endpoints (tenant set-up, workflows). Unset: those endpoints are off. */
  @IsOptional()
  @IsString()
  @MinLength(24)
  ADMIN_TOKEN?: string;
}
