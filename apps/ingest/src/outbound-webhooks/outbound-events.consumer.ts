import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CLOCK, Clock } from '@settle/config';
import { CASE_EVENTS_V1, EventEnvelope, PAYMENT_LINK_EVENTS_V1, PLAN_EVENTS_V1 } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { SERVICE_CONFIG } from '@settle/service-kit';
import { IngestConfig } from '../ingest.config';
import { endpointWants, outboundEventsFor } from './domain/outbound-events';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';

/**
 * Outcomes become webhooks to the tenant. The delivery row is written in the transaction that
 * consumes the event (the runner's inbox makes a redelivered record a no-op), so an event is queued
 * exactly once; the WebhookSender sends it. One method per source topic in OUTBOUND_MAPPINGS.
 */
@Controller()
export class OutboundEventsConsumer {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: IngestConfig,
  ) {}

  @EventPattern(CASE_EVENTS_V1)
  async onCaseEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    await this.queue(event, ctx);
  }

  @EventPattern(PAYMENT_LINK_EVENTS_V1)
  async onPaymentLinkEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    await this.queue(event, ctx);
  }

  @EventPattern(PLAN_EVENTS_V1)
  async onPlanEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    await this.queue(event, ctx);
  }

  private async queue(event: EventEnvelope, ctx: ConsumerContext): Promise<void> {
    const outbound = outboundEventsFor(event);
    if (outbound.length === 0) return;
    const endpoint = await this.endpoints.settingsIn(ctx.tx, event.tenantId);
    if (!endpoint?.enabled) return;
    const now = this.clock.now();
    for (const webhook of outbound) {
      if (endpointWants(endpoint.eventTypes, webhook.type)) {
        await this.deliveries.enqueue(ctx.tx, webhook, event.id, now, this.config.OUTBOUND_WEBHOOK_MAX_AGE_HOURS * 3_600_000);
      }
    }
  }
}
