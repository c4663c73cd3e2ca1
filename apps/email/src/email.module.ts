import { Module } from '@nestjs/common';
import { ServiceConfig } from '@settle/config';
import { ServiceDefinition } from '@settle/service-kit';

export class EmailConfig extends ServiceConfig {
  override PORT: number = 3003;
}

/** Starts, serves /health and /metrics, owns its schema; its channel work arrives with later issues. */
export const EMAIL_SERVICE: ServiceDefinition<EmailConfig> = {
  name: 'email',
  config: EmailConfig,
  migrations: [],
};

@Module({})
export class EmailModule {}
