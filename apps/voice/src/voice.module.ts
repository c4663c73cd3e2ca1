import { Module } from '@nestjs/common';
import { ServiceConfig } from '@settle/config';
import { ServiceDefinition } from '@settle/service-kit';

export class VoiceConfig extends ServiceConfig {
  override PORT: number = 3004;
}

/** Starts, serves /health and /metrics, owns its schema; its channel work arrives with later issues. */
export const VOICE_SERVICE: ServiceDefinition<VoiceConfig> = {
  name: 'voice',
  config: VoiceConfig,
  migrations: [],
};

@Module({})
export class VoiceModule {}
