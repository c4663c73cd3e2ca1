import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ACCOUNT_EVENTS_V1, EVENTS, EventEnvelope, SMS_EVENTS_V1, isEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { CaseWorkflowService } from './case-workflow.service';

@Controller()
export class CaseEventsConsumer {
  constructor(private readonly workflow: CaseWorkflowService) {}

  @EventPattern(ACCOUNT_EVENTS_V1)
  async onAccountEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.instalmentMissed)) await this.workflow.instalmentMissed(event, ctx);
    else if (isEvent(event, EVENTS.paymentReceived)) await this.workflow.paymentReceived(event, ctx);
  }

  @EventPattern(SMS_EVENTS_V1)
  async onSmsEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.smsSent)) await this.workflow.smsOutcome(event, ctx, 'sent');
    else if (isEvent(event, EVENTS.smsFailed)) await this.workflow.smsOutcome(event, ctx, 'failed');
  }
}
