import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ProblemException } from '@settle/service-kit';
import { parseDeliveryReceipt } from '../domain/delivery-receipt';
import { InboundTokenGuard } from '../replies/inbound-token.guard';
import { SmsReceiptService } from './sms-receipt.service';

/**
 * SMS delivery-status receipts, one record per request in the shape SNS logs them to CloudWatch
 * (`{notification:{messageId}, delivery:{destination, providerResponse…}, status}`), posted by a
 * log forwarder (or the SNS sandbox). Same shared token as the inbound endpoint.
 */
@Controller('v1/sms/delivery-status')
@UseGuards(InboundTokenGuard)
export class SmsReceiptController {
  constructor(private readonly receipts: SmsReceiptService) {}

  @Post()
  @HttpCode(202)
  async receive(@Body() body: unknown) {
    const parsed = parseDeliveryReceipt(body);
    if (!parsed.ok) throw new ProblemException(400, 'validation', 'This is not an SMS delivery-status record.', { errors: parsed.errors });
    const { outcome, stepId } = await this.receipts.record(parsed.receipt);
    // A receipt may overtake the record of its send by a moment: forwarders retry a 404.
    if (outcome === 'unknown_message') throw new ProblemException(404, 'unknown-message', 'No sent SMS has this message id (yet); retry later.');
    if (outcome === 'destination_mismatch') throw new ProblemException(422, 'destination-mismatch', 'The receipt names another number than the SMS was sent to.');
    return { status: outcome, stepId };
  }
}
