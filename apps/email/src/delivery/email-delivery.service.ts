import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EMAIL_EVENTS_V1, EVENTS, EmailRequestedV1, EventEnvelope, newEvent } from '@settle/contracts';
import { ConsumerContext, StepClaims } from '@settle/messaging';
import { ServiceMetrics } from '@settle/observability';
import { LOGGER, SERVICE_CONFIG } from '@settle/service-kit';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { INVALID_ADDRESS_RULE, SuppressionReason, addressHash, invalidAddressReason, suppressionReason } from '../domain/address';
import { EmailLinks, renderEmail } from '../domain/email-templates';
import { TokenPurpose, signToken } from '../domain/email-tokens';
import { headerFrom } from '../domain/sender';
import { GateVerdict, lastMomentGate } from '@settle/compliance';
import { renderTenantEmail } from '../domain/tenant-templates';
import { EmailTemplateRepository } from '../templates/email-template.repository';
import { EmailConfig } from '../email.config';
import { EMAIL_TRANSPORT, EmailSendError, EmailTransport } from './email-transport';
import { suppress } from './suppression';

type DeliveryStatus = 'sending' | 'sent' | 'failed' | 'bounced' | 'unknown' | 'released' | 'blocked';

interface Facts {
  providerMessageId?: string;
  code?: string;
  detail?: string;
  bounce?: 'hard' | 'soft';
}

const OUTCOME_OF: Record<Exclude<EmailSendError['kind'], 'unavailable'>, { status: DeliveryStatus; code: string }> = {
  invalid_address: { status: 'failed', code: 'invalid_address' },
  rejected: { status: 'failed', code: 'provider_rejected' },
  bounced: { status: 'bounced', code: 'bounced' },
  unknown: { status: 'unknown', code: 'outcome_unknown' },
};

/**
 * Sends one email per workflow step, at most once. The claim on the step commits before the SMTP
 * server is called and its answer is written straight after, outside the handler's transaction:
 * whatever crashes when, a redelivered command finds the claim and never sends again. The outcome
 * event is then written from the row, in the handler's transaction, exactly once.
 */
