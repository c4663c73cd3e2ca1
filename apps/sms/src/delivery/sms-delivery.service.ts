import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EVENTS, EventEnvelope, SMS_EVENTS_V1, SmsRequestedV1, newEvent } from '@settle/contracts';
import { ConsumerContext, StepClaims } from '@settle/messaging';
import { ServiceMetrics } from '@settle/observability';
import { LOGGER, SERVICE_CONFIG } from '@settle/service-kit';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { GateVerdict, lastMomentGate } from '@settle/compliance';
import { INVALID_NUMBER_RULE, countryOf, invalidNumberReason, phoneHash } from '../domain/phone';
import { PriceTable, parsePriceTable, smsCost } from '../domain/pricing';
import { renderReminder } from '../domain/sms-templates';
import { SmsConfig } from '../sms.config';
import { SmsTemplateRepository } from '../templates/sms-template.repository';
import { SMS_PROVIDER, SmsProvider, SmsProviderError } from './sms-provider';

type DeliveryStatus = 'sending' | 'sent' | 'failed' | 'unknown' | 'released' | 'blocked';

/**
 * Sends one SMS per workflow step, at most once (StepClaims, libs/messaging). The claim on the step
 * commits before the provider is called and the provider's answer is written straight after, outside
 * the handler's transaction: whatever crashes when, a redelivered command finds the claim and never sends again.
 */
