import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ACCOUNT_EVENTS_V1, EMAIL_EVENTS_V1, EVENTS, EventEnvelope, SMS_EVENTS_V1, isEvent } from '@settle/contracts';
import { ConsumerContext } from '@settle/messaging';
import { RecoveryCase } from '../domain/recovery-case';
import { CaseWorkflowService } from './case-workflow.service';

@Controller()
export class CaseEventsConsumer {
  constructor(private readonly workflow: CaseWorkflowService) {}

  @EventPattern(ACCOUNT_EVENTS_V1)
  async onAccountEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.instalmentMissed)) await this.workflow.instalmentMissed(event, ctx);
    else if (isEvent(event, EVENTS.paymentReceived)) await this.workflow.paymentReceived(event, ctx);
    else if (isEvent(event, EVENTS.disputeOpened)) {
      await this.workflow.accountFact(event, ctx, ({ state }, cause) => ({ change: RecoveryCase.disputeOpened(state, event.data.disputeId, cause) }));
    } else if (isEvent(event, EVENTS.disputeResolved)) {
      await this.workflow.accountFact(event, ctx, ({ state }, cause, workflow) => ({
        change: RecoveryCase.disputeResolved(state, event.data.disputeId, event.data.outcome, workflow, cause),
      }));
    } else if (isEvent(event, EVENTS.hardshipFlagged)) {
      const until = event.data.until ? new Date(`${event.data.until}T00:00:00Z`) : undefined;
      await this.workflow.accountFact(event, ctx, ({ state }, cause) => ({ change: RecoveryCase.hardshipFlagged(state, event.data.kind, until, cause) }));
    } else if (isEvent(event, EVENTS.accountUpdated)) {
      await this.workflow.accountFact(event, ctx, ({ state }) => ({
        change: RecoveryCase.optedOut(state, event.data.consent?.optOut ?? [], event.data.consent?.optIn ?? []),
        contact: event.data.contact,
      }));
    } else if (isEvent(event, EVENTS.accountClosed)) {
      await this.workflow.accountFact(event, ctx, ({ state }, cause) => ({ change: RecoveryCase.accountClosed(state, event.data.kind, cause) }));
    }
  }

  @EventPattern(EMAIL_EVENTS_V1)
  async onEmailEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.emailSent)) await this.workflow.attemptOutcome(event, ctx, 'sent');
    else if (isEvent(event, EVENTS.emailFailed) || isEvent(event, EVENTS.emailBounced)) await this.workflow.attemptOutcome(event, ctx, 'failed');
    else if (isEvent(event, EVENTS.emailDelivered)) await this.workflow.attemptOutcome(event, ctx, 'delivered');
    else if (isEvent(event, EVENTS.emailBlocked)) await this.workflow.channelBlocked(event, ctx, 'email');
    else if (isEvent(event, EVENTS.emailEngagement) && ['unsubscribed', 'complained'].includes(event.data.kind)) {
      // An unsubscribe or a spam complaint stops email at once, until the debtor opts back in.
      await this.workflow.caseFact(event, event.data.caseId, ctx, ({ state }) => ({ change: RecoveryCase.optedOut(state, ['email'], []) }));
    }
  }

  @EventPattern(SMS_EVENTS_V1)
  async onSmsEvent(@Payload() event: EventEnvelope, @Ctx() ctx: ConsumerContext): Promise<void> {
    if (isEvent(event, EVENTS.smsSent)) await this.workflow.attemptOutcome(event, ctx, 'sent');
    // A FAILURE delivery receipt arrives after sms.sent: the carrier could not deliver it.
    else if (isEvent(event, EVENTS.smsFailed)) await this.workflow.attemptOutcome(event, ctx, event.data.code === 'undelivered' ? 'undelivered' : 'failed');
    else if (isEvent(event, EVENTS.smsDelivered)) await this.workflow.attemptOutcome(event, ctx, 'delivered');
    else if (isEvent(event, EVENTS.smsBlocked)) await this.workflow.channelBlocked(event, ctx, 'sms');
    else if (isEvent(event, EVENTS.smsReplyReceived)) {
      const { intent, caseId } = event.data;
      if (intent === 'stop') await this.workflow.caseFact(event, caseId, ctx, ({ state }) => ({ change: RecoveryCase.optedOut(state, ['sms'], []) }));
      else if (intent === 'start') await this.workflow.caseFact(event, caseId, ctx, ({ state }) => ({ change: RecoveryCase.optedOut(state, [], ['sms']) }));
      else if (intent === 'already_paid') {
        // A claim the lender's books must confirm: a person checks before anyone asks again.
        await this.workflow.caseFact(event, caseId, ctx, ({ state }, cause) => ({ change: RecoveryCase.escalate(state, 'the debtor replied that they have already paid', cause) }));
      }
    }
  }
}
