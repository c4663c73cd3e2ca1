import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EventEnvelope, FieldError, UUID_PATTERN } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { withTenant } from '@settle/persistence';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CaseChange, CaseStatus, RecoveryCase } from '../domain/recovery-case';
import { WorkflowRegistry } from '../workflows/workflow.registry';
import { CaseDetail, CasesController, CaseSummary } from './cases.controller';
import { CaseRepository } from './case.repository';
import { CaseWorkflowService } from './case-workflow.service';
import { STATUSES, encodeCursor, iso, openedKey, pageOf, single } from './case-query';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const MANUAL_ACTIONS = ['pause', 'resume', 'close', 'escalate'] as const;
export type ManualAction = (typeof MANUAL_ACTIONS)[number];
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

const OPENED_KEY = openedKey('c');
/** The last time anything happened to a case: opened, changed status, or a contact attempt moved. */
const UPDATED_AT = `GREATEST(c.opened_at,
  (SELECT max(t.at) FROM case_transition t WHERE t.case_id = c.id),
  (SELECT max(a.updated_at) FROM contact_attempt a WHERE a.case_id = c.id))`;

export interface TenantCaseSummary extends CaseSummary {
  updatedAt: string;
}

export interface TimelineEntry {
  at: string;
  kind: 'status_changed' | 'step_scheduled' | 'compliance_decision' | 'contact_attempt';
  summary: string;
  [detail: string]: unknown;
}

/**
 * The scheduler's case API for other Settle services (ingest's public API): always scoped to one
 * tenant — a case of another tenant is "not found", never "forbidden" — and guarded by the
 * service-to-service credential (ADMIN_TOKEN). Manual actions go through the same state machine
 * and effects as every event.
 */
@Controller('internal/v1/tenants/:tenantId/cases')
@UseGuards(AdminTokenGuard)
export class InternalCasesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly workflow: CaseWorkflowService,
    private readonly workflows: WorkflowRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Param('tenantId') tenantId: string, @Query() query: Record<string, unknown>): Promise<{ items: TenantCaseSummary[]; nextCursor: string | null }> {
    const errors: FieldError[] = [];
    checkTenant(tenantId);
    const status = single(query, 'status', errors);
    const accountId = single(query, 'accountId', errors);
    const updatedSince = single(query, 'updatedSince', errors);
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) errors.push({ field: 'status', problem: `must be one of: ${STATUSES.join(', ')}` });
    if (accountId !== undefined && !UUID_PATTERN.test(accountId)) errors.push({ field: 'accountId', problem: 'must be a UUID' });
    if (updatedSince !== undefined && (!INSTANT.test(updatedSince) || Number.isNaN(Date.parse(updatedSince)))) {
      errors.push({ field: 'updatedSince', problem: 'must be an instant with an offset, e.g. 2026-03-02T10:00:00Z' });
    }
    const { limit, cursor } = pageOf(query, errors, { fallback: DEFAULT_LIMIT, max: MAX_LIMIT });
    if (errors.length) throw new ProblemException(400, 'validation', 'The query is invalid.', { errors });

    // Reads run under row-level security for the tenant as well as naming it in every WHERE.
    const rows: Record<string, unknown>[] = await withTenant(this.dataSource, tenantId, (tx) => tx.query(
      `SELECT * FROM (
         SELECT c.id, c.account_id, c.status, c.currency, c.amount_due_minor, c.recovered_minor, c.contacts_sent, c.opened_at, c.closed_at,
                c.outcome, ${OPENED_KEY} AS opened_key, ${UPDATED_AT} AS updated_at
         FROM recovery_case c
         WHERE c.tenant_id = $1
           AND ($2::text IS NULL OR c.status = $2)
           AND ($3::uuid IS NULL OR c.account_id = $3)
           AND ($4::timestamptz IS NULL OR (c.opened_at, c.id) > ($4::timestamptz, $5::uuid))
       ) page
       WHERE ($6::timestamptz IS NULL OR page.updated_at >= $6::timestamptz)
       ORDER BY page.opened_at, page.id
       LIMIT $7`,
      [tenantId, status ?? null, accountId ?? null, cursor?.openedAt ?? null, cursor?.id ?? null, updatedSince ?? null, limit + 1],
    ));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > limit && last ? encodeCursor(last.opened_key as string, last.id as string) : null,
    };
  }

  @Get(':caseId')
  async detail(@Param('tenantId') tenantId: string, @Param('caseId') caseId: string): Promise<CaseDetail & { updatedAt: string; timeline: TimelineEntry[] }> {
    checkTenant(tenantId);
    await this.ownedBy(tenantId, caseId);
    const detail = await withTenant(this.dataSource, tenantId, (tx) => new CasesController(serialised(tx)).detail(caseId));
    const timeline = timelineOf(detail);
    const updatedAt = timeline.reduce((max, e) => (e.at > max ? e.at : max), detail.openedAt);
    return { ...detail, updatedAt, timeline };
  }

  @Post(':caseId/actions/:action')
  @HttpCode(200)
  async act(
    @Param('tenantId') tenantId: string,
    @Param('caseId') caseId: string,
    @Param('action') action: string,
    @Body() body: unknown,
  ): Promise<CaseDetail & { updatedAt: string; timeline: TimelineEntry[] }> {
    checkTenant(tenantId);
    if (!(MANUAL_ACTIONS as readonly string[]).includes(action)) {
      throw new ProblemException(404, 'not-found', `There is no action ${action}; the actions are ${MANUAL_ACTIONS.join(', ')}.`);
    }
    const reason = reasonOf(body, action as ManualAction);
    await this.ownedBy(tenantId, caseId);
    await this.dataSource.transaction(async (tx) => {
      const stored = await this.cases.lock(tx, caseId);
      if (!stored || stored.state.tenantId !== tenantId) throw notFound(caseId);
      const at = this.clock.now();
      const cause: EventEnvelope = {
        id: uuidv7(), type: `case.manual_${action}`, version: 1, tenantId, accountId: stored.state.accountId, caseId,
        occurredAt: at.toISOString(), producer: 'scheduler', correlationId: uuidv7(), data: { reason },
      };
      const by = { eventId: cause.id, at };
      let change: CaseChange;
      switch (action as ManualAction) {
        case 'pause': change = RecoveryCase.pause(stored.state, reason, by); break;
        case 'resume': change = RecoveryCase.resume(stored.state, await this.workflows.byId(stored.state.workflowId), reason, by); break;
        case 'close': change = RecoveryCase.close(stored.state, reason, by); break;
        case 'escalate': change = RecoveryCase.escalate(stored.state, reason, by); break;
      }
      if (change.ignored) {
        throw new ProblemException(409, 'transition-not-allowed', `Cannot ${action} this case: ${change.ignored}.`, { caseStatus: stored.state.status, action });
      }
      await this.workflow.apply({ tx, outbox: new OutboxWriter(tx) }, change, undefined, cause);
    });
    return this.detail(tenantId, caseId);
  }

  private async ownedBy(tenantId: string, caseId: string): Promise<void> {
    if (!UUID_PATTERN.test(caseId)) throw new ProblemException(400, 'validation', 'The case id is invalid.', { errors: [{ field: 'caseId', problem: 'must be a UUID' }] });
    const [row] = await this.dataSource.query(`SELECT 1 FROM recovery_case WHERE id = $1 AND tenant_id = $2`, [caseId, tenantId]);
    if (!row) throw notFound(caseId);
  }
}

