import { Module } from '@nestjs/common';
import { ServiceDefinition } from '@settle/service-kit';
import { AccountSnapshot1732500000130 } from './accounts/1732500000130-account-snapshot';
import { AccountsModule } from './accounts/accounts.module';
import { ApiModule } from './api/api.module';
import { AuthModule } from './auth/auth.module';
import { IngestConfig } from './ingest.config';
import { LenderEventIntake } from './lender-events/lender-event-intake';
import { PlatformEventsConsumer } from './lender-events/platform-events.consumer';
import { IngestTables1732500000100 } from './migrations/1732500000100-ingest-tables';
import { TenantRowSecurity1732500000901 } from './migrations/1732500000901-tenant-row-security';
import { ApiKeys1732500000120 } from './migrations/1732500000120-api-keys';
import { TenantBrand1732500000121 } from './migrations/1732500000121-tenant-brand';
import { TenantProfileVersion1732500000122 } from './migrations/1732500000122-tenant-profile-version';
import { OUTBOUND_WEBHOOK_MIGRATIONS, OutboundWebhooksModule } from './outbound-webhooks/outbound-webhooks.module';
import { PaymentLinks1732500000110 } from './payment-links/1732500000110-payment-links';
import { PaymentLinkPlans1732500000111 } from './payment-links/1732500000111-payment-link-plans';
import { NegotiationClient } from './payment-links/negotiation.client';
import { PlansPageController } from './payment-links/plans-page.controller';
import { PayPageController, PaymentLinkPages, payPageLimiterProvider } from './payment-links/pay-page.controller';
import { PaymentLinkLookupController } from './payment-links/payment-link-lookup.controller';
import { PaymentLinkRepository } from './payment-links/payment-link.repository';
import { PaymentLinksConsumer } from './payment-links/payment-links.consumer';
import { ApiKeyAdminController } from './tenants/api-key-admin.controller';
import { TenantAdminController } from './tenants/tenant-admin.controller';
import { TenantProfilePublisher } from './tenants/tenant-profile.publisher';
import { TenantRepository } from './tenants/tenant.repository';
import { LenderWebhookController } from './webhooks/lender-webhook.controller';

export const INGEST_SERVICE: ServiceDefinition<IngestConfig> = {
  name: 'ingest',
  config: IngestConfig,
  migrations: [IngestTables1732500000100, PaymentLinks1732500000110, PaymentLinkPlans1732500000111, ApiKeys1732500000120, TenantBrand1732500000121, TenantProfileVersion1732500000122, AccountSnapshot1732500000130, ...OUTBOUND_WEBHOOK_MIGRATIONS, TenantRowSecurity1732500000901],
};

@Module({
  imports: [AuthModule, AccountsModule, ApiModule, OutboundWebhooksModule],
  controllers: [LenderWebhookController, TenantAdminController, ApiKeyAdminController, PlatformEventsConsumer, PayPageController, PlansPageController, PaymentLinkLookupController, PaymentLinksConsumer],
  providers: [TenantRepository, TenantProfilePublisher, LenderEventIntake, PaymentLinkRepository, PaymentLinkPages, NegotiationClient, payPageLimiterProvider],
})
export class IngestModule {}
