import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ACCOUNT_EVENTS_V1, EVENTS, EventEnvelope, PAYMENT_LINK_EVENTS_V1, VOICE_COMMANDS_V1, isEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { CallLifecycle } from './call-lifecycle.service';

@Controller()
export class VoiceCommandsConsumer {
  constructor(private readonly calls: CallLifecycle) {}

  @EventPattern(VOICE_COMMANDS_V1)
  async onCommand(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.voiceRequested)) await this.calls.place(event, ctx);
  }

  /** The debtor opened the link texted during the call: the live session hears of it. */
  @EventPattern(PAYMENT_LINK_EVENTS_V1)
  async onPaymentLink(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    await this.calls.onAccountEvent(event, ctx);
  }

  /** Money arrived while the debtor is on the line. */
  @EventPattern(ACCOUNT_EVENTS_V1)
  async onAccount(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    await this.calls.onAccountEvent(event, ctx);
  }
}
