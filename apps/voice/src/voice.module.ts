import { Module } from '@nestjs/common';
import { ServiceDefinition } from '@settle/service-kit';
import { VoiceCallsConfig } from './calls/calls.config';
import { CallsModule } from './calls/calls.module';
import { conversationSessions } from './calls/sessions';
import { VoiceCalls1732500000800 } from './migrations/1732500000800-voice-calls';
import { VoiceTenantProfile1732500000801 } from './migrations/1732500000801-voice-tenant-profile';
import { VoiceCallOwner1732500000802 } from './migrations/1732500000802-voice-call-owner';
import { BrowserModule } from './browser/browser.module';
import { IsIn, IsNumber, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';

/** Phone-call settings (Telnyx, numbers, voices, prices) come from VoiceCallsConfig. */
export class VoiceConfig extends VoiceCallsConfig {
  override PORT: number = 3004;

  /** An OpenAI-compatible endpoint for the LLM engine (unset: the offline engine), for phone calls and the talk page. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  VOICE_LLM_BASE_URL?: string;

  @IsOptional()
  @IsString()
  VOICE_LLM_API_KEY?: string;

  @IsOptional()
  @IsString()
  VOICE_LLM_MODEL?: string;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(2)
  VOICE_LLM_TEMPERATURE?: number;

  /** The talk-to-the-agent page at /talk (practice calls, no side effects). */
  @IsIn(['on', 'off'])
  VOICE_TALK_PAGE: 'on' | 'off' = 'on';
}

/** Starts, serves /health and /metrics, owns its schema; its channel work arrives with later issues. */
export const VOICE_SERVICE: ServiceDefinition<VoiceConfig> = {
  name: 'voice',
  config: VoiceConfig,
  migrations: [VoiceCalls1732500000800, VoiceTenantProfile1732500000801, VoiceCallOwner1732500000802],
};

@Module({ imports: [CallsModule.register({ sessions: conversationSessions }), BrowserModule] })
export class VoiceModule {}
