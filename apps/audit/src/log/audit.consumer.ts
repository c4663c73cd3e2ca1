import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ACCOUNT_EVENTS_V1, CASE_EVENTS_V1, EventEnvelope, SMS_COMMANDS_V1, SMS_EVENTS_V1 } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { AuditLogService } from './audit-log.service';

/** Every event of every topic, as it was, into the tenant's tamper-evident log. */
@Controller()
export class AuditConsumer {
  constructor(private readonly log: AuditLogService) {}

  @EventPattern(ACCOUNT_EVENTS_V1)
  onAccountEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    return this.log.append(ctx.tx, ACCOUNT_EVENTS_V1, event);
  }

  @EventPattern(CASE_EVENTS_V1)
  onCaseEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    return this.log.append(ctx.tx, CASE_EVENTS_V1, event);
  }

  @EventPattern(SMS_COMMANDS_V1)
  onSmsCommand(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    return this.log.append(ctx.tx, SMS_COMMANDS_V1, event);
  }

  @EventPattern(SMS_EVENTS_V1)
  onSmsEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    return this.log.append(ctx.tx, SMS_EVENTS_V1, event);
  }
}
