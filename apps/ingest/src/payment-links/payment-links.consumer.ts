import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EMAIL_COMMANDS_V1, EVENTS, EventEnvelope, SMS_COMMANDS_V1, isEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { SERVICE_CONFIG } from '@settle/service-kit';
import { IngestConfig } from '../ingest.config';
import { PaymentLinkRepository } from './payment-link.repository';

/**
 * ingest serves the pay pages, so it learns each link from the send command that carries it:
 * no reading the scheduler's tables, and no link exists that was never sent.
 */
@Controller()
export class PaymentLinksConsumer {
  constructor(
    private readonly links: PaymentLinkRepository,
    @Inject(SERVICE_CONFIG) private readonly config: IngestConfig,
  ) {}

  @EventPattern(SMS_COMMANDS_V1)
  async onSmsCommand(@Payload() command: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(command, EVENTS.smsRequested)) await this.links.learn(ctx.tx, 'sms', command, this.config.PAYMENT_LINK_TTL_HOURS);
  }

  @EventPattern(EMAIL_COMMANDS_V1)
  async onEmailCommand(@Payload() command: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(command, EVENTS.emailRequested)) await this.links.learn(ctx.tx, 'email', command, this.config.PAYMENT_LINK_TTL_HOURS);
  }
}
