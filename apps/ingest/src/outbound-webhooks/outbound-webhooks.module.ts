import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OutboundWebhooks1732500000140 } from './1732500000140-outbound-webhooks';
import { OutboundEventsConsumer } from './outbound-events.consumer';
import { WebhookAdminController } from './webhook-admin.controller';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookSender } from './webhook-sender';

/** Add to the ingest service's migrations. */
export const OUTBOUND_WEBHOOK_MIGRATIONS = [OutboundWebhooks1732500000140];

/** Outbound webhooks to tenants: endpoint admin, the delivery log, the consumer that queues and the loop that sends. */
@Module({
  imports: [AuthModule],
  controllers: [WebhookAdminController, OutboundEventsConsumer],
  providers: [WebhookEndpointRepository, WebhookDeliveryRepository, WebhookSender],
})
export class OutboundWebhooksModule {}
