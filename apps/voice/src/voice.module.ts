import { Module } from '@nestjs/common';
import { ServiceDefinition } from '@settle/service-kit';
import { VoiceCallsConfig } from './calls/calls.config';
import { CallsModule } from './calls/calls.module';
import { conversationSessions } from './calls/sessions';
import { VoiceCalls1732500000800 } from './migrations/1732500000800-voice-calls';

/** Phone-call settings (Telnyx, numbers, voices, prices) come from VoiceCallsConfig. */
export class VoiceConfig extends VoiceCallsConfig {
  override PORT: number = 3004;
}

/** Starts, serves /health and /metrics, owns its schema; its channel work arrives with later issues. */
export const VOICE_SERVICE: ServiceDefinition<VoiceConfig> = {
  name: 'voice',
  config: VoiceConfig,
  migrations: [VoiceCalls1732500000800],
};

@Module({ imports: [CallsModule.register({ sessions: conversationSessions })] })
export class VoiceModule {}
