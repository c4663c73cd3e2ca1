import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EVENTS, EventOrigin, PLAN_EVENTS_V1, accountIdFor, newEvent } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { ART22_RULE, RestructuringOption, RestructuringResult, restructuringOptions } from '@settle/negotiation';
import {
  CircuitOpenError, PlatformBudgetExceededError, PlatformConflictError, PlatformError, PlatformNotFoundError, PlatformTimeoutError, restructuringInputOf,
} from '@settle/platform-connector';
import { ProblemException } from '@settle/service-kit';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { v4 as uuidv4 } from 'uuid';
import { TrackedPlan, trackPlan } from '../domain/plan-tracker';
import { PLATFORM_CONNECTOR, PlatformConnector } from '../platform/platform-connector.provider';
import { PolicyRepository } from '../policy/policy.repository';
import { AgreementRequestDto, OptionsRequestDto } from './negotiation.dto';

const DEFAULT_BUDGET_MS = 1_500;

export interface OptionsAnswer {
  accountId: string;
  externalAccountRef: string;
  result: RestructuringResult;
  /** Set when the automated refusal has a human review requested (today's, if one was already). */
  reviewRequested: boolean;
}

interface AgreementRow {
  id: string;
  status: 'pending' | 'active' | 'completed' | 'broken' | 'superseded';
  request_hash: string;
  lender_plan_ref: string | null;
  option: RestructuringOption;
  source: string;
  kind: string;
  case_id: string | null;
}

