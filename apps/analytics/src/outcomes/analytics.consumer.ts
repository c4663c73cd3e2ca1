import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  ACCOUNT_EVENTS_V1, CASE_EVENTS_V1, EMAIL_COMMANDS_V1, EMAIL_EVENTS_V1, EventEnvelope, PAYMENT_LINK_EVENTS_V1, PLAN_EVENTS_V1, SMS_COMMANDS_V1, SMS_EVENTS_V1,
  VOICE_COMMANDS_V1, VOICE_EVENTS_V1,
} from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { AnalyticsService } from './analytics.service';

@Controller()
export class AnalyticsConsumer {
  constructor(private readonly analytics: AnalyticsService) {}

  // Not desk.handoffs.v1: a case file is personal data analytics has no use for (call.escalated counts hand-offs).
  @EventPattern([
    ACCOUNT_EVENTS_V1, CASE_EVENTS_V1, SMS_COMMANDS_V1, SMS_EVENTS_V1, EMAIL_COMMANDS_V1, EMAIL_EVENTS_V1, PAYMENT_LINK_EVENTS_V1,
    VOICE_COMMANDS_V1, VOICE_EVENTS_V1, PLAN_EVENTS_V1,
  ])
  onEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    return this.analytics.record(event, ctx);
  }
}

@Controller('v1/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('tenants/:tenantId/summary')
  summary(@Param('tenantId', new ParseUUIDPipe()) tenantId: string) {
    return this.analytics.summary(tenantId);
  }
}
