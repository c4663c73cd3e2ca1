import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EMAIL_EVENTS_V1, EVENTS, newEvent } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { ServiceMetrics } from '@settle/observability';
import { SERVICE_CONFIG } from '@settle/service-kit';
import { DataSource } from 'typeorm';
import { suppress } from '../delivery/suppression';
import { TokenPurpose, tokenStepId, verifyToken } from '../domain/email-tokens';
import { EmailConfig } from '../email.config';

export interface DeliveryRow {
  step_id: string;
  case_id: string;
  tenant_id: string;
  account_id: string;
  command_id: string;
  correlation_id: string;
  payment_url: string;
  language: string;
  brand_name: string;
  tracking: boolean;
  address_hash: string | null;
}

export type Signal =
  | { kind: 'opened' | 'clicked' | 'unsubscribed' | 'complained' }
  | { kind: 'bounced'; bounce: 'hard' | 'soft'; reason: string }
  | { kind: 'delivered'; detail?: string };

const COLUMNS = 'step_id, case_id, tenant_id, account_id, command_id, correlation_id, payment_url, language, brand_name, tracking, address_hash';

/** What happened to a sent email, from the debtor's clicks or the provider's feedback, as events. */
@Injectable()
export class EmailSignalsService {
  private readonly signals;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: EmailConfig,
    metrics: ServiceMetrics,
  ) {
    this.signals = metrics.counter('settle_email_signals_total', 'Opens, clicks, unsubscribes, complaints and bounces recorded', ['kind', 'first']);
  }

  /** The delivery a token names, if the token is genuine and made for this purpose. */
  async byToken(purpose: TokenPurpose, token: string): Promise<DeliveryRow | undefined> {
    const stepId = tokenStepId(token);
    if (!stepId) return undefined;
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM email_delivery WHERE step_id = $1`, [stepId])) as DeliveryRow[];
    const subject = row && { stepId: row.step_id, caseId: row.case_id, tenantId: row.tenant_id, accountId: row.account_id };
    return subject && verifyToken(this.config.EMAIL_SIGNING_SECRET, purpose, token, subject) ? row : undefined;
  }

  /** By our Message-ID (with or without angle brackets) or the id the SMTP server gave the message. */
  async byMessageId(messageId: string): Promise<DeliveryRow | undefined> {
    const bare = messageId.trim().replace(/^<|>$/g, '');
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM email_delivery WHERE message_id = $1 OR provider_message_id IN ($1, $2) LIMIT 1`, [
      `<${bare}>`,
      bare,
    ])) as DeliveryRow[];
    return row;
  }

  /** The first signal of each kind per step emits its event; returns false for a repeat. */
  async record(row: DeliveryRow, signal: Signal): Promise<boolean> {
    const first = await this.dataSource.transaction(async (tx) => {
      const fresh = await tx.query(`INSERT INTO email_signal (step_id, kind, detail) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING step_id`, [
        row.step_id,
        signal.kind,
        signal.kind === 'bounced' ? `${signal.bounce}: ${signal.reason}` : signal.kind === 'delivered' ? (signal.detail ?? null) : null,
      ]);
      if (fresh.length === 0) return false;
      // A hard bounce or a spam complaint: this tenant sends nothing more to the address.
      if (row.address_hash && ((signal.kind === 'bounced' && signal.bounce === 'hard') || signal.kind === 'complained')) {
        await suppress(tx, row.tenant_id, row.address_hash, signal.kind === 'complained' ? 'complaint' : 'hard_bounce', signal.kind === 'bounced' ? signal.reason : null, row.step_id);
      }
      const origin = {
        tenantId: row.tenant_id,
        accountId: row.account_id,
        caseId: row.case_id,
        producer: 'email' as const,
        occurredAt: this.clock.now(),
        cause: { id: row.command_id, correlationId: row.correlation_id },
      };
      const fact = { stepId: row.step_id, caseId: row.case_id };
      await new OutboxWriter(tx).add(
        EMAIL_EVENTS_V1,
        signal.kind === 'bounced'
          ? newEvent(EVENTS.emailBounced, origin, { ...fact, kind: signal.bounce, reason: signal.reason })
          : signal.kind === 'delivered'
            ? newEvent(EVENTS.emailDelivered, origin, { ...fact, ...(signal.detail ? { detail: signal.detail } : {}) })
            : newEvent(EVENTS.emailEngagement, origin, { ...fact, kind: signal.kind }),
      );
      return true;
    });
    this.signals.inc({ kind: signal.kind, first: String(first) });
    return first;
  }
}
