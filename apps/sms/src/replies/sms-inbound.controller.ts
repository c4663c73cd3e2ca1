import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { LOGGER, ProblemException } from '@settle/service-kit';
import type { Logger } from 'pino';
import { parseSnsInbound } from '../domain/sns-inbound';
import { InboundTokenGuard } from './inbound-token.guard';
import { SmsReplyService } from './sms-reply.service';

/** Debtors' replies, from the SNS topic of an AWS two-way SMS number (HTTPS subscription). */
@Controller('v1/sms/inbound')
@UseGuards(InboundTokenGuard)
export class SmsInboundController {
  constructor(
    private readonly replies: SmsReplyService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  @HttpCode(200)
  async receive(@Body() body: unknown) {
    const inbound = parseSnsInbound(body);
    switch (inbound.kind) {
      case 'invalid':
        throw new ProblemException(400, 'validation', 'This is not an SNS inbound SMS notification.', { errors: inbound.errors });
      case 'subscription_confirmation':
        // Confirming means fetching SubscribeURL: an operator does that, this service makes no outbound calls.
        this.logger.warn({ topicArn: inbound.topicArn, subscribeUrl: inbound.subscribeUrl }, 'SNS subscription confirmation received: open SubscribeURL to confirm');
        return { status: 'subscription_confirmation_logged' };
      case 'unsubscribe_confirmation':
        this.logger.warn({ topicArn: inbound.topicArn }, 'SNS unsubscribe confirmation received');
        return { status: 'unsubscribe_confirmation_logged' };
      case 'sms':
        return this.replies.receive(inbound.sms);
    }
  }
}
