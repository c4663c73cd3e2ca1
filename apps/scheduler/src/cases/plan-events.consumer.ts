import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { EVENTS, EventEnvelope, PLAN_EVENTS_V1, isEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { planAgreed, planBroken, planInstalmentMissed } from '../domain/case-plan';
import { CaseChange, RecoveryCaseState } from '../domain/recovery-case';
import { WorkflowRegistry } from '../workflows/workflow.registry';
import { CaseRepository, StoredCase } from './case.repository';
import { CaseWorkflowService } from './case-workflow.service';

/** Plan agreed → the case waits on the plan (no contact); an instalment missed → one reminder for it; plan broken → it reminds again. */
@Controller()
export class PlanEventsConsumer {
  constructor(
    private readonly cases: CaseRepository,
    private readonly workflow: CaseWorkflowService,
    private readonly workflows: WorkflowRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern(PLAN_EVENTS_V1)
  async onPlanEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.planAgreed)) {
      await this.onCase(event, event.data.caseId, ctx, async (stored, cause) => planAgreed(stored.state, event.data.planId, cause, event.data.total));
    } else if (isEvent(event, EVENTS.planInstalmentMissed)) {
      // Only a miss the plan survives arrives here (one that breaks it comes as plan.broken alone).
      await this.onCase(event, event.data.caseId, ctx, async (stored, cause) => planInstalmentMissed(stored.state, event.data, cause));
    } else if (isEvent(event, EVENTS.planBroken)) {
      await this.onCase(event, event.data.caseId, ctx, async (stored, cause) =>
        planBroken(stored.state, await this.workflows.byId(stored.state.workflowId), event.data.reason, cause),
      );
    }
  }

  private async onCase(event: EventEnvelope, caseId: string | undefined, ctx: ConsumerContext, decide: (stored: StoredCase, cause: { eventId: string; at: Date }) => Promise<CaseChange>): Promise<void> {
    const stored = caseId ? await this.cases.lock(ctx.tx, caseId) : await this.cases.findOpenForAccount(ctx.tx, event.tenantId, event.accountId);
    if (!stored || stored.state.tenantId !== event.tenantId) {
      const ignored: CaseChange = { state: undefined as unknown as RecoveryCaseState, transitions: [], effects: [], ignored: caseId ? `unknown case ${caseId}` : 'no open case for this account' };
      await this.workflow.apply(ctx, ignored, undefined, event);
      return;
    }
    await this.workflow.apply(ctx, await decide(stored, { eventId: event.id, at: this.clock.now() }), undefined, event);
  }
}
