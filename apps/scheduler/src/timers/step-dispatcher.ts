import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { ContactContext, evaluate } from '@settle/compliance';
import { CASE_EVENTS_V1, ContactProfile, EMAIL_COMMANDS_V1, EVENTS, EventEnvelope, Money, SMS_COMMANDS_V1, Tone, VOICE_COMMANDS_V1, newEvent } from '@settle/contracts';
import { OutboxWriter } from '@settle/messaging';
import { ServiceMetrics } from '@settle/observability';
import { BackgroundLoops, LOGGER, SERVICE_CONFIG } from '@settle/service-kit';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { CaseRepository, StoredCase } from '../cases/case.repository';
import { CaseWorkflowService } from '../cases/case-workflow.service';
import { WorkflowRegistry } from '../workflows/workflow.registry';
import { CONTACTING_STATUSES, PlanReminder, RecoveryCase, RecoveryCaseState, daysPastDue } from '../domain/recovery-case';
import { planReminderStale } from '../domain/case-plan';
import { WorkflowStep, assignVariant, stepApplies } from '../domain/workflow';
import { channelGateFacts } from '../domain/channel-verdict';
import { SchedulerConfig } from '../scheduler.config';
import { contactBrand, disclosureFor } from '../domain/tenant-brand';
import { TenantProfileRepository } from '../tenants/tenant-profile.repository';

interface DueStep {
  id: string;
  kind: 'contact' | 'wake' | 'plan_reminder';
  case_id: string;
  step: number;
  channel: 'sms' | 'email' | 'voice' | 'human';
  tone: Tone;
  due_at: Date;
  /** kind plan_reminder: what the reminder says (the missed plan instalment). */
  plan_reminder: PlanReminder | null;
}

/** What a contact states besides who it is for: the amount to pay (the link's) and its due date. */
interface ContactFacts {
  amountDue: Money;
  dueDate: string;
}

type Contacted = { outcome: 'deferred' } | { outcome: 'blocked'; event: EventEnvelope } | { outcome: 'requested'; command: EventEnvelope };

/**
 * Durable timers: contact steps live in PostgreSQL and are claimed with FOR UPDATE SKIP LOCKED,
 * so any number of scheduler replicas fire each step once. A step missed while the service was
 * down fires late, once, and only after the compliance gate has been asked again.
 */