@Injectable()
export class SmsDeliveryService {
  private readonly sent;
  private readonly spent;
  private readonly prices: PriceTable;
  private readonly claims: StepClaims;

  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: SmsTemplateRepository,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: SmsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.sent = metrics.counter('settle_sms_total', 'SMS outcomes', ['outcome']);
    this.spent = metrics.counter('settle_sms_cost_micro_usd_total', 'What sent SMS cost, in micro-USD', ['country']);
    this.prices = parsePriceTable(config.SMS_PRICE_TABLE);
    this.claims = new StepClaims(dataSource, 'sms_delivery');
  }

  async deliver(command: EventEnvelope<SmsRequestedV1>, ctx: ConsumerContext): Promise<void> {
    const sms = command.data;
    // Read before the claim: once claimed, a failure before the provider answers leaves the step
    // 'sending', which a redelivery must take for possibly sent.
    const optedOut = await this.optedOut(command);
    const template = sms.template ? await this.templates.resolve(command.tenantId, sms.template, sms.language, sms.tone) : undefined;
    const status = await this.claim(command);
    if (status === 'sent') return this.reportSent(command, ctx); // sent before a crash: report it now
    if (status === 'unknown' || status === 'sending') {
      // A previous attempt called the provider and never learnt the answer: do not risk a duplicate.
      await this.finish(sms.stepId, 'unknown', { code: 'outcome_unknown', detail: 'an earlier attempt may have sent this SMS' });
      return this.reportFailed(command, ctx, 'outcome_unknown', 'an earlier attempt may have sent this SMS; not resent', false);
    }
    if (status === 'failed') return this.reportFailed(command, ctx, 'already_failed', 'this step failed before', false);
    if (status === 'blocked') return this.reportBlocked(command, ctx); // blocked before a crash: report it now
    const badNumber = invalidNumberReason(sms.to);
    if (badNumber) {
      // Blocked, not dead-lettered: the scheduler hears of it and the workflow moves on.
      await this.recordVerdict(sms.stepId, { outcome: 'block', ruleIds: [INVALID_NUMBER_RULE], reasons: [badNumber] });
      return this.reportBlocked(command, ctx);
    }

    const rendered = renderReminder(sms, this.config.SMS_MAX_SEGMENTS, template);
    if (!rendered.ok) {
      await this.finish(sms.stepId, 'failed', { code: 'render_failed', detail: rendered.reason });
      return this.reportFailed(command, ctx, 'render_failed', rendered.reason, false);
    }
    // The compliance gate again, at the real send moment: quiet hours, holidays, caps, holds and
    // the opt-outs this service learnt itself (STOP replies).
    const verdict = lastMomentGate('sms', this.clock.now(), sms.caseId, sms.compliance, {
      optedOut,
      optOutRule: 'sms.opt_out',
      optOutReason: 'the debtor opted out of SMS by replying STOP',
    });
    if (verdict.outcome !== 'allow') {
      await this.recordVerdict(sms.stepId, verdict);
      return this.reportBlocked(command, ctx);
    }
    try {
      // The tenant's sender identities when the command carries them; the service's SMS_SENDER_ID otherwise.
      const { messageId } = await this.provider.send({
        to: sms.to, text: rendered.text, senderId: sms.senderId ?? this.config.SMS_SENDER_ID, idempotencyKey: sms.stepId,
        ...(sms.originationNumber ? { originationNumber: sms.originationNumber } : {}),
      });
      const cost = smsCost(rendered.size.segments, countryOf(sms.to), this.prices);
      await this.finish(sms.stepId, 'sent', { messageId, segments: rendered.size.segments, encoding: rendered.size.encoding, costMicroUsd: cost });
    } catch (error) {
      const e = error instanceof SmsProviderError ? error : new SmsProviderError('unknown', 'unexpected', String(error));
      if (e.kind === 'unavailable') {
        // Certainly not sent: give the claim back and let the consumer runner retry with back-off.
        await this.finish(sms.stepId, 'released', { code: e.code, detail: e.message });
        this.sent.inc({ outcome: 'retry' });
        throw e;
      }
      await this.finish(sms.stepId, e.kind === 'rejected' ? 'failed' : 'unknown', { code: e.code, detail: e.message });
      return this.reportFailed(command, ctx, e.kind === 'rejected' ? 'provider_rejected' : 'outcome_unknown', `${e.code}: ${e.message}`, false);
    }
    await this.reportSent(command, ctx);
  }

  /** Returns 'claimed' when this attempt owns the step, else the step's current status. */
  private async claim(command: EventEnvelope<SmsRequestedV1>): Promise<'claimed' | DeliveryStatus> {
    const { stepId, caseId, to, language, brandName } = command.data;
    // What a reply to this SMS will need: the case, and the language and brand to answer in.
    return (await this.claims.claim(stepId, {
      case_id: caseId, tenant_id: command.tenantId, account_id: command.accountId, phone_hash: phoneHash(to), language, brand_name: brandName, country: countryOf(to) ?? null,
    })) as 'claimed' | DeliveryStatus;
  }

  private async optedOut(command: EventEnvelope<SmsRequestedV1>): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM sms_opt_out WHERE phone_hash = $1 AND tenant_id = $2`, [phoneHash(command.data.to), command.tenantId]);
    return rows.length > 0;
  }

  private async finish(
    stepId: string,
    status: DeliveryStatus,
    facts: { messageId?: string; segments?: number; encoding?: string; costMicroUsd?: number; code?: string; detail?: string },
  ): Promise<void> {
    await this.claims.finish(stepId, status, {
      provider_message_id: facts.messageId, segments: facts.segments, encoding: facts.encoding, cost_micro_usd: facts.costMicroUsd,
      error_code: facts.code ?? null, error_detail: facts.detail ?? null,
    });
  }

  private async recordVerdict(stepId: string, verdict: Exclude<GateVerdict, { outcome: 'allow' }>): Promise<void> {
    await this.dataSource.query(
      `UPDATE sms_delivery SET status = 'blocked', gate_outcome = $2, gate_rule_ids = $3, gate_reasons = $4, gate_until = $5, updated_at = now() WHERE step_id = $1`,
      [stepId, verdict.outcome, verdict.ruleIds, verdict.reasons, verdict.outcome === 'defer' ? verdict.until : null],
    );
  }

  /** Nothing was sent: the gate deferred or blocked the step. The scheduler records it and, for a defer, plans the step again. */
  private async reportBlocked(command: EventEnvelope<SmsRequestedV1>, ctx: ConsumerContext): Promise<void> {
    const { stepId, caseId } = command.data;
    const [row] = await ctx.tx.query(`SELECT reported, gate_outcome, gate_rule_ids, gate_reasons, gate_until FROM sms_delivery WHERE step_id = $1 FOR UPDATE`, [stepId]);
    if (row.reported) return;
    await ctx.tx.query(`UPDATE sms_delivery SET reported = true WHERE step_id = $1`, [stepId]);
    await ctx.outbox.add(
      SMS_EVENTS_V1,
      newEvent(EVENTS.smsBlocked, this.origin(command), {
        stepId,
        caseId,
        outcome: row.gate_outcome,
        ruleIds: row.gate_rule_ids,
        reasons: row.gate_reasons,
        ...(row.gate_until ? { until: new Date(row.gate_until).toISOString() } : {}),
      }),
    );
    this.sent.inc({ outcome: row.gate_outcome === 'defer' ? 'deferred' : 'blocked' });
    this.logger.info({ stepId, caseId, outcome: row.gate_outcome, ruleIds: row.gate_rule_ids }, 'sms held back by the compliance gate');
  }

  private async reportSent(command: EventEnvelope<SmsRequestedV1>, ctx: ConsumerContext): Promise<void> {
    const [row] = await ctx.tx.query(
      `SELECT provider_message_id, segments, encoding, reported, country, cost_micro_usd FROM sms_delivery WHERE step_id = $1 FOR UPDATE`,
      [command.data.stepId],
    );
    if (row.reported) return;
    await ctx.tx.query(`UPDATE sms_delivery SET reported = true WHERE step_id = $1`, [command.data.stepId]);
    await ctx.outbox.add(
      SMS_EVENTS_V1,
      newEvent(EVENTS.smsSent, this.origin(command), {
        stepId: command.data.stepId,
        caseId: command.data.caseId,
        providerMessageId: row.provider_message_id,
        segments: row.segments,
        encoding: row.encoding,
      }),
    );
    this.sent.inc({ outcome: 'sent' });
    const costMicroUsd = row.cost_micro_usd === null ? null : Number(row.cost_micro_usd); // null: no price for the country
    if (costMicroUsd !== null) this.spent.inc({ country: row.country ?? 'unknown' }, costMicroUsd);
    this.logger.info({ stepId: command.data.stepId, caseId: command.data.caseId, segments: row.segments, country: row.country, costMicroUsd }, 'sms sent');
  }

  private async reportFailed(command: EventEnvelope<SmsRequestedV1>, ctx: ConsumerContext, code: string, reason: string, retryable: boolean): Promise<void> {
    const [row] = await ctx.tx.query(`SELECT reported FROM sms_delivery WHERE step_id = $1 FOR UPDATE`, [command.data.stepId]);
    if (row?.reported) return;
    await ctx.tx.query(`UPDATE sms_delivery SET reported = true WHERE step_id = $1`, [command.data.stepId]);
    await ctx.outbox.add(
      SMS_EVENTS_V1,
      newEvent(EVENTS.smsFailed, this.origin(command), { stepId: command.data.stepId, caseId: command.data.caseId, code, reason, retryable }),
    );
    this.sent.inc({ outcome: 'failed' });
    this.logger.warn({ stepId: command.data.stepId, caseId: command.data.caseId, code }, 'sms not sent');
  }

  private origin(command: EventEnvelope<SmsRequestedV1>) {
    return { tenantId: command.tenantId, accountId: command.accountId, caseId: command.data.caseId, producer: 'sms' as const, occurredAt: this.clock.now(), cause: command };
  }
}
