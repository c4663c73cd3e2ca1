import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EMAIL_COMMANDS_V1, EVENTS, EventEnvelope, isEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { EmailDeliveryService } from './email-delivery.service';

@Controller()
export class EmailCommandsConsumer {
  constructor(private readonly delivery: EmailDeliveryService) {}

  @EventPattern(EMAIL_COMMANDS_V1)
  async onCommand(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.emailRequested)) await this.delivery.deliver(event, ctx);
  }
}