@Injectable()
export class StepDispatcher implements OnModuleInit {
  private readonly lag;
  private readonly decisions;
  private readonly enabledChannels: Set<string>;
  private readonly channelCosts: Map<string, number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly workflow: CaseWorkflowService,
    private readonly workflows: WorkflowRegistry,
    private readonly tenantProfiles: TenantProfileRepository,
    private readonly loops: BackgroundLoops,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: SchedulerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.lag = metrics.histogram('settle_timer_lag_seconds', 'How late a contact step fired after it fell due', [], [0.1, 0.5, 1, 2, 5, 10, 60, 600, 3600]);
    this.decisions = metrics.counter('settle_compliance_decisions_total', 'Compliance gate decisions', ['channel', 'outcome']);
    this.enabledChannels = new Set(config.ENABLED_CHANNELS.split(','));
    this.channelCosts = new Map(config.CHANNEL_COSTS_MINOR.split(',').map((pair) => [pair.split(':')[0], Number(pair.split(':')[1])]));
  }

  onModuleInit(): void {
    // Several dispatchers per replica: each pass is bound by database round trips, not CPU, and
    // SKIP LOCKED hands each dispatcher its own due steps.
    for (let i = 1; i <= this.config.DISPATCH_CONCURRENCY; i++) {
      this.loops.every(`dispatch-due-steps-${i}`, this.config.POLL_INTERVAL_MS, async () => {
        while ((await this.dispatchDue()) >= this.config.DISPATCH_BATCH_SIZE) {
          // a full batch: more may be due, go again at once
        }
      });
    }
  }

  /** Claims and fires due steps; returns how many were claimed. */
  async dispatchDue(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const due: DueStep[] = await tx.query(
        `SELECT id, kind, case_id, step, channel, tone, due_at, plan_reminder FROM contact_step
         WHERE status = 'pending' AND due_at <= $1 ORDER BY priority DESC, due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, this.config.DISPATCH_BATCH_SIZE],
      );
      const outbox = new OutboxWriter(tx);
      for (const step of due) {
        // A savepoint per step: one bad step is marked failed, the rest of the batch still fires.
        await tx.query('SAVEPOINT step');
        try {
          await this.fire(tx, outbox, step, now);
          await tx.query('RELEASE SAVEPOINT step');
        } catch (err) {
          await tx.query('ROLLBACK TO SAVEPOINT step');
          this.logger.error({ err, stepId: step.id, caseId: step.case_id }, 'contact step failed');
          await tx.query(`UPDATE contact_step SET status = 'failed' WHERE id = $1`, [step.id]);
        }
      }
      return due.length;
    });
  }

  private async fire(tx: EntityManager, outbox: OutboxWriter, step: DueStep, now: Date): Promise<void> {
    const stored = await this.lockCase(tx, step.case_id);
    if (stored === 'busy') {
      // Another transaction holds the case (a payment arriving?): leave the step for the next pass.
      return;
    }
    if (stored && step.kind === 'wake') {
      await tx.query(`UPDATE contact_step SET status = 'fired', fired_at = $2 WHERE id = $1`, [step.id, now]);
      const change = RecoveryCase.woken(stored.state, await this.workflows.byId(stored.state.workflowId), { eventId: step.id, at: now });
      if (!change.ignored) await this.workflow.apply({ tx, outbox }, change, undefined, this.timerCause(stored, step, now));
      return;
    }
    if (step.kind === 'plan_reminder') {
      await this.firePlanReminder(tx, outbox, step, stored, now);
      return;
    }
    if (!stored || !CONTACTING_STATUSES.includes(stored.state.status) || stored.state.nextStep !== step.step) {
      await tx.query(`UPDATE contact_step SET status = 'cancelled' WHERE id = $1`, [step.id]);
      return;
    }
    const { state, contact } = stored;
    const workflow = await this.workflows.byId(state.workflowId);
    const definition = workflow.steps[step.step];
    const origin = { tenantId: state.tenantId, accountId: state.accountId, caseId: state.id, producer: 'scheduler' as const, occurredAt: now };

    const skip = this.reasonToSkip(definition, state, contact, now);
    if (skip) {
      await tx.query(`UPDATE contact_step SET status = 'skipped' WHERE id = $1`, [step.id]);
      const skipped = newEvent(EVENTS.contactBlocked, origin, { caseId: state.id, stepId: step.id, channel: step.channel, ruleIds: [skip.ruleId], reasons: [skip.reason] });
      await outbox.add(CASE_EVENTS_V1, skipped);
      await this.workflow.apply({ tx, outbox }, RecoveryCase.stepSkipped(state, workflow, step.step, { eventId: skipped.id, at: now }), undefined, skipped);
      return;
    }
    if (step.channel === 'human') {
      await tx.query(`UPDATE contact_step SET status = 'fired', fired_at = $2 WHERE id = $1`, [step.id, now]);
      const change = RecoveryCase.escalate(state, 'the workflow has run its course: human review', { eventId: step.id, at: now });
      await this.workflow.apply({ tx, outbox }, change, undefined, this.timerCause(stored, step, now));
      return;
    }
    const contacted = await this.contact(tx, outbox, step, stored, definition, { amountDue: { amountMinor: state.amountDueMinor, currency: state.currency }, dueDate: state.instalments[0].dueDate }, now);
    if (contacted.outcome === 'blocked') {
      // The workflow goes on without this contact: the next step (another channel?) is planned.
      await this.workflow.apply({ tx, outbox }, RecoveryCase.stepSkipped(state, workflow, step.step, { eventId: contacted.event.id, at: now }), undefined, contacted.event);
    } else if (contacted.outcome === 'requested') {
      const change = RecoveryCase.stepDispatched(state, workflow, step.step, { eventId: contacted.command.id, at: now });
      await this.workflow.apply({ tx, outbox }, change, undefined, contacted.command);
    }
  }

  /**
   * A missed plan instalment's reminder: the same skip rules, compliance gate, command, payment link and
   * contact ledger as a workflow step, for the instalment's amount; the case stays plan_agreed and its
   * workflow position does not move. A reminder whose plan broke (or whose case closed) is cancelled.
   */
  private async firePlanReminder(tx: EntityManager, outbox: OutboxWriter, step: DueStep, stored: StoredCase | undefined, now: Date): Promise<void> {
    const reminder = step.plan_reminder;
    const stale = !stored ? 'the case is gone' : !reminder ? 'the step holds no reminder' : planReminderStale(stored.state, reminder);
    if (stale || !stored || !reminder) {
      this.logger.info({ stepId: step.id, caseId: step.case_id, reason: stale }, 'plan reminder cancelled');
      await tx.query(`UPDATE contact_step SET status = 'cancelled' WHERE id = $1`, [step.id]);
      return;
    }
    const definition: WorkflowStep = { channel: step.channel, tone: reminder.tone, waitMs: 0, template: reminder.template };
    const skip = this.reasonToSkip(definition, stored.state, stored.contact, now);
    if (skip) {
      const { state } = stored;
      await tx.query(`UPDATE contact_step SET status = 'skipped' WHERE id = $1`, [step.id]);
      const origin = { tenantId: state.tenantId, accountId: state.accountId, caseId: state.id, producer: 'scheduler' as const, occurredAt: now };
      await outbox.add(CASE_EVENTS_V1, newEvent(EVENTS.contactBlocked, origin, { caseId: state.id, stepId: step.id, channel: step.channel, ruleIds: [skip.ruleId], reasons: [skip.reason] }));
      return;
    }
    await this.contact(tx, outbox, step, stored, definition, { amountDue: reminder.amountDue, dueDate: reminder.dueDate }, now);
  }

  /**
   * One contact: the compliance gate decides (and its decision is kept), a deferral moves the step to
   * the lawful moment, a block ends it; otherwise the channel's command with a fresh payment link goes
   * through the outbox and the contact ledger records the attempt.
   */
  private async contact(tx: EntityManager, outbox: OutboxWriter, step: DueStep, stored: StoredCase, definition: WorkflowStep, facts: ContactFacts, now: Date): Promise<Contacted> {
    const { state, contact } = stored;
    const origin = { tenantId: state.tenantId, accountId: state.accountId, caseId: state.id, producer: 'scheduler' as const, occurredAt: now };
    const context = await this.complianceContext(tx, step.channel, now, stored);
    const decision = evaluate(context);
    this.decisions.inc({ channel: step.channel, outcome: decision.outcome });
    // Everything the gate saw, so an auditor can replay the decision later.
    const inputs = {
      channel: step.channel,
      at: now,
      debtor: context.debtor,
      holds: context.holds,
      history: context.history.length,
      jurisdiction: decision.jurisdiction,
      ruleSet: decision.ruleSet,
      timeZones: decision.timeZones,
      flags: decision.flags,
    };
    await tx.query(
      `INSERT INTO compliance_decision (case_id, step_id, channel, decided_at, outcome, until, rule_ids, reasons, inputs)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [state.id, step.id, step.channel, now, decision.outcome, decision.outcome === 'defer' ? decision.until : null, decision.ruleIds, decision.reasons, inputs],
    );
    const gateFacts = { caseId: state.id, stepId: step.id, channel: step.channel, ruleIds: decision.ruleIds, reasons: decision.reasons };

    if (decision.outcome === 'defer') {
      await tx.query(`UPDATE contact_step SET due_at = $2 WHERE id = $1`, [step.id, decision.until]);
      await outbox.add(CASE_EVENTS_V1, newEvent(EVENTS.contactDeferred, origin, { ...gateFacts, until: decision.until.toISOString() }));
      return { outcome: 'deferred' };
    }
    if (decision.outcome === 'block') {
      await tx.query(`UPDATE contact_step SET status = 'blocked' WHERE id = $1`, [step.id]);
      const blocked = newEvent(EVENTS.contactBlocked, origin, gateFacts);
      await outbox.add(CASE_EVENTS_V1, blocked);
      return { outcome: 'blocked', event: blocked };
    }

    this.lag.observe(Math.max(0, (now.getTime() - new Date(step.due_at).getTime()) / 1000));
    const instalment = state.instalments[0];
    const code = randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 12).padEnd(12, '0');
    const variant = assignVariant(definition, state.accountId, step.step);
    if (variant) await tx.query(`UPDATE contact_step SET variant = $2 WHERE id = $1`, [step.id, variant.id]);
    // The tenant's white-label profile (ingest's, carried here by tenant.events.v1); BRAND_NAME until it has arrived.
    const brand = contactBrand(await this.tenantProfiles.find(tx, state.tenantId), this.config.BRAND_NAME);
    const message = {
      stepId: step.id,
      caseId: state.id,
      language: contact.language,
      tone: variant?.tone ?? definition.tone,
      ...(variant ? { variant: variant.id } : {}),
      ...((variant?.template ?? definition.template) ? { template: variant?.template ?? definition.template } : {}),
      ...(contact.firstName ? { firstName: contact.firstName } : {}),
      brandName: brand.brandName,
      merchantName: instalment.merchantName,
      amountDue: facts.amountDue,
      dueDate: facts.dueDate,
      paymentLink: { code, url: `${this.config.PAYMENT_LINK_BASE_URL.replace(/\/$/, '')}/${code}` },
      disclosures: decision.outcome === 'allow' ? decision.disclosures.map((d) => disclosureFor(d.text, brand)) : [],
      // What the gate saw, so the channel asks it again at the real send moment.
      compliance: channelGateFacts(context, now),
    };
    let command: EventEnvelope;
    if (step.channel === 'email') {
      command = newEvent(EVENTS.emailRequested, origin, { ...message, ...brand.email, to: contact.email!, orderRef: instalment.orderRef, tracking: this.config.EMAIL_TRACKING });
      await outbox.add(EMAIL_COMMANDS_V1, command);
    } else if (step.channel === 'voice') {
      // What the call's brief needs besides the reminder facts: where the rules come from, the order,
      // and the right-party factor (none: the call leaves only a limited-content message).
      command = newEvent(EVENTS.voiceRequested, origin, {
        ...message,
        to: contact.phone,
        ...(stored.externalAccountRef ? { externalAccountRef: stored.externalAccountRef } : {}),
        jurisdiction: contact.region ?? contact.country,
        orderRef: instalment.orderRef,
        ...(contact.verification ? { verification: contact.verification } : {}),
        overdue: state.instalments.slice(0, 50).map((i) => ({ orderRef: i.orderRef, merchantName: i.merchantName, instalmentNumber: i.instalmentNumber, amountDue: i.amountDue, dueDate: i.dueDate })),
        contactsSoFar: state.contactsSent,
        ...brand.voice,
      });
      await outbox.add(VOICE_COMMANDS_V1, command);
    } else {
      command = newEvent(EVENTS.smsRequested, origin, { ...message, ...brand.sms, to: contact.phone });
      await outbox.add(SMS_COMMANDS_V1, command);
    }
    await tx.query(
      `INSERT INTO contact_attempt (step_id, case_id, tenant_id, account_id, channel, requested_at, outcome, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'requested', $6)`,
      [step.id, state.id, state.tenantId, state.accountId, step.channel, now],
    );
    await tx.query(`UPDATE contact_step SET status = 'fired', fired_at = $2 WHERE id = $1`, [step.id, now]);
    return { outcome: 'requested', command };
  }

  /** What the compliance engine needs: the debtor's jurisdiction and zone, holds, and this person's contact ledger. */
  private async complianceContext(tx: EntityManager, channel: DueStep['channel'], now: Date, stored: StoredCase): Promise<ContactContext> {
    const { state, contact } = stored;
    const ledger: { channel: DueStep['channel']; requested_at: Date; case_id: string }[] = await tx.query(
      `SELECT channel, requested_at, case_id FROM contact_attempt
       WHERE tenant_id = $1 AND account_id = $2 AND outcome NOT IN ('failed', 'blocked', 'deferred') AND requested_at > $3::timestamptz - interval '35 days'`,
      [state.tenantId, state.accountId, now],
    );
    return {
      channel,
      at: now,
      debtor: { jurisdiction: contact.region ?? contact.country, timeZones: [contact.timeZone], optedOut: state.optedOut ?? [] },
      holds: (state.openDisputes ?? []).length > 0 ? [{ kind: 'dispute' }] : [],
      history: ledger.map((a) => ({ channel: a.channel, at: new Date(a.requested_at), kind: 'attempt' as const, debtId: a.case_id })),
      debtId: state.id,
    };
  }

  /** Why this step should not run at all (its channel has no service, its conditions fail), or undefined. */
  private reasonToSkip(definition: WorkflowStep, state: RecoveryCaseState, contact: ContactProfile, now: Date): { ruleId: string; reason: string } | undefined {
    if (definition.channel !== 'human' && !this.enabledChannels.has(definition.channel)) {
      return { ruleId: 'workflow.channel-not-enabled', reason: `${definition.channel} is not enabled in this deployment` };
    }
    if (definition.channel === 'email' && !contact.email) return { ruleId: 'workflow.no-address', reason: 'no email address on the account' };
    const applies = stepApplies(definition, {
      balanceMinor: state.amountDueMinor,
      daysPastDue: daysPastDue(state, now),
      expectedRecoveryRate: this.config.EXPECTED_RECOVERY_RATE,
      channelCostMinor: this.channelCosts.get(definition.channel) ?? 0,
    });
    return applies.applies ? undefined : { ruleId: 'workflow.step-condition', reason: applies.reason };
  }

  /** Timer-caused changes have no event behind them: a synthetic cause keeps the envelope chain whole. */
  private timerCause(stored: StoredCase, step: DueStep, now: Date): EventEnvelope {
    return { id: step.id, correlationId: step.id, type: 'timer.fired', version: 1, tenantId: stored.state.tenantId, accountId: stored.state.accountId, occurredAt: now.toISOString(), producer: 'scheduler', data: {} };
  }

  private async lockCase(tx: EntityManager, caseId: string): Promise<StoredCase | undefined | 'busy'> {
    const locked = await this.cases.lock(tx, caseId, { skipLocked: true });
    if (locked) return locked;
    const [exists] = await tx.query(`SELECT 1 FROM recovery_case WHERE id = $1`, [caseId]);
    return exists ? 'busy' : undefined;
  }
}
