import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EVENTS, SMS_EVENTS_V1, SmsReplyIntent, newEvent } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { LOGGER, SERVICE_CONFIG } from '@settle/service-kit';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { SMS_PROVIDER, SmsProvider, SmsProviderError } from '../delivery/sms-provider';
import { AutoReply, autoReplyText } from '../domain/auto-replies';
import { countryOf, phoneHash } from '../domain/phone';
import { PriceTable, parsePriceTable, smsCost } from '../domain/pricing';
import { classifyReply } from '../domain/reply-classifier';
import { InboundSms } from '../domain/sns-inbound';
import { SmsConfig } from '../sms.config';

/** The SMS a reply answers: the latest one sent to the number it came from. */
interface AnsweredSms {
  step_id: string;
  case_id: string;
  tenant_id: string;
  account_id: string;
  language: string;
  brand_name: string;
}

export type ReplyOutcome = { status: 'accepted' | 'duplicate'; intent: SmsReplyIntent } | { status: 'unknown_number' };

/**
 * A debtor's reply: recorded, classified and published in one transaction (the provider's inbound
 * id de-duplicates redeliveries), then at most one auto-reply. STOP records the opt-out here too,
 * so the sms service itself refuses later texts to the number, and is confirmed once, in the
 * debtor's language; a repeated STOP gets silence. START lifts the opt-out; HELP gets the help text.
 */
@Injectable()
export class SmsReplyService {
  private readonly prices: PriceTable;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: SmsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.prices = parsePriceTable(config.SMS_PRICE_TABLE);
  }

  async receive(sms: InboundSms): Promise<ReplyOutcome> {
    const hash = phoneHash(sms.from);
    const answered = await this.answeredSms(hash, sms.previousPublishedMessageId);
    if (!answered) {
      this.logger.info({ inboundMessageId: sms.inboundMessageId }, 'sms reply from a number no SMS was sent to: ignored');
      return { status: 'unknown_number' };
    }
    const intent = classifyReply(sms.text);
    const autoReply = await this.dataSource.transaction((tx) => this.record(tx, sms, hash, answered, intent));
    if (autoReply === 'duplicate') return { status: 'duplicate', intent };
    this.logger.info({ inboundMessageId: sms.inboundMessageId, caseId: answered.case_id, intent, autoReply }, 'sms reply received');
    if (autoReply) await this.sendAutoReply(sms, answered, autoReply);
    return { status: 'accepted', intent };
  }

  /** Prefers the SMS the carrier says was answered, else the latest that may have reached the number. */
  private async answeredSms(hash: string, previousMessageId: string | undefined): Promise<AnsweredSms | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT step_id, case_id, tenant_id, account_id, language, brand_name FROM sms_delivery
        WHERE phone_hash = $1 AND account_id IS NOT NULL AND status IN ('sent', 'unknown')
        ORDER BY COALESCE(provider_message_id = $2, false) DESC, created_at DESC LIMIT 1`,
      [hash, previousMessageId ?? null],
    );
    return row;
  }

  private async record(tx: EntityManager, sms: InboundSms, hash: string, answered: AnsweredSms, intent: SmsReplyIntent): Promise<AutoReply | undefined | 'duplicate'> {
    const fresh = await tx.query(
      `INSERT INTO sms_reply (inbound_message_id, tenant_id, case_id, step_id, phone_hash, intent) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING inbound_message_id`,
      [sms.inboundMessageId, answered.tenant_id, answered.case_id, answered.step_id, hash, intent],
    );
    if (fresh.length === 0) return 'duplicate';

    let autoReply: AutoReply | undefined;
    if (intent === 'stop') {
      const added = await tx.query(
        `INSERT INTO sms_opt_out (phone_hash, tenant_id, case_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING phone_hash`,
        [hash, answered.tenant_id, answered.case_id],
      );
      if (added.length > 0) autoReply = 'opt_out_confirmation';
    } else if (intent === 'start') {
      await tx.query(`DELETE FROM sms_opt_out WHERE phone_hash = $1 AND tenant_id = $2`, [hash, answered.tenant_id]);
    } else if (intent === 'help') {
      autoReply = 'help';
    }
    if (autoReply) {
      await tx.query(`UPDATE sms_reply SET auto_reply = $2, auto_reply_status = 'sending' WHERE inbound_message_id = $1`, [sms.inboundMessageId, autoReply]);
    }

    const origin = { tenantId: answered.tenant_id, accountId: answered.account_id, caseId: answered.case_id, producer: 'sms' as const, occurredAt: this.clock.now() };
    await new OutboxWriter(tx).add(
      SMS_EVENTS_V1,
      newEvent(EVENTS.smsReplyReceived, origin, { caseId: answered.case_id, stepId: answered.step_id, intent, text: sms.text, language: answered.language }),
    );
    return autoReply;
  }

  /** Claimed in the reply's transaction, so never sent twice; a crash before the send loses it (logged as 'sending'). */
  private async sendAutoReply(sms: InboundSms, answered: AnsweredSms, kind: AutoReply): Promise<void> {
    const reply = autoReplyText(kind, answered.language, answered.brand_name);
    try {
      const { messageId } = await this.provider.send({
        to: sms.from, text: reply.text, senderId: this.config.SMS_SENDER_ID, idempotencyKey: sms.inboundMessageId, originationNumber: sms.to,
      });
      const cost = smsCost(reply.size.segments, countryOf(sms.from), this.prices) ?? null;
      await this.dataSource.query(
        `UPDATE sms_reply SET auto_reply_status = 'sent', provider_message_id = $2, segments = $3, cost_micro_usd = $4 WHERE inbound_message_id = $1`,
        [sms.inboundMessageId, messageId, reply.size.segments, cost],
      );
      this.logger.info({ inboundMessageId: sms.inboundMessageId, caseId: answered.case_id, autoReply: kind, segments: reply.size.segments, costMicroUsd: cost }, 'sms auto-reply sent');
    } catch (error) {
      const e = error instanceof SmsProviderError ? error : new SmsProviderError('unknown', 'unexpected', String(error));
      // Not retried: an unknown outcome may have reached the debtor, and a second confirmation is noise.
      await this.dataSource.query(`UPDATE sms_reply SET auto_reply_status = $2 WHERE inbound_message_id = $1`, [sms.inboundMessageId, e.kind === 'unknown' ? 'unknown' : 'failed']);
      this.logger.warn({ inboundMessageId: sms.inboundMessageId, caseId: answered.case_id, autoReply: kind, code: e.code }, 'sms auto-reply not sent');
    }
  }
}
