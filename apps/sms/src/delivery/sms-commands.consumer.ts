import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EVENTS, EventEnvelope, SMS_COMMANDS_V1, isEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { SmsDeliveryService } from './sms-delivery.service';

@Controller()
export class SmsCommandsConsumer {
  constructor(private readonly delivery: SmsDeliveryService) {}

  @EventPattern(SMS_COMMANDS_V1)
  async onCommand(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.smsRequested)) await this.delivery.deliver(event, ctx);
  }
}
