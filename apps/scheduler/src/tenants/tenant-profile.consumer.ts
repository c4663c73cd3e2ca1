import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EVENTS, EventEnvelope, TENANT_EVENTS_V1, isEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { LOGGER } from '@settle/service-kit';
import type { Logger } from 'pino';
import { TenantProfileRepository } from './tenant-profile.repository';

/** Keeps the newest profile of each tenant (event-carried state from ingest), for the contacts the dispatcher builds. */
@Controller()
export class TenantProfileConsumer {
  constructor(
    private readonly profiles: TenantProfileRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(TENANT_EVENTS_V1)
  async onTenantEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (!isEvent(event, EVENTS.tenantProfileChanged)) return;
    const kept = await this.profiles.keepNewest(ctx.tx, event.tenantId, event.data);
    this.logger.info({ tenantId: event.tenantId, profileVersion: event.data.profileVersion, kept }, kept ? 'tenant profile updated' : 'older tenant profile ignored');
  }
}
