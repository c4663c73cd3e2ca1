import { Module } from '@nestjs/common';
import { ServiceDefinition } from '@settle/service-kit';
import { IngestConfig } from './ingest.config';
import { LenderEventIntake } from './lender-events/lender-event-intake';
import { PlatformEventsConsumer } from './lender-events/platform-events.consumer';
import { IngestTables1732500000100 } from './migrations/1732500000100-ingest-tables';
import { TenantAdminController } from './tenants/tenant-admin.controller';
import { TenantRepository } from './tenants/tenant.repository';
import { LenderWebhookController } from './webhooks/lender-webhook.controller';

export const INGEST_SERVICE: ServiceDefinition<IngestConfig> = {
  name: 'ingest',
  config: IngestConfig,
  migrations: [IngestTables1732500000100],
};

@Module({
  controllers: [LenderWebhookController, TenantAdminController, PlatformEventsConsumer],
  providers: [TenantRepository, LenderEventIntake],
})
export class IngestModule {}
