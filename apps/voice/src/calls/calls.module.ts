import { DynamicModule, Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@settle/service-kit';
import { TELEPHONY_PROVIDER } from '../telephony/telephony-provider';
import { TelnyxProvider } from '../telephony/telnyx.provider';
import { CallEvents } from './call-events';
import { CallLifecycle } from './call-lifecycle.service';
import { CallOwners } from './call-owners';
import { VoiceCallsConfig } from './calls.config';
import { DeskController } from './desk.controller';
import { InternalCallsController } from './internal-calls.controller';
import { LiveCalls, SESSION_FACTORY, SessionFactory } from './live-calls';
import { TelnyxWebhookController } from './telnyx-webhook.controller';
import { VoiceCommandsConsumer } from './voice-commands.consumer';
import { VoiceProfileController } from '../profiles/voice-profile.controller';
import { VoiceProfileRepository } from '../profiles/voice-profile.repository';

/**
 * Phone calls: voice commands, the Telnyx adapter and its webhooks, the live calls of this
 * replica (and passing what arrives for another replica's calls to it), the desk API. The conversation itself comes in through SESSION_FACTORY, which the
 * voice module provides (the conversation module's openSession).
 */
@Module({
  controllers: [VoiceCommandsConsumer, TelnyxWebhookController, InternalCallsController, DeskController, VoiceProfileController],
  providers: [
    LiveCalls,
    CallOwners,
    CallEvents,
    VoiceProfileRepository,
    CallLifecycle,
    {
      provide: TELEPHONY_PROVIDER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: VoiceCallsConfig) =>
        config.TELNYX_API_KEY && config.TELNYX_CONNECTION_ID
          ? new TelnyxProvider({ apiUrl: config.TELNYX_API_URL, apiKey: config.TELNYX_API_KEY, connectionId: config.TELNYX_CONNECTION_ID, timeoutMs: config.TELNYX_TIMEOUT_MS })
          : null,
    },
  ],
  exports: [LiveCalls, CallLifecycle],
})
export class CallsModule {
  /** `sessions` builds, from the service config, what opens the conversation of each answered call. */
  static register<C>(options: { sessions: (config: C) => SessionFactory }): DynamicModule {
    return { module: CallsModule, providers: [{ provide: SESSION_FACTORY, inject: [SERVICE_CONFIG], useFactory: options.sessions }] };
  }
}
