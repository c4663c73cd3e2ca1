import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { ANALYTICS_OUTCOMES_V1, EVENTS, EventEnvelope, isEvent, newEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { DataSource } from 'typeorm';

export interface TenantSummary {
  tenantId: string;
  events: Record<string, number>;
  cases: { opened: number; resolved: number; open: number };
  recovered: Record<string, number>;
  smsSent: number;
  recoveryRate: number | null;
}

/** Folds the event stream into per-tenant figures and one outcome record per finished case. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(event: EventEnvelope, ctx: ConsumerContext): Promise<void> {
    const { tx } = ctx;
    await tx.query(
      `INSERT INTO event_count (tenant_id, type, day, count) VALUES ($1, $2, ($3::timestamptz AT TIME ZONE 'UTC')::date, 1)
       ON CONFLICT (tenant_id, type, day) DO UPDATE SET count = event_count.count + 1`,
      [event.tenantId, event.type, event.occurredAt],
    );
    if (isEvent(event, EVENTS.caseOpened)) {
      await tx.query(
        `INSERT INTO case_fact (case_id, tenant_id, opened_at, currency, amount_due_minor) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id) DO UPDATE SET opened_at = $3, currency = $4, amount_due_minor = $5`,
        [event.data.caseId, event.tenantId, event.occurredAt, event.data.amountDue.currency, event.data.amountDue.amountMinor],
      );
    } else if (isEvent(event, EVENTS.smsSent) || isEvent(event, EVENTS.smsFailed)) {
      const column = event.type === EVENTS.smsSent.type ? 'sms_sent' : 'sms_failed';
      await tx.query(
        `INSERT INTO case_fact (case_id, tenant_id, ${column}) VALUES ($1, $2, 1) ON CONFLICT (case_id) DO UPDATE SET ${column} = case_fact.${column} + 1`,
        [event.data.caseId, event.tenantId],
      );
    } else if (isEvent(event, EVENTS.caseClosed)) {
      const [fact] = await tx.query(
        `INSERT INTO case_fact (case_id, tenant_id, closed_at, outcome, recovered_minor, currency) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (case_id) DO UPDATE SET closed_at = $3, outcome = $4, recovered_minor = $5
         RETURNING opened_at, sms_sent`,
        [event.data.caseId, event.tenantId, event.occurredAt, event.data.outcome, event.data.amountRecovered.amountMinor, event.data.amountRecovered.currency],
      );
      const openedAt = fact?.opened_at as Date | null;
      await ctx.outbox.add(
        ANALYTICS_OUTCOMES_V1,
        newEvent(
          EVENTS.caseOutcome,
          { tenantId: event.tenantId, accountId: event.accountId, caseId: event.data.caseId, producer: 'analytics', occurredAt: this.clock.now(), cause: event },
          {
            caseId: event.data.caseId,
            outcome: event.data.outcome,
            amountRecovered: event.data.amountRecovered,
            smsSent: fact?.sms_sent ?? 0,
            ...(openedAt ? { secondsToOutcome: Math.max(0, Math.round((new Date(event.occurredAt).getTime() - openedAt.getTime()) / 1000)) } : {}),
          },
        ),
      );
    }
  }

  async summary(tenantId: string): Promise<TenantSummary> {
    const counts = await this.dataSource.query(`SELECT type, sum(count)::int AS n FROM event_count WHERE tenant_id = $1 GROUP BY type`, [tenantId]);
    const [cases] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE opened_at IS NOT NULL)::int AS opened, count(*) FILTER (WHERE outcome = 'resolved')::int AS resolved,
              count(*) FILTER (WHERE opened_at IS NOT NULL AND closed_at IS NULL)::int AS open, coalesce(sum(sms_sent), 0)::int AS sms
       FROM case_fact WHERE tenant_id = $1`,
      [tenantId],
    );
    const recovered = await this.dataSource.query(
      `SELECT currency, sum(recovered_minor)::bigint AS minor FROM case_fact WHERE tenant_id = $1 AND currency IS NOT NULL GROUP BY currency`,
      [tenantId],
    );
    return {
      tenantId,
      events: Object.fromEntries(counts.map((r: { type: string; n: number }) => [r.type, r.n])),
      cases: { opened: cases.opened, resolved: cases.resolved, open: cases.open },
      recovered: Object.fromEntries(recovered.map((r: { currency: string; minor: string }) => [r.currency.trim(), Number(r.minor)])),
      smsSent: cases.sms,
      recoveryRate: cases.opened > 0 ? cases.resolved / cases.opened : null,
    };
  }
}