/** Options for an account (lender ∩ tenant ∩ jurisdiction) and agreements written back to the lender once. */
@Injectable()
export class NegotiationService {
  constructor(
    @Inject(PLATFORM_CONNECTOR) private readonly connector: PlatformConnector,
    private readonly policies: PolicyRepository,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async options(req: OptionsRequestDto): Promise<OptionsAnswer> {
    const accountId = accountIdFor(req.tenantId, req.externalAccountRef);
    const result = await this.compute(req);
    let reviewRequested = false;
    if (result.humanReview.required) {
      await this.dataSource.transaction((tx) => this.requestReview(tx, req, accountId, result.humanReview.reason ?? 'automated refusal', result.humanReview.ruleId));
      reviewRequested = true;
    }
    return { accountId, externalAccountRef: req.externalAccountRef, result, reviewRequested };
  }

  /**
   * Agreement, idempotent on (tenant, Idempotency-Key): the first request claims a pending row
   * holding the chosen plan, writes it back to the lender with the plan id as the lender's
   * idempotency key, then activates it and emits plan.agreed in one transaction. A retry of the
   * same request resumes or replays; the same key with another request is a conflict.
   */
  async agree(req: AgreementRequestDto, idempotencyKey: string): Promise<{ status: 200 | 201; body: Record<string, unknown> }> {
    const accountId = accountIdFor(req.tenantId, req.externalAccountRef);
    const { budgetMs: _budget, ...identity } = req;
    const hash = createHash('sha256').update(JSON.stringify(sortKeys(identity))).digest('hex');
    let row = await this.find(this.dataSource.manager, req.tenantId, idempotencyKey);
    if (row && row.request_hash !== hash) throw new ProblemException(409, 'idempotency-conflict', 'This Idempotency-Key was used with a different request.');
    if (row && row.status !== 'pending') return { status: 200, body: { ...this.view(row, accountId, req), replayed: true } };

    if (!row) {
      const result = await this.compute(req);
      const option = result.options.find((o) => o.kind === req.kind);
      if (!option) {
        // The debtor asked for this restructuring and automated means refuse it: a person may review (GDPR Art. 22).
        const reasons = result.notOffered.find((n) => n.kind === req.kind)?.reasons ?? ['not offered'];
        const reason = result.humanReview.reason ?? `automated refusal of a ${req.kind}: ${reasons.join('; ')}; a person may review the request`;
        await this.dataSource.transaction((tx) => this.requestReview(tx, req, accountId, reason, ART22_RULE));
        throw new ProblemException(422, 'not-offered', `A ${req.kind} cannot be offered for this account: ${reasons.join('; ')}`, {
          offered: result.options.map((o) => o.kind),
          humanReview: { required: true, reason, ruleId: ART22_RULE, requested: true },
        });
      }
      const tracked = trackPlan(option.plan.currency, option.plan.instalments.map((i) => ({ dueDate: i.dueDate, amountMinor: i.amount.amountMinor })));
      const inserted: { id: string }[] = await this.dataSource.query(
        `INSERT INTO agreement (id, tenant_id, account_id, external_ref, case_id, source, kind, idempotency_key, request_hash, status, tracked, option)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $11) ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id`,
        [uuidv4(), req.tenantId, accountId, req.externalAccountRef, req.caseId ?? null, req.source, req.kind, idempotencyKey, hash, JSON.stringify(tracked), JSON.stringify(option)],
      );
      row = await this.find(this.dataSource.manager, req.tenantId, idempotencyKey);
      if (!row) throw new Error('agreement row vanished');
      if (inserted.length === 0 && row.request_hash !== hash) throw new ProblemException(409, 'idempotency-conflict', 'This Idempotency-Key was used with a different request.');
    }
    const body = await this.writeBackAndActivate(row, req, accountId);
    return { status: body.replayed ? 200 : 201, body };
  }

  private async writeBackAndActivate(row: AgreementRow, req: AgreementRequestDto, accountId: string): Promise<Record<string, unknown>> {
    const option = row.option;
    const agreedAt = this.clock.now();
    let lenderPlanRef: string;
    try {
      const written = await this.connector.writePlan(
        req.externalAccountRef,
        {
          planId: row.id,
          source: req.source,
          kind: option.kind,
          currency: option.plan.currency,
          instalments: option.plan.instalments.map((i) => ({ dueDate: i.dueDate, amount: { amountMinor: i.amount.amountMinor, currency: i.amount.currency } })),
          feeMinor: option.plan.fee.amountMinor,
          agreedAt: agreedAt.toISOString(),
        },
        `settle-plan-${row.id}`,
        { budgetMs: req.budgetMs ?? DEFAULT_BUDGET_MS * 2 },
      );
      lenderPlanRef = written.planRef;
    } catch (error) {
      throw platformProblem(error, 'The agreement is recorded as pending; retry with the same Idempotency-Key.');
    }
    return this.dataSource.transaction(async (tx) => {
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [updated] = (await tx.query(`UPDATE agreement SET status = 'active', lender_plan_ref = $2, updated_at = now() WHERE id = $1 AND status = 'pending' RETURNING *`, [
        row.id,
        lenderPlanRef,
      ])) as [AgreementRow[], number];
      const current = updated[0] ?? (await this.find(tx, req.tenantId, undefined, row.id))!;
      if (updated.length > 0) {
        // A new agreement supersedes the account's earlier one.
        await tx.query(`UPDATE agreement SET status = 'superseded', updated_at = now() WHERE tenant_id = $1 AND account_id = $2 AND status = 'active' AND id <> $3`, [
          req.tenantId,
          accountId,
          row.id,
        ]);
        const tracked = (await tx.query('SELECT tracked FROM agreement WHERE id = $1', [row.id]))[0].tracked as TrackedPlan;
        await new OutboxWriter(tx).add(
          PLAN_EVENTS_V1,
          newEvent(EVENTS.planAgreed, this.origin(req.tenantId, accountId, row.case_id ?? undefined), {
            planId: row.id,
            externalAccountRef: req.externalAccountRef,
            ...(row.case_id ? { caseId: row.case_id } : {}),
            source: req.source,
            kind: option.kind,
            instalments: tracked.instalments.map((i) => ({ number: i.number, dueDate: i.dueDate, amount: { amountMinor: i.amountMinor, currency: tracked.currency } })),
            total: option.plan.total,
            fee: option.plan.fee,
            lenderPlanRef,
            agreedAt: agreedAt.toISOString(),
          }),
        );
      }
      // Two identical requests at once both reach here; only the one that activated the row is the original.
      return { ...this.view(current, accountId, req), replayed: updated.length === 0 };
    });
  }

  private async compute(req: OptionsRequestDto | AgreementRequestDto): Promise<RestructuringResult> {
    const budgetMs = req.budgetMs ?? DEFAULT_BUDGET_MS;
    const [account, allowed, stored] = await Promise.all([
      this.connector.balance(req.externalAccountRef, { budgetMs }),
      this.connector.restructurings(req.externalAccountRef, { budgetMs }),
      this.policies.get(this.dataSource.manager, req.tenantId),
    ]).catch((error: unknown) => {
      throw platformProblem(error);
    });
    const today = this.clock.now().toISOString().slice(0, 10);
    try {
      return restructuringOptions(restructuringInputOf(account, allowed, stored.policy, today, { jurisdiction: req.jurisdiction, sayCanPay: req.sayCanPay, preferences: req.preferences }));
    } catch (error) {
      if (error instanceof RangeError) throw new ProblemException(422, 'unprocessable', `The account's data cannot be negotiated on: ${error.message}`);
      throw error;
    }
  }

  /** plan.review_requested, once per account, rule and UTC day (see the review_request table). */
  private async requestReview(tx: EntityManager, req: OptionsRequestDto, accountId: string, reason: string, ruleId: string): Promise<void> {
    const event = newEvent(EVENTS.planReviewRequested, this.origin(req.tenantId, accountId, req.caseId), {
      externalAccountRef: req.externalAccountRef,
      ...(req.caseId ? { caseId: req.caseId } : {}),
      source: req.source ?? 'api',
      reason: reason.slice(0, 2000),
      ruleId,
    });
    const claimed: unknown[] = await tx.query(
      `INSERT INTO review_request (tenant_id, account_id, rule_id, requested_on, event_id, source) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [req.tenantId, accountId, ruleId, event.occurredAt.slice(0, 10), event.id, req.source ?? 'api'],
    );
    if (claimed.length > 0) await new OutboxWriter(tx).add(PLAN_EVENTS_V1, event);
  }

  private async find(tx: EntityManager, tenantId: string, key?: string, id?: string): Promise<AgreementRow | undefined> {
    const rows: AgreementRow[] = id
      ? await tx.query('SELECT * FROM agreement WHERE id = $1', [id])
      : await tx.query('SELECT * FROM agreement WHERE tenant_id = $1 AND idempotency_key = $2', [tenantId, key]);
    return rows[0];
  }

  private view(row: AgreementRow, accountId: string, req: AgreementRequestDto): Record<string, unknown> {
    return {
      planId: row.id,
      accountId,
      externalAccountRef: req.externalAccountRef,
      status: row.status,
      source: row.source,
      kind: row.kind,
      lenderPlanRef: row.lender_plan_ref,
      plan: { instalments: row.option.plan.instalments, total: row.option.plan.total, fee: row.option.plan.fee },
      why: row.option.why,
    };
  }

  private origin(tenantId: string, accountId: string, caseId?: string): EventOrigin {
    return { tenantId, accountId, ...(caseId ? { caseId } : {}), producer: 'negotiation', occurredAt: this.clock.now() };
  }
}

/** A platform failure as problem+json: unknown account 404, open circuit 503 (+ Retry-After), budget/timeout 504, others 502. */
export function platformProblem(error: unknown, hint = ''): Error {
  if (error instanceof ProblemException) return error;
  const suffix = hint ? ` ${hint}` : '';
  if (error instanceof PlatformNotFoundError) return new ProblemException(404, 'account-not-found', `The lender's platform does not know this account.${suffix}`);
  if (error instanceof PlatformConflictError) return new ProblemException(409, 'lender-conflict', `The lender's platform refused the plan: ${error.detail}.${suffix}`);
  if (error instanceof CircuitOpenError) {
    return new ProblemException(503, 'lender-unavailable', `The lender's platform is failing; calls resume after ${error.retryAt.toISOString()}.${suffix}`, {
      retryAfterSeconds: Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000)),
    });
  }
  if (error instanceof PlatformBudgetExceededError || error instanceof PlatformTimeoutError) return new ProblemException(504, 'lender-timeout', `${error.message}.${suffix}`);
  if (error instanceof PlatformError) return new ProblemException(502, 'lender-error', `${error.message}.${suffix}`);
  return error instanceof Error ? error : new Error(String(error));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}
