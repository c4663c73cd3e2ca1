import { Controller, Get, Param, Query } from '@nestjs/common';
import { FieldError, Money, UUID_PATTERN } from '@settle/contracts';
import { ProblemException } from '@settle/service-kit';
import { DataSource } from 'typeorm';
import type { CaseStatus } from '../domain/recovery-case';
import { STATUSES, encodeCursor, iso, openedKey, pageOf, single } from './case-query';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

const OPENED_KEY = openedKey();

export interface CaseSummary {
  id: string;
  accountId: string;
  status: CaseStatus;
  amountDue: Money;
  recovered: Money;
  contactsSent: number;
  openedAt: string;
  closedAt: string | null;
  outcome: string | null;
}

export interface CasePage {
  items: CaseSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface CaseDetail extends CaseSummary {
  tenantId: string;
  workflowId: string;
  /** Only what explains the timeline; the rest of the contact profile is personal data and stays inside. */
  contact: { timeZone: string | null; country: string | null };
  instalments: unknown[];
  transitions: { from: string | null; to: string; reason: string; causeEventId: string; at: string }[];
  /** The case's workflow timers: fired, pending (with when), cancelled… */
  /** kind: contact (a workflow step), wake (an internal timer) or plan_reminder (a missed plan instalment's reminder; step = the instalment's number). */
  steps: { id: string; step: number; kind?: string; channel: string; tone: string; status: string; dueAt: string; firedAt: string | null }[];
  complianceDecisions: { stepId: string; channel: string; outcome: string; until: string | null; ruleIds: string[]; reasons: string[]; decidedAt: string }[];
  contactAttempts: { stepId: string; channel: string; outcome: string; detail: string | null; requestedAt: string; updatedAt: string }[];
}

/** Read-only view of recovery cases for operators and the demo: raw SQL over the scheduler's own tables. */
@Controller('v1/cases')
export class CasesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list(@Query() query: Record<string, unknown>): Promise<CasePage> {
    const errors: FieldError[] = [];
    const tenantId = single(query, 'tenantId', errors);
    const status = single(query, 'status', errors);

    if (query.tenantId === undefined) errors.push({ field: 'tenantId', problem: 'is required' });
    else if (tenantId !== undefined && !UUID_PATTERN.test(tenantId)) errors.push({ field: 'tenantId', problem: 'must be a UUID' });
    if (status !== undefined && !(STATUSES as string[]).includes(status)) {
      errors.push({ field: 'status', problem: `must be one of: ${STATUSES.join(', ')}` });
    }
    const { limit, cursor } = pageOf(query, errors, { fallback: DEFAULT_LIMIT, max: MAX_LIMIT });
    if (errors.length) throw new ProblemException(400, 'validation', 'The query is invalid.', { errors });

    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT id, account_id, status, currency, amount_due_minor, recovered_minor, contacts_sent, opened_at, closed_at, outcome,
              ${OPENED_KEY} AS opened_key
       FROM recovery_case
       WHERE tenant_id = $1
         AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (opened_at, id) > ($3::timestamptz, $4::uuid))
       ORDER BY opened_at, id
       LIMIT $5`,
      [tenantId, status ?? null, cursor?.openedAt ?? null, cursor?.id ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toSummary), nextCursor: rows.length > limit && last ? encodeCursor(last.opened_key, last.id) : null };
  }

  @Get(':id')
  async detail(@Param('id') id: string): Promise<CaseDetail> {
    if (!UUID_PATTERN.test(id)) throw new ProblemException(400, 'validation', 'The case id is invalid.', { errors: [{ field: 'id', problem: 'must be a UUID' }] });
    const [row]: (CaseRow & { tenant_id: string; workflow_id: string; instalments: unknown[]; time_zone: string | null; country: string | null })[] =
      await this.dataSource.query(
        `SELECT id, tenant_id, account_id, status, workflow_id, currency, amount_due_minor, recovered_minor, contacts_sent, instalments,
                opened_at, closed_at, outcome, contact->>'timeZone' AS time_zone, contact->>'country' AS country
         FROM recovery_case WHERE id = $1`,
        [id],
      );
    if (!row) throw new ProblemException(404, 'not-found', `There is no case ${id}.`);

    const [transitions, steps, decisions, attempts] = await Promise.all([
      this.dataSource.query(`SELECT from_status, to_status, reason, cause_event_id, at FROM case_transition WHERE case_id = $1 ORDER BY at, id`, [id]),
      this.dataSource.query(`SELECT id, step, kind, channel, tone, status, due_at, fired_at FROM contact_step WHERE case_id = $1 ORDER BY step, due_at, id`, [id]),
      this.dataSource.query(
        `SELECT step_id, channel, outcome, until, rule_ids, reasons, decided_at FROM compliance_decision WHERE case_id = $1 ORDER BY decided_at, id`,
        [id],
      ),
      this.dataSource.query(
        `SELECT step_id, channel, outcome, detail, requested_at, updated_at FROM contact_attempt WHERE case_id = $1 ORDER BY requested_at, step_id`,
        [id],
      ),
    ]);
    return {
      ...toSummary(row),
      tenantId: row.tenant_id,
      workflowId: row.workflow_id,
      contact: { timeZone: row.time_zone, country: row.country },
      instalments: row.instalments,
      transitions: transitions.map((t: Record<string, unknown>) => ({
        from: t.from_status as string | null,
        to: t.to_status as string,
        reason: t.reason as string,
        causeEventId: t.cause_event_id as string,
        at: iso(t.at as Date),
      })),
      steps: steps.map((t: Record<string, unknown>) => ({
        id: t.id as string,
        step: t.step as number,
        kind: t.kind as string,
        channel: t.channel as string,
        tone: t.tone as string,
        status: t.status as string,
        dueAt: iso(t.due_at as Date),
        firedAt: t.fired_at ? iso(t.fired_at as Date) : null,
      })),
      complianceDecisions: decisions.map((d: Record<string, unknown>) => ({
        stepId: d.step_id as string,
        channel: d.channel as string,
        outcome: d.outcome as string,
        until: d.until ? iso(d.until as Date) : null,
        ruleIds: d.rule_ids as string[],
        reasons: d.reasons as string[],
        decidedAt: iso(d.decided_at as Date),
      })),
      contactAttempts: attempts.map((a: Record<string, unknown>) => ({
        stepId: a.step_id as string,
        channel: a.channel as string,
        outcome: a.outcome as string,
        detail: (a.detail as string | null) ?? null,
        requestedAt: iso(a.requested_at as Date),
        updatedAt: iso(a.updated_at as Date),
      })),
    };
  }
}

interface CaseRow {
  id: string;
  account_id: string;
  status: CaseStatus;
  currency: string;
  amount_due_minor: string;
  recovered_minor: string;
  contacts_sent: number;
  opened_at: Date;
  closed_at: Date | null;
  outcome: string | null;
  opened_key: string;
}

function toSummary(row: CaseRow): CaseSummary {
  const currency = row.currency.trim();
  return {
    id: row.id,
    accountId: row.account_id,
    status: row.status,
    amountDue: { amountMinor: Number(row.amount_due_minor), currency },
    recovered: { amountMinor: Number(row.recovered_minor), currency },
    contactsSent: row.contacts_sent,
    openedAt: iso(row.opened_at),
    closedAt: row.closed_at ? iso(row.closed_at) : null,
    outcome: row.outcome,
  };
}
