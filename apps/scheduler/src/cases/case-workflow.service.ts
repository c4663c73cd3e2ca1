import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import {
  AccountClosedV1, AccountUpdatedV1, CASE_EVENTS_V1, ContactProfile, DisputeOpenedV1, DisputeResolvedV1, EVENTS, EventEnvelope, HardshipFlaggedV1,
  EmailBouncedV1, EmailFailedV1, EmailSentV1, InstalmentMissedV1, PaymentReceivedV1, SmsFailedV1, SmsSentV1, newEvent,
  EmailBlockedV1, EmailDeliveredV1, SmsBlockedV1, SmsDeliveredV1,
} from '@settle/contracts';
import { ConsumerContext, OutboxWriter } from '@settle/messaging';
import { LOGGER } from '@settle/service-kit';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { channelDeferred } from '../domain/channel-verdict';
import { priorityScore } from '../domain/priority';
import { planReminderDeferred } from '../domain/case-plan';
import { CaseChange, PlanReminder, RecoveryCase, daysPastDue } from '../domain/recovery-case';
import { Workflow } from '../domain/workflow';
import { WorkflowRegistry } from '../workflows/workflow.registry';
import { CaseRepository, StoredCase } from './case.repository';



/** Applies account and channel events to recovery cases, and carries out what the state machine asks. */
@Injectable()
export class CaseWorkflowService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly workflows: WorkflowRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async instalmentMissed(event: EventEnvelope<InstalmentMissedV1>, ctx: ConsumerContext): Promise<void> {
    const at = this.clock.now();
    const { instalment, contact } = event.data;
    const overdue = { orderRef: instalment.orderRef, merchantName: instalment.merchantName, instalmentNumber: instalment.instalmentNumber, amountDue: instalment.amountDue, dueDate: instalment.dueDate };
    const existing = await this.cases.findOpenForAccount(ctx.tx, event.tenantId, event.accountId);
    if (existing) {
      const change = RecoveryCase.instalmentMissed(existing.state, overdue);
      await this.apply(ctx, change, contact, event);
      return;
    }
    const workflow = await this.workflows.currentFor(ctx.tx, event.tenantId);
    const change = RecoveryCase.open(
      { id: uuidv7(), tenantId: event.tenantId, accountId: event.accountId, workflow, instalment: overdue },
      { eventId: event.id, at },
    );
    await this.cases.insert(ctx.tx, change.state, contact, event.data.externalAccountRef);
    await ctx.outbox.add(
      CASE_EVENTS_V1,
      newEvent(EVENTS.caseOpened, this.origin(change, event, at), {
        caseId: change.state.id,
        cause: 'instalment_missed',
        amountDue: instalment.amountDue,
        daysPastDue: instalment.daysPastDue,
        workflowId: workflow.id,
      }),
    );
    await this.apply(ctx, change, undefined, event, false);
  }

  async paymentReceived(event: EventEnvelope<PaymentReceivedV1>, ctx: ConsumerContext): Promise<void> {
    const existing = await this.cases.findOpenForAccount(ctx.tx, event.tenantId, event.accountId);
    if (!existing) {
      await this.ignore(ctx.tx, event, 'no open case for this account');
      return;
    }
    const change = RecoveryCase.paymentReceived(existing.state, event.data, { eventId: event.id, at: this.clock.now() });
    await this.apply(ctx, change, undefined, event);
  }

  /** The account-level facts that change a case's path at once. */
  async accountFact(
    event: EventEnvelope<DisputeOpenedV1 | DisputeResolvedV1 | AccountUpdatedV1 | HardshipFlaggedV1 | AccountClosedV1>,
    ctx: ConsumerContext,
    decide: (stored: StoredCase, cause: { eventId: string; at: Date }, workflow: Workflow) => { change: CaseChange; contact?: ContactProfile },
  ): Promise<void> {
    const existing = await this.cases.findOpenForAccount(ctx.tx, event.tenantId, event.accountId);
    if (!existing) {
      await this.ignore(ctx.tx, event, 'no open case for this account');
      return;
    }
    const workflow = await this.workflows.byId(existing.state.workflowId);
    const { change, contact } = decide(existing, { eventId: event.id, at: this.clock.now() }, workflow);
    await this.apply(ctx, change, contact, event);
  }

  /** A fact about one case from a channel (an unsubscribe…), applied to that case if it is still open. */
  async caseFact(
    event: EventEnvelope,
    caseId: string,
    ctx: ConsumerContext,
    decide: (stored: StoredCase, cause: { eventId: string; at: Date }) => { change: CaseChange },
  ): Promise<void> {
    const stored = await this.cases.lock(ctx.tx, caseId);
    if (!stored) {
      await this.ignore(ctx.tx, event, `unknown case ${caseId}`);
      return;
    }
    await this.apply(ctx, decide(stored, { eventId: event.id, at: this.clock.now() }).change, undefined, event);
  }

  /**
   * A channel reports what became of a contact: the ledger records it; a sent one counts on the case.
   * Delivery receipts (delivered, undelivered) come after `sent`; one that overtakes it counts the contact.
   */
  async attemptOutcome(
    event: EventEnvelope<SmsSentV1 | SmsFailedV1 | SmsDeliveredV1 | EmailSentV1 | EmailFailedV1 | EmailBouncedV1 | EmailDeliveredV1>,
    ctx: ConsumerContext,
    outcome: 'sent' | 'failed' | 'delivered' | 'undelivered',
  ): Promise<void> {
    const data = event.data as { stepId: string; caseId: string; code?: string; reason?: string; kind?: string; providerResponse?: string; detail?: string };
    const detail = data.code ? `${data.code}: ${data.reason}` : data.kind ? `bounced (${data.kind}): ${data.reason}` : (data.providerResponse ?? data.detail ?? null);
    const receipt = outcome === 'delivered' || outcome === 'undelivered';
    const updated = await ctx.tx.query(
      `WITH before AS (SELECT step_id, outcome FROM contact_attempt WHERE step_id = $1 FOR UPDATE)
       UPDATE contact_attempt a SET outcome = $2, detail = $3, updated_at = $4 FROM before
       WHERE a.step_id = before.step_id AND before.outcome = ANY($5::text[]) RETURNING before.outcome AS previous`,
      [data.stepId, outcome, detail, this.clock.now(), receipt ? ['requested', 'sent'] : ['requested']],
    );
    const rows = (Array.isArray(updated[0]) ? updated[0] : updated) as { previous: string }[];
    if (rows.length === 0) {
      await this.ignore(ctx.tx, event, `no ${receipt ? 'requested or sent' : 'requested'} attempt for step ${data.stepId}`);
      return;
    }
    if (outcome === 'sent' || (receipt && rows[0].previous === 'requested')) {
      const stored = await this.cases.lock(ctx.tx, data.caseId);
      if (stored) await this.cases.update(ctx.tx, RecoveryCase.contactSent(stored.state).state);
    }
  }

  /**
   * A channel's last-moment gate held a contact back (nothing was sent): the ledger records it as
   * blocked or deferred, the decision is kept beside the scheduler's own, the case timeline gets the
   * same contact.blocked / contact.deferred as a scheduler decision, and a deferred step is planned
   * again at `until` (a blocked one is skipped: the workflow already went on at dispatch).
   */
  async channelBlocked(event: EventEnvelope<SmsBlockedV1 | EmailBlockedV1>, ctx: ConsumerContext, channel: 'sms' | 'email'): Promise<void> {
    const { stepId, caseId, outcome, ruleIds, reasons, until } = event.data;
    const at = this.clock.now();
    const recorded = outcome === 'defer' ? 'deferred' : 'blocked';
    const updated = await ctx.tx.query(
      `UPDATE contact_attempt SET outcome = $2, detail = $3, updated_at = $4 WHERE step_id = $1 AND outcome = 'requested' RETURNING step_id`,
      [stepId, recorded, `${channel} gate: ${ruleIds.join(', ')}: ${reasons.join('; ')}`, at],
    );
    if ((Array.isArray(updated[0]) ? updated[0] : updated).length === 0) {
      await this.ignore(ctx.tx, event, `no requested attempt for step ${stepId}`);
      return;
    }
    const [step] = (await ctx.tx.query(`SELECT step, kind, plan_reminder FROM contact_step WHERE id = $1`, [stepId])) as { step: number; kind: string; plan_reminder: PlanReminder | null }[];
    await ctx.tx.query(
      `INSERT INTO compliance_decision (case_id, step_id, channel, decided_at, outcome, until, rule_ids, reasons, inputs)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [caseId, stepId, channel, new Date(event.occurredAt), outcome, until ? new Date(until) : null, ruleIds, reasons, { decidedBy: channel, eventId: event.id, lastMoment: true }],
    );
    const stored = await this.cases.lock(ctx.tx, caseId);
    if (!stored) return;
    const origin = { tenantId: stored.state.tenantId, accountId: stored.state.accountId, caseId, producer: 'scheduler' as const, occurredAt: at, cause: event };
    const facts = { caseId, stepId, channel, ruleIds, reasons };
    if (outcome === 'defer' && until) {
      await ctx.outbox.add(CASE_EVENTS_V1, newEvent(EVENTS.contactDeferred, origin, { ...facts, until }));
      const change = step.kind === 'plan_reminder' && step.plan_reminder ? planReminderDeferred(stored.state, step.plan_reminder, new Date(until)) : channelDeferred(stored.state, step.step, new Date(until));
      if (change.ignored) await this.ignore(ctx.tx, event, change.ignored);
      else await this.apply(ctx, change, undefined, event);
    } else {
      await ctx.outbox.add(CASE_EVENTS_V1, newEvent(EVENTS.contactBlocked, origin, facts));
    }
  }

  /** Persists a change and carries out its effects in the same transaction. */
  async apply(
    ctx: { tx: EntityManager; outbox: OutboxWriter },
    change: CaseChange,
    contact: ContactProfile | undefined,
    cause: EventEnvelope,
    persistState = true,
  ): Promise<void> {
    if (change.ignored) {
      await this.ignore(ctx.tx, cause, change.ignored);
      return;
    }
    if (persistState) await this.cases.update(ctx.tx, change.state, contact);
    await this.cases.recordTransitions(ctx.tx, change.state.id, change.transitions);
    const at = this.clock.now();
    for (const t of change.transitions) {
      await ctx.outbox.add(
        CASE_EVENTS_V1,
        newEvent(EVENTS.caseStatusChanged, this.origin(change, cause, at), {
          caseId: change.state.id,
          ...(t.from ? { from: t.from } : {}),
          to: t.to,
          reason: t.reason,
          causeEventId: t.causeEventId,
        }),
      );
    }
    for (const effect of change.effects) {
      switch (effect.kind) {
        case 'schedule_step': {
          const step = (await this.workflows.byId(change.state.workflowId)).steps[effect.step];
          const priority = this.priorityOf(change, effect.dueAt, change.state.amountDueMinor);
          await ctx.tx.query(
            `INSERT INTO contact_step (id, case_id, tenant_id, step, channel, tone, due_at, priority, priority_basis)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (case_id, step, kind) WHERE status = 'pending' DO NOTHING`,
            [uuidv7(), change.state.id, change.state.tenantId, effect.step, step.channel, step.tone, effect.dueAt, priority.score, { contributions: priority.contributions, inputs: priority.inputs }],
          );
          break;
        }
        case 'schedule_plan_reminder': {
          // A contact step outside the workflow (kind plan_reminder): the dispatcher sends it through
          // the same gate, ledger and outbox; its step number is the plan instalment's.
          const priority = this.priorityOf(change, effect.dueAt, effect.reminder.amountDue.amountMinor);
          await ctx.tx.query(
            `INSERT INTO contact_step (id, case_id, tenant_id, step, channel, tone, due_at, priority, priority_basis, kind, plan_reminder)
             VALUES ($1, $2, $3, $4, 'sms', $5, $6, $7, $8, 'plan_reminder', $9)
             ON CONFLICT (case_id, step, kind) WHERE status = 'pending' DO NOTHING`,
            [uuidv7(), change.state.id, change.state.tenantId, effect.reminder.instalmentNumber, effect.reminder.tone, effect.dueAt, priority.score, { contributions: priority.contributions, inputs: priority.inputs }, effect.reminder],
          );
          break;
        }
        case 'cancel_pending_steps':
          await ctx.tx.query(`UPDATE contact_step SET status = 'cancelled' WHERE case_id = $1 AND status = 'pending' AND kind = 'contact'`, [change.state.id]);
          break;
        case 'schedule_wake':
          await ctx.tx.query(
            `INSERT INTO contact_step (id, case_id, tenant_id, step, channel, tone, due_at, kind) VALUES ($1, $2, $3, -1, 'none', 'none', $4, 'wake')
             ON CONFLICT (case_id, step, kind) WHERE status = 'pending' DO UPDATE SET due_at = EXCLUDED.due_at`,
            [uuidv7(), change.state.id, change.state.tenantId, effect.at],
          );
          break;
        case 'escalate':
          await ctx.outbox.add(
            CASE_EVENTS_V1,
            newEvent(EVENTS.caseEscalated, this.origin(change, cause, at), {
              caseId: change.state.id,
              reason: effect.reason,
              amountDue: { amountMinor: change.state.amountDueMinor, currency: change.state.currency },
              contactsSent: change.state.contactsSent,
              suggestedNextStep: effect.suggestedNextStep,
            }),
          );
          break;
        case 'case_closed':
          await ctx.outbox.add(
            CASE_EVENTS_V1,
            newEvent(EVENTS.caseClosed, this.origin(change, cause, at), {
              caseId: change.state.id,
              outcome: effect.outcome,
              reason: effect.reason,
              amountRecovered: { amountMinor: change.state.recoveredMinor, currency: change.state.currency },
              contactsSent: change.state.contactsSent,
            }),
          );
          break;
      }
    }
  }

  /** The score orders the work queue when more is due than one pass can take. */
  private priorityOf(change: CaseChange, dueAt: Date, balanceMinor: number) {
    return priorityScore({
      daysPastDue: daysPastDue(change.state, dueAt),
      balanceMinor,
      instalmentsPaid: 0,
      promisesKept: 0,
      promisesBroken: 0,
      responsesByChannel: {},
    });
  }

  private origin(change: CaseChange, cause: EventEnvelope, at: Date) {
    return { tenantId: change.state.tenantId, accountId: change.state.accountId, caseId: change.state.id, producer: 'scheduler' as const, occurredAt: at, cause };
  }

  private async ignore(tx: EntityManager, event: EventEnvelope, reason: string): Promise<void> {
    this.logger.info({ eventId: event.id, type: event.type, reason }, 'event recorded and ignored');
    await tx.query(
      `INSERT INTO ignored_event (event_id, tenant_id, account_id, type, reason, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [event.id, event.tenantId, event.accountId, event.type, reason, this.clock.now()],
    );
  }
}
