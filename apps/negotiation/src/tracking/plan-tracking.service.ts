import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EVENTS, EventEnvelope, InstalmentMissedV1, PLAN_EVENTS_V1, PaymentReceivedV1, newEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { LOGGER } from '@settle/service-kit';
import type { Logger } from 'pino';
import { TrackedPlan, TrackingResult, instalmentMissed, paymentReceived } from '../domain/plan-tracker';
import { PLATFORM_CONNECTOR, PlatformConnector } from '../platform/platform-connector.provider';
import { PolicyRepository } from '../policy/policy.repository';
import type { RestructuringKind } from '@settle/negotiation';
import type { AgreementSource } from '@settle/platform-connector';

interface ActiveAgreement {
  id: string;
  kind: RestructuringKind;
  source: AgreementSource;
  external_ref: string;
  case_id: string | null;
  tracked: TrackedPlan;
}

/** Follows each instalment of an agreed plan from the lender's account events. */
@Injectable()
export class PlanTrackingService {
  constructor(
    private readonly policies: PolicyRepository,
    @Inject(PLATFORM_CONNECTOR) private readonly connector: PlatformConnector,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async instalmentMissed(event: EventEnvelope<InstalmentMissedV1>, ctx: ConsumerContext): Promise<void> {
    const active = await this.active(ctx, event);
    if (!active) return;
    const { planRule } = await this.policies.get(ctx.tx, event.tenantId);
    await this.apply(ctx, event, active, instalmentMissed(active.tracked, event.data.instalment.dueDate, planRule));
  }

  async paymentReceived(event: EventEnvelope<PaymentReceivedV1>, ctx: ConsumerContext): Promise<void> {
    const active = await this.active(ctx, event);
    if (!active) return;
    await this.apply(ctx, event, active, paymentReceived(active.tracked, event.data.amount.amountMinor, event.data.amount.currency));
  }

  private async active(ctx: ConsumerContext, event: EventEnvelope): Promise<ActiveAgreement | undefined> {
    const rows: ActiveAgreement[] = await ctx.tx.query(
      `SELECT id, kind, source, external_ref, case_id, tracked FROM agreement WHERE tenant_id = $1 AND account_id = $2 AND status = 'active' ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [event.tenantId, event.accountId],
    );
    if (!rows[0]) await this.ignore(ctx, event, 'no active plan for this account');
    return rows[0];
  }

  private async apply(ctx: ConsumerContext, event: EventEnvelope, agreement: ActiveAgreement, result: TrackingResult): Promise<void> {
    if (result.ignored) return this.ignore(ctx, event, result.ignored);
    const moved = result.outcomes.find((o) => o.kind === 'instalment_missed' && o.action === 'move_to_end');
    if (moved && moved.kind === 'instalment_missed') {
      // The schedule changed: the lender's platform learns it (idempotent per revision; a failure
      // rolls the transaction back and the consumer retries the record).
      const open = result.plan.instalments.filter((i) => i.state !== 'paid' && i.amountMinor > i.paidMinor);
      await this.connector.writePlan(
        agreement.external_ref,
        {
          planId: agreement.id,
          source: agreement.source,
          kind: agreement.kind,
          currency: result.plan.currency,
          instalments: open.map((i) => ({ dueDate: i.dueDate, amount: { amountMinor: i.amountMinor - i.paidMinor, currency: result.plan.currency } })),
          feeMinor: 0,
          agreedAt: this.clock.now().toISOString(),
        },
        `settle-plan-${agreement.id}-rev-${moved.missesSoFar}`,
        { budgetMs: 10_000 },
      );
    }
    const status = result.plan.status === 'active' ? 'active' : result.plan.status;
    await ctx.tx.query(`UPDATE agreement SET tracked = $2, status = $3, updated_at = now() WHERE id = $1`, [agreement.id, JSON.stringify(result.plan), status]);
    const currency = result.plan.currency;
    const money = (amountMinor: number) => ({ amountMinor, currency });
    const ref = { planId: agreement.id, externalAccountRef: agreement.external_ref, ...(agreement.case_id ? { caseId: agreement.case_id } : {}) };
    const origin = { tenantId: event.tenantId, accountId: event.accountId, ...(agreement.case_id ? { caseId: agreement.case_id } : {}), producer: 'negotiation' as const, occurredAt: this.clock.now(), cause: event };
    for (const o of result.outcomes) {
      switch (o.kind) {
        case 'instalment_paid':
          await ctx.outbox.add(PLAN_EVENTS_V1, newEvent(EVENTS.planInstalmentPaid, origin, { ...ref, instalmentNumber: o.instalment.number, amount: money(o.instalment.amountMinor), remaining: money(o.remainingMinor) }));
          break;
        case 'completed':
          await ctx.outbox.add(PLAN_EVENTS_V1, newEvent(EVENTS.planCompleted, origin, { ...ref, totalPaid: money(o.totalPaidMinor) }));
          break;
        case 'instalment_missed':
          await ctx.outbox.add(
            PLAN_EVENTS_V1,
            newEvent(EVENTS.planInstalmentMissed, origin, {
              ...ref,
              instalmentNumber: o.instalment.number,
              amountDue: money(o.instalment.amountMinor - o.instalment.paidMinor),
              dueDate: o.instalment.dueDate,
              missesSoFar: o.missesSoFar,
              action: o.action,
            }),
          );
          break;
        case 'broken':
          await ctx.outbox.add(PLAN_EVENTS_V1, newEvent(EVENTS.planBroken, origin, { ...ref, missesSoFar: o.missesSoFar, reason: o.reason, outstanding: money(o.outstandingMinor) }));
          break;
      }
    }
  }

  private async ignore(ctx: ConsumerContext, event: EventEnvelope, reason: string): Promise<void> {
    this.logger.debug({ eventId: event.id, type: event.type, reason }, 'account event ignored by plan tracking');
    await ctx.tx.query(`INSERT INTO ignored_event (event_id, tenant_id, type, reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [event.id, event.tenantId, event.type, reason]);
  }
}
