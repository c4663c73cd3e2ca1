import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EVENTS, SMS_EVENTS_V1, newEvent } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { ServiceMetrics } from '@settle/observability';
import { DataSource } from 'typeorm';
import { DeliveryReceipt } from '../domain/delivery-receipt';
import { phoneHash } from '../domain/phone';

export type ReceiptOutcome = 'recorded' | 'duplicate' | 'unknown_message' | 'destination_mismatch';

/**
 * Delivery receipts → sms.delivered / sms.failed (code `undelivered`), matched by the provider's
 * message id. The first receipt per message counts; a redelivered or contradicting one changes nothing.
 */
@Injectable()
export class SmsReceiptService {
  private readonly receipts;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    metrics: ServiceMetrics,
  ) {
    this.receipts = metrics.counter('settle_sms_receipts_total', 'SMS delivery receipts by status and what became of them', ['status', 'outcome']);
  }

  async record(receipt: DeliveryReceipt): Promise<{ outcome: ReceiptOutcome; stepId?: string }> {
    const result = await this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(
        `SELECT step_id, case_id, tenant_id, account_id, phone_hash, receipt_status FROM sms_delivery WHERE provider_message_id = $1 AND status = 'sent' FOR UPDATE`,
        [receipt.messageId],
      );
      if (!row) return { outcome: 'unknown_message' as const };
      if (row.phone_hash && row.phone_hash !== phoneHash(receipt.destination)) return { outcome: 'destination_mismatch' as const, stepId: row.step_id as string };
      if (row.receipt_status) return { outcome: 'duplicate' as const, stepId: row.step_id as string };
      const at = this.clock.now();
      await tx.query(`UPDATE sms_delivery SET receipt_status = $2, receipt_response = $3, receipt_at = $4, updated_at = now() WHERE step_id = $1`, [
        row.step_id, receipt.status, receipt.providerResponse, at,
      ]);
      const origin = { tenantId: row.tenant_id, accountId: row.account_id, caseId: row.case_id, producer: 'sms' as const, occurredAt: at };
      const fact = { stepId: row.step_id, caseId: row.case_id };
      await new OutboxWriter(tx).add(
        SMS_EVENTS_V1,
        receipt.status === 'SUCCESS'
          ? newEvent(EVENTS.smsDelivered, origin, { ...fact, providerMessageId: receipt.messageId, providerResponse: receipt.providerResponse })
          : newEvent(EVENTS.smsFailed, origin, { ...fact, code: 'undelivered', reason: receipt.providerResponse, retryable: false }),
      );
      return { outcome: 'recorded' as const, stepId: row.step_id as string };
    });
    this.receipts.inc({ status: receipt.status, outcome: result.outcome });
    return result;
  }
}
