import { Injectable } from '@nestjs/common';
import { EmailRequestedV1, EventEnvelope, Money, SmsRequestedV1 } from '@settle/contracts';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

/** What the scheduler's codes look like (PaymentLinkRef): anything else is not looked up at all. */
export const LINK_CODE = /^[A-Za-z0-9]{10,32}$/;

export interface PaymentLink {
  /** The code as presented: never stored, only its hash. */
  code: string;
  tenantId: string;
  accountId: string;
  caseId: string;
  stepId: string;
  channel: 'sms' | 'email';
  amount: Money;
  language: string;
  brandName: string;
  merchantName: string;
  dueDate: string;
  commandId: string;
  correlationId: string;
  expiresAt: Date;
}

export function codeHash(code: string): Buffer {
  return createHash('sha256').update(code).digest();
}

@Injectable()
export class PaymentLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Learns the link a send command carries; a redelivered command changes nothing. */
  async learn(tx: EntityManager, channel: 'sms' | 'email', command: EventEnvelope<SmsRequestedV1 | EmailRequestedV1>, ttlHours: number): Promise<void> {
    const d = command.data;
    const createdAt = new Date(command.occurredAt);
    await tx.query(
      `INSERT INTO payment_link (code_sha256, tenant_id, account_id, case_id, step_id, channel, amount_minor, currency, language,
         brand_name, merchant_name, due_date, command_id, correlation_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING`,
      [
        codeHash(d.paymentLink.code), command.tenantId, command.accountId, d.caseId, d.stepId, channel, d.amountDue.amountMinor,
        d.amountDue.currency, d.language, d.brandName, d.merchantName, d.dueDate, command.id, command.correlationId,
        createdAt, new Date(createdAt.getTime() + ttlHours * 3_600_000),
      ],
    );
  }

  async find(code: string): Promise<PaymentLink | undefined> {
    if (!LINK_CODE.test(code)) return undefined;
    const [row] = await this.dataSource.query(
      `SELECT tenant_id, account_id, case_id, step_id, channel, amount_minor, currency, language, brand_name, merchant_name,
         due_date::text AS due_date, command_id, correlation_id, expires_at
       FROM payment_link WHERE code_sha256 = $1`,
      [codeHash(code)],
    );
    if (!row) return undefined;
    return {
      code,
      tenantId: row.tenant_id,
      accountId: row.account_id,
      caseId: row.case_id,
      stepId: row.step_id,
      channel: row.channel,
      amount: { amountMinor: row.amount_minor, currency: row.currency },
      language: row.language,
      brandName: row.brand_name,
      merchantName: row.merchant_name,
      dueDate: row.due_date,
      commandId: row.command_id,
      correlationId: row.correlation_id,
      expiresAt: row.expires_at,
    };
  }

  /** Records an open; false when the link was already opened within the last minute (a reload, a double tap). */
  async recordOpen(tx: EntityManager, code: string, at: Date): Promise<boolean> {
    // TypeORM's postgres driver answers an UPDATE with [rows, affected count].
    const [, affected] = await tx.query(
      `UPDATE payment_link SET first_opened_at = coalesce(first_opened_at, $2), last_opened_at = $2
       WHERE code_sha256 = $1 AND (last_opened_at IS NULL OR last_opened_at <= $2::timestamptz - interval '1 minute')`,
      [codeHash(code), at],
    );
    return affected > 0;
  }

  /** Records a view of the link's plans page; false when it was shown within the last minute (a reload). */
  async recordPlansView(tx: EntityManager, code: string, at: Date): Promise<boolean> {
    const [, affected] = await tx.query(
      `UPDATE payment_link SET plans_viewed_at = $2
       WHERE code_sha256 = $1 AND (plans_viewed_at IS NULL OR plans_viewed_at <= $2::timestamptz - interval '1 minute')`,
      [codeHash(code), at],
    );
    return affected > 0;
  }

  /**
   * Records the plan agreed from the link's plans page; false when it was already recorded. Two
   * submits racing both hear "agreed" from the negotiation service: the row lock makes the second
   * UPDATE see the first's plan and change nothing, so the choice is one event.
   */
  async recordPlanChosen(tx: EntityManager, code: string, planId: string): Promise<boolean> {
    const [, affected] = await tx.query(
      `UPDATE payment_link SET chosen_plan_id = $2 WHERE code_sha256 = $1 AND chosen_plan_id IS DISTINCT FROM $2`,
      [codeHash(code), planId],
    );
    return affected > 0;
  }
}