@Injectable()
export class EmailDeliveryService {
  private readonly outcomes;
  private readonly sender: { address: string; domain: string };
  private readonly claims: StepClaims;

  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: EmailTemplateRepository,
    @Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: EmailConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.outcomes = metrics.counter('settle_email_total', 'Email outcomes', ['outcome']);
    const address = /<([^>]+)>/.exec(config.EMAIL_FROM)?.[1] ?? config.EMAIL_FROM.trim();
    this.sender = { address, domain: address.slice(address.lastIndexOf('@') + 1) };
    this.claims = new StepClaims(dataSource, 'email_delivery');
  }

  async deliver(command: EventEnvelope<EmailRequestedV1>, ctx: ConsumerContext): Promise<void> {
    const email = command.data;
    const status = await this.claim(command);
    if (status === 'sending') {
      // A previous attempt handed the message over and never learnt the answer: do not risk a duplicate.
      await this.finish(email.stepId, 'unknown', { code: 'outcome_unknown', detail: 'an earlier attempt may have sent this email; not resent' });
    }
    if (status !== 'claimed') return this.report(command, ctx);

    const links = this.links(command);
    // The tenant's template when the step names one and it exists (language fallback), else the system's.
    const template = email.template ? await this.templates.resolve(command.tenantId, email.template, email.language, email.tone) : undefined;
    const rendered = template ? renderTenantEmail(template, email, links) : renderEmail(email, links);
    if (template) {
      await this.dataSource.query(`UPDATE email_delivery SET template_name = $2, template_version = $3 WHERE step_id = $1`, [email.stepId, email.template, template.version]);
    }
    if (!rendered.ok) {
      await this.finish(email.stepId, 'failed', { code: 'render_failed', detail: rendered.reason });
      return this.report(command, ctx);
    }
    // Right before the SMTP call: a suppressed address (hard bounce, complaint) gets nothing, and the
    // compliance gate is asked again at the real send moment (quiet hours, holidays, caps, holds).
    const verdict = this.invalidAddress(email.to) ?? (await this.suppressed(command)) ?? lastMomentGate('email', this.clock.now(), email.caseId, email.compliance, { optedOut: false, optOutRule: '', optOutReason: '' });
    if (verdict.outcome !== 'allow') {
      await this.recordVerdict(email.stepId, verdict);
      return this.report(command, ctx);
    }
    try {
      const sent = await this.transport.send({
        to: email.to,
        // The tenant's From when its profile has one; bounces, Message-ID and the unsubscribe mailto stay ours.
        from: headerFrom(email.from, email.brandName, this.sender.address),
        envelopeFrom: this.sender.address,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: this.messageId(email.stepId),
        headers: this.headers(email.stepId, links.unsubscribe),
      });
      await this.finish(email.stepId, 'sent', { providerMessageId: sent.serverMessageId ?? sent.messageId });
    } catch (error) {
      const e = error instanceof EmailSendError ? error : new EmailSendError('unknown', 'unexpected', String(error));
      if (e.kind === 'unavailable') {
        // Certainly not sent: give the claim back and let the consumer runner retry with back-off.
        await this.finish(email.stepId, 'released', { code: e.code, detail: e.message });
        this.outcomes.inc({ outcome: 'retry' });
        throw e;
      }
      const outcome = OUTCOME_OF[e.kind];
      await this.finish(email.stepId, outcome.status, { code: outcome.code, detail: `${e.code}: ${e.message}`, bounce: e.bounce });
      if (e.kind === 'bounced' && e.bounce === 'hard') await suppress(this.dataSource, command.tenantId, addressHash(email.to), 'hard_bounce', `${e.code}: ${e.message}`, email.stepId);
    }
    await this.report(command, ctx);
  }

  /** Returns 'claimed' when this attempt owns the step, else the step's current status. */
  private async claim(command: EventEnvelope<EmailRequestedV1>): Promise<'claimed' | DeliveryStatus> {
    const e = command.data;
    return (await this.claims.claim(e.stepId, {
      case_id: e.caseId, tenant_id: command.tenantId, account_id: command.accountId, command_id: command.id, correlation_id: command.correlationId,
      message_id: this.messageId(e.stepId), payment_url: e.paymentLink.url, language: e.language, brand_name: e.brandName, tracking: e.tracking, address_hash: addressHash(e.to),
    })) as 'claimed' | DeliveryStatus;
  }

  private async finish(stepId: string, status: DeliveryStatus, facts: Facts): Promise<void> {
    await this.claims.finish(stepId, status, {
      provider_message_id: facts.providerMessageId, error_code: facts.code ?? null, error_detail: facts.detail ?? null, bounce_kind: facts.bounce ?? null,
    });
  }

  /** Blocked, not dead-lettered: the scheduler hears of it and the workflow moves on. */
  private invalidAddress(to: string): GateVerdict | undefined {
    const reason = invalidAddressReason(to);
    return reason ? { outcome: 'block', ruleIds: [INVALID_ADDRESS_RULE], reasons: [reason] } : undefined;
  }

  /** A block naming the suppression, when this tenant's list holds the address. */
  private async suppressed(command: EventEnvelope<EmailRequestedV1>): Promise<GateVerdict | undefined> {
    const [row] = await this.dataSource.query(`SELECT reason, detail FROM email_suppression WHERE tenant_id = $1 AND address_hash = $2`, [command.tenantId, addressHash(command.data.to)]);
    if (!row) return undefined;
    return { outcome: 'block', ruleIds: ['email.suppressed'], reasons: [suppressionReason(row.reason as SuppressionReason, row.detail)] };
  }

  private async recordVerdict(stepId: string, verdict: Exclude<GateVerdict, { outcome: 'allow' }>): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_delivery SET status = 'blocked', gate_outcome = $2, gate_rule_ids = $3, gate_reasons = $4, gate_until = $5, updated_at = now() WHERE step_id = $1`,
      [stepId, verdict.outcome, verdict.ruleIds, verdict.reasons, verdict.outcome === 'defer' ? verdict.until : null],
    );
  }

  /** Writes the step's outcome event from its row, once. */
  private async report(command: EventEnvelope<EmailRequestedV1>, ctx: ConsumerContext): Promise<void> {
    const { stepId, caseId } = command.data;
    const [row] = await ctx.tx.query(
      `SELECT status, provider_message_id, error_code, error_detail, bounce_kind, reported, gate_outcome, gate_rule_ids, gate_reasons, gate_until
       FROM email_delivery WHERE step_id = $1 FOR UPDATE`,
      [stepId],
    );
    if (row.reported) return;
    await ctx.tx.query(`UPDATE email_delivery SET reported = true WHERE step_id = $1`, [stepId]);
    const origin = { tenantId: command.tenantId, accountId: command.accountId, caseId, producer: 'email' as const, occurredAt: this.clock.now(), cause: command };
    const event =
      row.status === 'sent'
        ? newEvent(EVENTS.emailSent, origin, { stepId, caseId, providerMessageId: row.provider_message_id })
        : row.status === 'bounced'
          ? newEvent(EVENTS.emailBounced, origin, { stepId, caseId, kind: row.bounce_kind, reason: row.error_detail })
          : row.status === 'blocked'
            ? newEvent(EVENTS.emailBlocked, origin, {
                stepId, caseId, outcome: row.gate_outcome, ruleIds: row.gate_rule_ids, reasons: row.gate_reasons,
                ...(row.gate_until ? { until: new Date(row.gate_until).toISOString() } : {}),
              })
            : newEvent(EVENTS.emailFailed, origin, { stepId, caseId, code: row.error_code, reason: row.error_detail, retryable: false });
    await ctx.outbox.add(EMAIL_EVENTS_V1, event);
    this.outcomes.inc({ outcome: row.status });
    const facts = { stepId, caseId, status: row.status, code: row.error_code ?? undefined, ruleIds: row.gate_rule_ids ?? undefined };
    if (row.status === 'sent') this.logger.info(facts, 'email sent');
    else this.logger.warn(facts, 'email not sent');
  }

  private links(command: EventEnvelope<EmailRequestedV1>): EmailLinks {
    const { stepId, caseId, tracking, paymentLink } = command.data;
    const base = this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
    const token = (purpose: TokenPurpose) => signToken(this.config.EMAIL_SIGNING_SECRET, purpose, { stepId, caseId, tenantId: command.tenantId, accountId: command.accountId });
    return {
      pay: tracking ? `${base}/v1/email/c/${token('click')}` : paymentLink.url,
      unsubscribe: `${base}/v1/email/unsubscribe/${token('unsubscribe')}`,
      ...(tracking ? { openPixel: `${base}/v1/email/o/${token('open')}.gif` } : {}),
    };
  }

  private headers(stepId: string, unsubscribe: string): Record<string, string> {
    const mailto = `mailto:${this.sender.address}?subject=unsubscribe%20${unsubscribe.slice(unsubscribe.lastIndexOf('/') + 1)}`;
    return {
      'List-Unsubscribe': `<${unsubscribe}>, <${mailto}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Settle-Step': stepId,
    };
  }

  private messageId(stepId: string): string {
    return `<${stepId}@${this.sender.domain}>`;
  }
}