/** The operator controller's reads on one transaction's connection, one query at a time (it issues them concurrently). */
function serialised(tx: EntityManager): DataSource {
  let queue: Promise<unknown> = Promise.resolve();
  const query = (sql: string, params?: unknown[]) => {
    const next = queue.then(() => tx.query(sql, params));
    queue = next.catch(() => undefined);
    return next;
  };
  return { query } as unknown as DataSource;
}

function notFound(caseId: string): ProblemException {
  return new ProblemException(404, 'not-found', `There is no case ${caseId}.`);
}

function checkTenant(tenantId: string): void {
  if (!UUID_PATTERN.test(tenantId)) throw new ProblemException(400, 'validation', 'The tenant id is invalid.', { errors: [{ field: 'tenantId', problem: 'must be a UUID' }] });
}

function reasonOf(body: unknown, action: ManualAction): string {
  const given = body && typeof body === 'object' ? (body as { reason?: unknown }).reason : undefined;
  if (given === undefined || given === null) return `manual ${action} by the lender`;
  if (typeof given !== 'string' || given.trim().length === 0 || given.length > 500) {
    throw new ProblemException(400, 'validation', 'The request body is invalid.', { errors: [{ field: 'reason', problem: 'must be a string of 1 to 500 characters' }] });
  }
  return given.trim();
}

/** Every recorded event of the case, oldest first. */
export function timelineOf(detail: CaseDetail): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...detail.transitions.map((t) => ({
      at: t.at, kind: 'status_changed' as const, summary: `${t.from ?? '(new)'} → ${t.to}: ${t.reason}`, from: t.from, to: t.to, reason: t.reason, causeEventId: t.causeEventId,
    })),
    ...detail.steps.filter((s) => s.step >= 0).map((s) => ({
      at: s.firedAt ?? s.dueAt, kind: 'step_scheduled' as const,
      summary: s.kind === 'plan_reminder' ? `plan reminder for instalment ${s.step} (${s.channel}, ${s.tone}) ${s.status}` : `step ${s.step} (${s.channel}, ${s.tone}) ${s.status}`,
      stepId: s.id, step: s.step, channel: s.channel, status: s.status, dueAt: s.dueAt, firedAt: s.firedAt,
    })),
    ...detail.complianceDecisions.map((d) => ({
      at: d.decidedAt, kind: 'compliance_decision' as const, summary: `${d.channel}: ${d.outcome}${d.reasons.length ? ` (${d.reasons.join('; ')})` : ''}`,
      stepId: d.stepId, channel: d.channel, outcome: d.outcome, until: d.until, ruleIds: d.ruleIds, reasons: d.reasons,
    })),
    ...detail.contactAttempts.map((a) => ({
      at: a.updatedAt, kind: 'contact_attempt' as const, summary: `${a.channel} ${a.outcome}`, stepId: a.stepId, channel: a.channel, outcome: a.outcome,
      requestedAt: a.requestedAt, detail: a.detail,
    })),
  ];
  const order = { status_changed: 0, step_scheduled: 1, compliance_decision: 2, contact_attempt: 3 };
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : order[a.kind] - order[b.kind]));
}

function toSummary(row: Record<string, unknown>): TenantCaseSummary {
  const currency = (row.currency as string).trim();
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    status: row.status as CaseStatus,
    amountDue: { amountMinor: Number(row.amount_due_minor), currency },
    recovered: { amountMinor: Number(row.recovered_minor), currency },
    contactsSent: row.contacts_sent as number,
    openedAt: iso(row.opened_at as Date),
    closedAt: row.closed_at ? iso(row.closed_at as Date) : null,
    outcome: (row.outcome as string | null) ?? null,
    updatedAt: iso(row.updated_at as Date),
  };
}
