import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { TENANT_EVENTS_V1 } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { BackgroundLoops, LOGGER } from '@settle/service-kit';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { profileChangedEvent } from './tenant-profile-event';
import { Tenant, forgetPublishedProfiles, lockUnpublishedProfiles, markProfilePublished } from './tenant.repository';

const BATCH = 100;

/**
 * Puts each tenant's profile on tenant.events.v1 through the outbox. A create or profile update
 * publishes in its own transaction; a pass at start-up (then every few minutes, cheap when there
 * is nothing to do) publishes any profile version that never was — tenants from before the topic
 * existed, or all of them after an operator's republish.
 */
@Injectable()
export class TenantProfilePublisher implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loops: BackgroundLoops,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.loops.every('publish-tenant-profiles', 300_000, () => this.publishUnpublished());
  }

  /** In the caller's transaction (the one that changed the tenant). */
  async publish(tx: EntityManager, tenant: Tenant): Promise<void> {
    await new OutboxWriter(tx).add(TENANT_EVENTS_V1, profileChangedEvent(tenant, this.clock.now()));
    await markProfilePublished(tx, tenant.id, tenant.profileVersion);
  }

  /** Publishes every profile version not yet in the outbox; returns how many. */
  async publishUnpublished(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.dataSource.transaction(async (tx) => {
        const tenants = await lockUnpublishedProfiles(tx, BATCH);
        for (const tenant of tenants) await this.publish(tx, tenant);
        return tenants.length;
      });
      total += published;
      if (published < BATCH) break;
    }
    if (total > 0) this.logger.info({ tenants: total }, 'tenant profiles published');
    return total;
  }

  /** The operator's republish: every tenant's current profile again (same versions), e.g. for a consumer that lost its copy. */
  async republishAll(): Promise<number> {
    await forgetPublishedProfiles(this.dataSource);
    return this.publishUnpublished();
  }
}
