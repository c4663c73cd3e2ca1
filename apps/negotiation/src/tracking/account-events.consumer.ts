import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ACCOUNT_EVENTS_V1, EVENTS, EventEnvelope, isEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { PlanTrackingService } from './plan-tracking.service';

/** Payments and missed instalments on accounts with an agreed plan move that plan's instalments. */
@Controller()
export class AccountEventsConsumer {
  constructor(private readonly tracking: PlanTrackingService) {}

  @EventPattern(ACCOUNT_EVENTS_V1)
  async onAccountEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.instalmentMissed)) await this.tracking.instalmentMissed(event, ctx);
    else if (isEvent(event, EVENTS.paymentReceived)) await this.tracking.paymentReceived(event, ctx);
  }
}
