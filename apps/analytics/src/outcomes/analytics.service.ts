import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { ANALYTICS_OUTCOMES_V1, EVENTS, EventEnvelope, isEvent, newEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { FactUpsert, outcomeFactOf } from './outcome-facts';

export interface TenantSummary {
  tenantId: string;
  events: Record<string, number>;
  cases: { opened: number; resolved: number; open: number };
  recovered: Record<string, number>;
  smsSent: number;
  recoveryRate: number | null;
  calls: CallFigures;
  plans: PlanFigures;
}

export interface CallFigures {
  /** voice.requested commands: calls the workflow asked for. */
  requested: number;
  /** Calls the telephony provider accepted (call.dialled). */
  placed: number;
  answered: { human: number; machine: number };
  /** Finished calls by outcome (paid, link_sent, promise_to_pay, plan_agreed, escalated, dispute, hardship, wrong_party…). */
  outcomes: Record<string, number>;
  escalated: number;
  linksSent: number;
  durationSeconds: number;
  /** Sums of finished calls, in integer micro-USD as the voice price table states them. */
  costMicroUsd: { telephony: number; llm: number; total: number };
}

export interface PlanFigures {
  agreed: number;
  /** Agreed plans by how they were agreed: voice, plan_link, api. */
  bySource: Record<string, number>;
  active: number;
  completed: number;
  broken: number;
  instalmentsPaid: number;
  instalmentsMissed: number;
  /** Totals of agreed plans and money paid into plans, per currency, in minor units. */
  agreedValue: Record<string, number>;
  paid: Record<string, number>;
  /** Automated refusals that offered review by a person (GDPR Art. 22). */
  reviewRequested: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** One INSERT … ON CONFLICT for a fact row: `set` columns take the new value, `add` columns grow. */
async function upsertFact(tx: EntityManager, fact: FactUpsert): Promise<void> {
  const [keyColumn, keyValue] = fact.key;
  const setColumns = Object.keys(fact.set);
  const addColumns = Object.keys(fact.add);
  const columns = [keyColumn, 'tenant_id', ...setColumns, ...addColumns];
  if (!columns.every((c) => IDENTIFIER.test(c))) throw new Error(`unsafe column in ${fact.table}: ${columns.join(', ')}`);
  const values = [keyValue, fact.tenantId, ...setColumns.map((c) => fact.set[c]), ...addColumns.map((c) => fact.add[c])];
  const updates = [
    ...setColumns.map((c) => `${c} = EXCLUDED.${c}`),
    ...addColumns.map((c) => `${c} = ${fact.table}.${c} + EXCLUDED.${c}`),
  ];
  await tx.query(
    `INSERT INTO ${fact.table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (${keyColumn}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    values,
  );
}

const perCurrency = (rows: { currency: string; minor: string }[]) => Object.fromEntries(rows.map((r) => [r.currency.trim(), Number(r.minor)]));

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
    const fact = outcomeFactOf(event);
    if (fact) await upsertFact(tx, fact);
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
    const events: Record<string, number> = Object.fromEntries(counts.map((r: { type: string; n: number }) => [r.type, r.n]));
    return {
      tenantId,
      events,
      cases: { opened: cases.opened, resolved: cases.resolved, open: cases.open },
      recovered: perCurrency(recovered),
      smsSent: cases.sms,
      recoveryRate: cases.opened > 0 ? cases.resolved / cases.opened : null,
      calls: await this.callFigures(tenantId, events),
      plans: await this.planFigures(tenantId, events),
    };
  }

  private async callFigures(tenantId: string, events: Record<string, number>): Promise<CallFigures> {
    const [c] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE dialled_at IS NOT NULL)::int AS placed,
              count(*) FILTER (WHERE answered_by = 'human')::int AS human, count(*) FILTER (WHERE answered_by = 'machine')::int AS machine,
              count(*) FILTER (WHERE escalations > 0)::int AS escalated, coalesce(sum(links_sent), 0)::int AS links,
              coalesce(sum(duration_seconds), 0)::bigint AS seconds, coalesce(sum(telephony_micro_usd), 0)::bigint AS telephony,
              coalesce(sum(llm_micro_usd), 0)::bigint AS llm, coalesce(sum(total_micro_usd), 0)::bigint AS total
       FROM call_fact WHERE tenant_id = $1`,
      [tenantId],
    );
    const outcomes = await this.dataSource.query(
      `SELECT outcome, count(*)::int AS n FROM call_fact WHERE tenant_id = $1 AND outcome IS NOT NULL GROUP BY outcome`,
      [tenantId],
    );
    return {
      requested: events['voice.requested'] ?? 0,
      placed: c.placed,
      answered: { human: c.human, machine: c.machine },
      outcomes: Object.fromEntries(outcomes.map((r: { outcome: string; n: number }) => [r.outcome, r.n])),
      escalated: c.escalated,
      linksSent: c.links,
      durationSeconds: Number(c.seconds),
      costMicroUsd: { telephony: Number(c.telephony), llm: Number(c.llm), total: Number(c.total) },
    };
  }

  private async planFigures(tenantId: string, events: Record<string, number>): Promise<PlanFigures> {
    const [p] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE agreed_at IS NOT NULL)::int AS agreed, count(*) FILTER (WHERE status = 'active')::int AS active,
              count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*) FILTER (WHERE status = 'broken')::int AS broken,
              coalesce(sum(instalments_paid), 0)::int AS paid, coalesce(sum(instalments_missed), 0)::int AS missed
       FROM plan_fact WHERE tenant_id = $1`,
      [tenantId],
    );
    const bySource = await this.dataSource.query(
      `SELECT source, count(*)::int AS n FROM plan_fact WHERE tenant_id = $1 AND source IS NOT NULL GROUP BY source`,
      [tenantId],
    );
    const agreedValue = await this.dataSource.query(
      `SELECT currency, sum(total_minor)::bigint AS minor FROM plan_fact WHERE tenant_id = $1 AND agreed_at IS NOT NULL GROUP BY currency`,
      [tenantId],
    );
    const paid = await this.dataSource.query(
      `SELECT currency, sum(paid_minor)::bigint AS minor FROM plan_fact WHERE tenant_id = $1 AND currency IS NOT NULL AND paid_minor > 0 GROUP BY currency`,
      [tenantId],
    );
    return {
      agreed: p.agreed,
      bySource: Object.fromEntries(bySource.map((r: { source: string; n: number }) => [r.source, r.n])),
      active: p.active,
      completed: p.completed,
      broken: p.broken,
      instalmentsPaid: p.paid,
      instalmentsMissed: p.missed,
      agreedValue: perCurrency(agreedValue),
      paid: perCurrency(paid),
      reviewRequested: events['plan.review_requested'] ?? 0,
    };
  }
}
