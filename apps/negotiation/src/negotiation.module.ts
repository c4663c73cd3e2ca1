import { Module } from '@nestjs/common';
import { ServiceConfig } from '@settle/config';
import { ServiceDefinition } from '@settle/service-kit';

export class NegotiationConfig extends ServiceConfig {
  override PORT: number = 3005;
}

/** Starts, serves /health and /metrics, owns its schema; its channel work arrives with later issues. */
export const NEGOTIATION_SERVICE: ServiceDefinition<NegotiationConfig> = {
  name: 'negotiation',
  config: NegotiationConfig,
  migrations: [],
};

@Module({})
export class NegotiationModule {}
