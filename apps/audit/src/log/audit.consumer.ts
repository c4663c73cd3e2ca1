import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  ACCOUNT_EVENTS_V1, CASE_EVENTS_V1, DESK_HANDOFFS_V1, EMAIL_COMMANDS_V1, EMAIL_EVENTS_V1, EventEnvelope, PAYMENT_LINK_EVENTS_V1, PLAN_EVENTS_V1, SMS_COMMANDS_V1, SMS_EVENTS_V1,
  VOICE_COMMANDS_V1, VOICE_EVENTS_V1,
} from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { AuditLogService } from './audit-log.service';

/** Every event of every topic into the tenant's tamper-evident log, personal data masked (audit-redaction.ts). One consumer per topic. */
@Controller()
export class AuditConsumer {
  constructor(private readonly log: AuditLogService) {}

  @EventPattern([
    ACCOUNT_EVENTS_V1, CASE_EVENTS_V1, SMS_COMMANDS_V1, SMS_EVENTS_V1, EMAIL_COMMANDS_V1, EMAIL_EVENTS_V1, PAYMENT_LINK_EVENTS_V1,
    VOICE_COMMANDS_V1, VOICE_EVENTS_V1, DESK_HANDOFFS_V1, PLAN_EVENTS_V1,
  ])
  onEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    return this.log.append(ctx.tx, ctx.topic, event);
  }
}
