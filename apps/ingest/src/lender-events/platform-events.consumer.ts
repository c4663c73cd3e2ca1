import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PLATFORM_EVENTS_V1 } from '@settle/contracts';
import { ConsumerContext, NonRetryableError, TenantLenderEvent } from '@settle/messaging';
import { TenantRepository } from '../tenants/tenant.repository';
import { LenderEventIntake } from './lender-event-intake';

/** Lenders that publish straight to Kafka: the same validation and normalisation as the webhook. */
@Controller()
export class PlatformEventsConsumer {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly intake: LenderEventIntake,
  ) {}

  @EventPattern(PLATFORM_EVENTS_V1)
  async onPlatformEvent(@Payload() message: TenantLenderEvent, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (!(await this.tenants.find(message.tenantId))) {
      throw new NonRetryableError(`unknown tenant ${message.tenantId}`, 'unknown_tenant');
    }
    await this.intake.accept(ctx.tx, ctx.outbox, message.tenantId, message.event, 'kafka');
  }
}
