import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CLOCK, Clock } from '@settle/config';
import { EVENTS, EventEnvelope, VOICE_EVENTS_V1, isEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { RecoveryCase } from '../domain/recovery-case';
import { CaseWorkflowService } from './case-workflow.service';

/**
 * What became of an AI call: the contact ledger records it (dialled counts as sent; a call that
 * could not be placed as failed), and outcomes that change the case's path go through the
 * existing transitions — escalated, dispute, hardship, promise to pay (until the promised date), opt-out of calls. A payment made during the
 * call reaches the case through account.events.v1 like any other.
 */
@Controller()
export class VoiceEventsConsumer {
  constructor(
    private readonly workflow: CaseWorkflowService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern(VOICE_EVENTS_V1)
  async onVoiceEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.callDialled)) {
      await this.workflow.attemptOutcome(event as never, ctx, 'sent');
    } else if (isEvent(event, EVENTS.callEscalated)) {
      const reason = `the AI call handed over to a human: ${event.data.reason}`;
      await this.workflow.caseFact(event, event.data.caseId, ctx, ({ state }, cause) => ({ change: RecoveryCase.escalate(state, reason, cause) }));
    } else if (isEvent(event, EVENTS.callEnded)) {
      const { stepId, caseId, outcome, endReason, durationSeconds } = event.data;
      if (outcome === 'failed') {
        await this.workflow.attemptOutcome({ ...event, data: { stepId, caseId, code: 'call_failed', reason: endReason } } as never, ctx, 'failed');
        return;
      }
      await ctx.tx.query(`UPDATE contact_attempt SET detail = $2, updated_at = $3 WHERE step_id = $1`, [stepId, `call ${outcome} after ${durationSeconds}s (${endReason})`, this.clock.now()]);
      if (outcome === 'dispute') {
        await this.workflow.caseFact(event, caseId, ctx, ({ state }, cause) => ({ change: RecoveryCase.disputeOpened(state, `call:${event.data.callId}`, cause) }));
      } else if (outcome === 'hardship') {
        await this.workflow.caseFact(event, caseId, ctx, ({ state }, cause) => ({ change: RecoveryCase.hardshipFlagged(state, 'hardship', undefined, cause) }));
      } else if (outcome === 'promise_to_pay' && event.data.promisedBy) {
        // The case waits until the end of the promised day (UTC), then the workflow goes on if nothing came.
        const by = new Date(`${event.data.promisedBy}T23:59:59Z`);
        await this.workflow.caseFact(event, caseId, ctx, ({ state }, cause) => ({ change: RecoveryCase.promised(state, by, cause) }));
      } else if (outcome === 'opted_out') {
        await this.workflow.caseFact(event, caseId, ctx, ({ state }) => ({ change: RecoveryCase.optedOut(state, ['voice'], []) }));
      }
    }
  }
}
