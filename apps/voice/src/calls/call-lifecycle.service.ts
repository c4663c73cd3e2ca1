import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { CallEndOutcome, DeskHandoffV1, EVENTS, EventEnvelope, VoiceRequestedV1, UUID_PATTERN } from '@settle/contracts';
import { ConsumerContext, ConsumerRunner } from '@settle/messaging';
import { ServiceMetrics } from '@settle/observability';
import { LOGGER, SERVICE_CONFIG } from '@settle/service-kit';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import type { AgentTurn, SessionEvent } from '../conversation/ports';
import { TELEPHONY_PROVIDER, TelephonyError, TelephonyProvider, TelephonyWebhook } from '../telephony/telephony-provider';
import { CallAgentTools } from './agent-tools';
import { HttpPlanNegotiation } from './negotiation.client';
import { CallEvents, Emission } from './call-events';
import { VoiceCallsConfig } from './calls.config';
import { briefFromCommand, speechLocale } from './domain/call-brief';
import { VoiceProfileRepository } from '../profiles/voice-profile.repository';
import { suggestNextStep, whyOwed } from './domain/case-file';
import { VoicePrices, callCost, countryOfNumber, parseVoicePrices } from './domain/pricing';
import { LiveCall, LiveCalls, SESSION_FACTORY, SessionFactory } from './live-calls';
import { CallOwners, SignedWebhook } from './call-owners';
import { callSignalOf } from './domain/call-signals';

/**
 * One AI call from command to hang-up: claims the step (at most one dial per step), dials, and
 * drives the conversation from the provider's webhooks — answered by a machine: a limited-content
 * message, then hang up; by a person: the session's turns spoken, the debtor's transcribed words
 * heard, transfer to the desk with a case file, hang-up — and reports each step on voice.events.v1.
 */
@Injectable()
export class CallLifecycle implements BeforeApplicationShutdown {
  private readonly prices: VoicePrices;
  private readonly negotiation: HttpPlanNegotiation | undefined;
  private readonly outcomes;
  private readonly handoffLatency;

  constructor(
    private readonly dataSource: DataSource,
    private readonly live: LiveCalls,
    private readonly events: CallEvents,
    @Inject(TELEPHONY_PROVIDER) private readonly provider: TelephonyProvider | null,
    @Inject(SESSION_FACTORY) private readonly sessions: SessionFactory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: VoiceCallsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly profiles: VoiceProfileRepository,
    private readonly owners: CallOwners,
    private readonly runner: ConsumerRunner,
    metrics: ServiceMetrics,
  ) {
    this.negotiation = config.NEGOTIATION_URL ? new HttpPlanNegotiation(config.NEGOTIATION_URL, config.NEGOTIATION_BUDGET_MS, config.ADMIN_TOKEN) : undefined;
    this.prices = parseVoicePrices(config.VOICE_PRICE_TABLE, config.VOICE_LLM_PRICE, config.VOICE_BILLING_INCREMENT_SECONDS);
    this.outcomes = metrics.counter('settle_voice_calls_total', 'AI calls by outcome', ['outcome']);
    this.handoffLatency = metrics.histogram('settle_voice_handoff_seconds', 'From the decision to escalate to transfer and case file written', [], [0.05, 0.1, 0.25, 0.5, 1, 2, 5]);
  }

  // ---------------------------------------------------------------- command → dial

  async place(command: EventEnvelope<VoiceRequestedV1>, ctx: ConsumerContext): Promise<void> {
    const cmd = command.data;
    const callId = await this.claim(command);
    if (!callId) {
      // Claimed by an earlier delivery: the step is dialled at most once, whatever happened since.
      this.logger.info({ stepId: cmd.stepId, caseId: cmd.caseId }, 'voice step already claimed; not dialled again');
      return;
    }
    const { brief, canVerify } = briefFromCommand({ callId, tenantId: command.tenantId, accountId: command.accountId }, cmd, {
      agentName: this.config.VOICE_AGENT_NAME,
      callbackNumber: this.config.VOICE_CALLBACK_NUMBER,
    });
    const profile = await this.profiles.get(this.dataSource.manager, command.tenantId);
    brief.signalRules = profile.signalRules;
    const call: LiveCall = {
      callId, stepId: cmd.stepId, caseId: cmd.caseId, tenantId: command.tenantId, accountId: command.accountId, command: cmd,
      cause: { id: command.id, correlationId: command.correlationId }, brief, canVerify,
      pendingSpeaks: 0, hangupWhenQuiet: false, hangupSent: false, turns: 0, inputTokens: 0, outputTokens: 0, actions: [],
      linkSent: false, linkCodes: [], linkClicked: false, paymentSeen: false, escalated: false, chain: Promise.resolve(),
      ...(profile.ttsVoice ? { ttsVoice: profile.ttsVoice } : {}),
      llm: { model: profile.llmModel, temperature: profile.llmTemperature },
    };
    const ref = { callId, stepId: cmd.stepId, caseId: cmd.caseId };
    if (!this.provider) {
      await this.setStatus(callId, 'failed', { code: 'telephony_not_configured' });
      return this.reportEnded(call, 'failed', 'telephony_not_configured', ctx);
    }
    // Registered before dialling: the provider's first webhooks can arrive before its answer does.
    this.live.add(call);
    try {
      const { callId: providerCallId } = await this.provider.dial({
        to: cmd.to,
        from: this.config.VOICE_FROM_NUMBER,
        webhookUrl: `${this.config.VOICE_WEBHOOK_BASE_URL.replace(/\/$/, '')}/v1/telnyx/webhooks`,
        clientState: callId,
        idempotencyKey: cmd.stepId,
        detectMachine: this.config.VOICE_MACHINE_DETECTION,
      });
      call.providerCallId ??= providerCallId;
      await this.dataSource.query(
        `UPDATE voice_call SET status = CASE WHEN status = 'dialling' THEN 'dialled' ELSE status END, provider_call_id = COALESCE(provider_call_id, $2), updated_at = now() WHERE id = $1`,
        [callId, providerCallId],
      );
    } catch (error) {
      this.live.remove(callId);
      const e = error instanceof TelephonyError ? error : new TelephonyError('unknown', 'unexpected', String(error));
      if (e.kind === 'unavailable') {
        await this.setStatus(callId, 'released', { code: e.code });
        throw e; // certainly not dialled: the consumer runner retries with back-off
      }
      await this.setStatus(callId, e.kind === 'rejected' ? 'failed' : 'unknown', { code: e.code });
      this.logger.warn({ stepId: cmd.stepId, caseId: cmd.caseId, code: e.code, kind: e.kind }, 'call not placed');
      return this.reportEnded(call, 'failed', e.kind === 'rejected' ? `provider_rejected:${e.code}`.slice(0, 80) : 'outcome_unknown', ctx);
    }
    await this.events.emit([this.events.event(EVENTS.callDialled, call, { ...ref, provider: this.provider.name })], ctx);
    this.logger.info({ callId, stepId: cmd.stepId, caseId: cmd.caseId }, 'call dialled');
  }

  /** The new call's id when this delivery owns the step; undefined when an earlier one claimed it. */
  private async claim(command: EventEnvelope<VoiceRequestedV1>): Promise<string | undefined> {
    const cmd = command.data;
    const fresh = await this.dataSource.query(
      `INSERT INTO voice_call (id, step_id, case_id, tenant_id, account_id, status, provider, command, command_event_id, correlation_id, owner_url)
       VALUES ($1, $2, $3, $4, $5, 'dialling', $6, $7, $8, $9, $10) ON CONFLICT (step_id) DO NOTHING RETURNING id`,
      [randomUUID(), cmd.stepId, cmd.caseId, command.tenantId, command.accountId, this.provider?.name ?? 'none', cmd, command.id, command.correlationId, this.owners.ownUrl],
    );
    if (fresh.length > 0) return fresh[0].id as string;
    const [reclaimed] = await this.dataSource.query(
      `UPDATE voice_call SET status = 'dialling', owner_url = $2, updated_at = now() WHERE step_id = $1 AND status = 'released' RETURNING id`,
      [cmd.stepId, this.owners.ownUrl],
    );
    return reclaimed?.[0]?.id as string | undefined;
  }

  private async setStatus(callId: string, status: string, facts: { code?: string } = {}): Promise<void> {
    await this.dataSource.query(`UPDATE voice_call SET status = $2, error_code = COALESCE($3, error_code), updated_at = now() WHERE id = $1`, [callId, status, facts.code ?? null]);
  }

  // ---------------------------------------------------------------- webhooks → conversation

  /**
   * Handles one verified provider webhook. Redelivered webhooks (same id) are ignored. `signed`
   * is the webhook as received, for passing on to the replica that holds the call; absent when
   * another replica already passed it here.
   */
  async onWebhook(hook: TelephonyWebhook, signed?: SignedWebhook): Promise<void> {
    const callId = hook.clientState && UUID_PATTERN.test(hook.clientState) ? hook.clientState : await this.callIdOf(hook.callId);
    if (!callId) return;
    const call = this.live.get(callId);
    if (!call && signed && (await this.owners.passWebhook(callId, signed))) return;
    const seen = await this.dataSource.query(`INSERT INTO voice_webhook_seen (event_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING event_id`, [hook.eventId]);
    if (seen.length === 0) return;
    if (!call) {
      await this.orphan(callId, hook);
      return;
    }
    call.providerCallId ??= hook.callId;
    try {
      await this.live.run(call, () => this.apply(call, hook));
    } catch (error) {
      // Let the provider's retry of this webhook be handled again.
      await this.dataSource.query(`DELETE FROM voice_webhook_seen WHERE event_id = $1`, [hook.eventId]);
      throw error;
    }
  }

  private async callIdOf(providerCallId: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query(`SELECT id FROM voice_call WHERE provider_call_id = $1`, [providerCallId]);
    return row?.id as string | undefined;
  }

  /** A webhook for a call no running replica holds a session for (restarted?): end the call, report the hang-up. */
  private async orphan(callId: string, hook: TelephonyWebhook): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT status, tenant_id, account_id, case_id, step_id, command, command_event_id, correlation_id, answered_at, answered_by FROM voice_call WHERE id = $1`, [callId]);
    if (!row || row.status === 'ended') return;
    if (hook.event.kind !== 'hangup') {
      if (this.provider) await this.provider.hangup(hook.callId).catch(() => undefined);
      return;
    }
    const command = row.command as VoiceRequestedV1;
    const call = {
      callId, stepId: row.step_id, caseId: row.case_id, tenantId: row.tenant_id, accountId: row.account_id, command,
      cause: { id: row.command_event_id, correlationId: row.correlation_id },
      answeredAt: row.answered_at ? new Date(row.answered_at) : undefined, answeredBy: row.answered_by ?? undefined,
    } as LiveCall;
    await this.finish({ ...call, turns: 0, inputTokens: 0, outputTokens: 0, actions: [], linkSent: false, paymentSeen: false } as LiveCall, hook);
  }

  private async apply(call: LiveCall, hook: TelephonyWebhook): Promise<void> {
    const event = hook.event;
    switch (event.kind) {
      case 'answered':
        call.answeredAt = new Date(hook.occurredAt);
        await this.dataSource.query(`UPDATE voice_call SET status = 'answered', answered_at = $2, provider_call_id = COALESCE(provider_call_id, $3), updated_at = now() WHERE id = $1`, [call.callId, call.answeredAt, hook.callId]);
        if (!this.config.VOICE_MACHINE_DETECTION) await this.human(call);
        return;
      case 'machine_detection':
        if (call.answeredBy) return;
        if (event.result === 'machine') await this.machine(call);
        else await this.human(call); // not_sure: the script discloses nothing before verification anyway
        return;
      case 'speak_ended':
        call.pendingSpeaks = Math.max(0, call.pendingSpeaks - 1);
        if (call.pendingSpeaks === 0 && call.hangupWhenQuiet) await this.hangup(call);
        return;
      case 'transcription':
        if (!event.final || !event.text.trim() || !call.session || call.escalated || call.hangupWhenQuiet) return;
        if (call.pendingSpeaks > 0) await this.bargeIn(call);
        await this.afterTurn(call, await call.session.hear(event.text));
        return;
      case 'hangup':
        await this.finish(call, hook);
        return;
      default:
        return;
    }
  }

  private async human(call: LiveCall): Promise<void> {
    call.answeredBy = 'human';
    await this.answered(call, 'human');
    if (!call.canVerify) {
      // No factor to verify with: nothing about the debt may be said to whoever answered.
      await this.limitedContent(call, 'no_agreement');
      return;
    }
    call.session = this.sessions(call.brief, this.tools(call), () => this.clock.now(), call.llm);
    if (this.provider && call.providerCallId) await this.provider.startTranscription(call.providerCallId, speechLocale(call.command.language, call.command.jurisdiction));
    await this.afterTurn(call, await call.session.start());
  }

  private async machine(call: LiveCall): Promise<void> {
    call.answeredBy = 'machine';
    await this.answered(call, 'machine');
    await this.limitedContent(call, 'machine_message_left');
  }

  private async answered(call: LiveCall, by: 'human' | 'machine'): Promise<void> {
    await this.events.emit([this.events.event(EVENTS.callAnswered, call, { ...this.ref(call), answeredBy: by })], undefined, async (tx) => {
      await tx.query(`UPDATE voice_call SET answered_by = $2, answered_at = COALESCE(answered_at, $3), updated_at = now() WHERE id = $1`, [call.callId, by, call.answeredAt ?? this.clock.now()]);
    });
  }

  /** The message the session gives an answering machine: business name, a person's name, a callback number — then hang up. */
  private async limitedContent(call: LiveCall, outcome: 'machine_message_left' | 'no_agreement'): Promise<void> {
    call.session ??= this.sessions(call.brief, this.tools(call), () => this.clock.now(), call.llm);
    const turn = await call.session.notify({ kind: 'answering_machine' });
    call.outcome = outcome;
    if (turn) await this.afterTurn(call, { ...turn, next: 'end', outcome });
    else {
      call.hangupWhenQuiet = true;
      if (call.pendingSpeaks === 0) await this.hangup(call);
    }
  }

  private tools(call: LiveCall): CallAgentTools {
    return new CallAgentTools(call, this.events, this.clock, { deskNumber: this.config.VOICE_DESK_NUMBER, negotiation: this.negotiation });
  }

  private async afterTurn(call: LiveCall, turn: AgentTurn): Promise<void> {
    call.turns += 1;
    call.inputTokens += turn.usage?.promptTokens ?? 0;
    call.outputTokens += turn.usage?.completionTokens ?? 0;
    if (turn.outcome) call.outcome = turn.outcome;
    if (turn.stage) call.stage = turn.stage;
    const latency = Object.entries(turn.timings ?? {}).slice(0, 20).map(([stage, ms]) => ({ stage: stage.slice(0, 40), ms: Math.max(0, Math.round(ms)) }));
    const emissions: Emission[] = [
      this.events.event(EVENTS.callTurn, call, {
        ...this.ref(call),
        turn: call.turns,
        ...(turn.intent ? { intent: turn.intent.slice(0, 60) } : {}),
        ...(turn.stage ? { stage: turn.stage.slice(0, 60) } : {}),
        next: turn.next,
        sentiment: Math.max(-1, Math.min(1, turn.signals?.sentiment ?? 0)),
        cues: [...(turn.signals?.cues ?? [])],
        latency,
        utterances: turn.say.length,
        blockedUtterances: turn.blocked?.length ?? 0,
      }),
    ];
    // The debtor waits for the voice, not for the record: speak first (one command per turn, Telnyx
    // queues it), then write the turn and the transcript.
    if (turn.say.length > 0) await this.speak(call, turn.say.join(' '));
    await this.events.emit(emissions, undefined, (tx) => this.saveTranscript(tx, call));
    if (turn.next === 'transfer' && !call.escalated) await this.escalate(call, turn);
    else if (turn.next === 'end') {
      call.hangupWhenQuiet = true;
      if (call.pendingSpeaks === 0) await this.hangup(call);
    }
  }

  private async speak(call: LiveCall, text: string): Promise<void> {
    if (!this.provider || !call.providerCallId || call.hangupSent) return;
    call.pendingSpeaks += 1;
    try {
      await this.provider.speak(call.providerCallId, {
        text,
        voice: call.ttsVoice ?? this.config.VOICE_TTS_VOICE,
        language: speechLocale(call.command.language, call.command.jurisdiction),
      });
    } catch (error) {
      call.pendingSpeaks -= 1;
      if (error instanceof TelephonyError && error.kind === 'call_gone') return;
      this.logger.warn({ callId: call.callId, err: String(error) }, 'speak failed');
    }
  }

  /** The debtor spoke over the agent: stop the speech and the queue, and tell the session. */
  private async bargeIn(call: LiveCall): Promise<void> {
    call.session?.interrupt();
    if (!this.provider || !call.providerCallId) return;
    await this.provider.stopSpeaking(call.providerCallId).catch((error: unknown) => {
      if (!(error instanceof TelephonyError && error.kind === 'call_gone')) this.logger.warn({ callId: call.callId, err: String(error) }, 'playback_stop failed');
    });
  }

  private async hangup(call: LiveCall): Promise<void> {
    if (!this.provider || !call.providerCallId || call.hangupSent) return;
    call.hangupSent = true;
    await this.provider.hangup(call.providerCallId).catch((error: unknown) => {
      if (!(error instanceof TelephonyError && error.kind === 'call_gone')) this.logger.warn({ callId: call.callId, err: String(error) }, 'hangup failed');
    });
  }

  /** Warm transfer to the desk and the case file, both within the decision's turn. */
  private async escalate(call: LiveCall, turn: AgentTurn): Promise<void> {
    const decidedAt = this.clock.now();
    const started = performance.now();
    call.escalated = true;
    call.outcome = 'escalated';
    const requested = [...call.actions].reverse().find((a) => a.tool === 'escalate_to_human')?.facts.reason;
    const cues = turn.signals?.cues ?? [];
    const why = (typeof requested === 'string' && requested) || (cues.length ? `live signals: ${cues.join(', ')}` : `the agent handed over (${turn.intent ?? 'no intent'})`);
    let transferred = false;
    if (this.provider && call.providerCallId) {
      try {
        await this.provider.transfer(call.providerCallId, { to: this.config.VOICE_DESK_NUMBER, from: this.config.VOICE_FROM_NUMBER });
        transferred = true;
      } catch (error) {
        this.logger.warn({ callId: call.callId, err: String(error) }, 'transfer failed; the case file still goes to the desk');
      }
    }
    const handoffId = randomUUID();
    const c = call.command;
    const file: DeskHandoffV1 = {
      ...this.ref(call),
      handoffId,
      who: { ...(c.firstName ? { firstName: c.firstName } : {}), fullName: call.brief.debtor.fullName || c.firstName || 'unknown', language: c.language, jurisdiction: c.jurisdiction, verified: this.verified(call) },
      owed: {
        amountDue: c.amountDue,
        merchantName: c.merchantName,
        ...(c.orderRef ? { orderRef: c.orderRef } : {}),
        dueDate: c.dueDate,
        why: whyOwed(c),
        ...(c.overdue?.length ? { overdue: c.overdue } : {}),
      },
      ...(c.contactsSoFar !== undefined ? { contactsBeforeThisCall: c.contactsSoFar } : {}),
      actions: call.actions.slice(-100).map((a) => ({ tool: a.tool, ok: a.ok, facts: a.facts })),
      transcript: (call.session?.transcript() ?? []).slice(-500).map((l) => ({ speaker: l.speaker, text: l.text.slice(0, 2000), at: new Date(l.at).toISOString() })),
      whyEscalated: why.slice(0, 300),
      suggestedNextStep: suggestNextStep(cues, call.actions.map((a) => a.tool)),
      ...(transferred ? { transferredTo: this.config.VOICE_DESK_NUMBER } : {}),
      decidedAt: decidedAt.toISOString(),
    };
    await this.events.emit(
      [
        this.events.event(EVENTS.callEscalated, call, { ...this.ref(call), handoffId, reason: file.whyEscalated, transferred }),
        this.events.event(EVENTS.deskHandoff, call, file),
      ],
      undefined,
      async (tx) => {
        await tx.query(`INSERT INTO desk_handoff (id, call_id, tenant_id, case_id, case_file, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [handoffId, call.callId, call.tenantId, call.caseId, file, decidedAt]);
        await tx.query(`UPDATE voice_call SET status = $2, updated_at = now() WHERE id = $1`, [call.callId, transferred ? 'transferred' : 'escalated']);
      },
    );
    this.handoffLatency.observe((performance.now() - started) / 1000);
  }

  /** Verified once the script has moved past its opening and identity questions. */
  private verified(call: LiveCall): boolean {
    return call.canVerify && call.stage !== undefined && !['opening', 'verify_name', 'verify_factor', 'identity'].includes(call.stage);
  }

  private async saveTranscript(tx: EntityManager, call: LiveCall): Promise<void> {
    const lines = call.session?.transcript() ?? [];
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM voice_transcript WHERE call_id = $1`, [call.callId]);
    for (let i = n; i < lines.length; i++) {
      await tx.query(`INSERT INTO voice_transcript (call_id, seq, speaker, text, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [call.callId, i, lines[i].speaker, lines[i].text, new Date(lines[i].at)]);
    }
  }

  // ---------------------------------------------------------------- end

  private async finish(call: LiveCall, hook: TelephonyWebhook): Promise<void> {
    const event = hook.event.kind === 'hangup' ? hook.event : undefined;
    const endedAt = new Date(event?.endedAt ?? hook.occurredAt);
    const answeredAt = call.answeredAt ?? (call.answeredBy && event?.startedAt ? new Date(event.startedAt) : undefined);
    const durationSeconds = answeredAt ? Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000)) : 0;
    let outcome: CallEndOutcome = call.outcome ?? (call.answeredBy ? (event?.source === 'callee' ? 'hung_up' : 'no_agreement') : 'no_answer');
    if (call.paymentSeen && !call.agreedPlanId) outcome = 'paid';
    else if (call.linkSent && (outcome === 'no_agreement' || outcome === 'hung_up')) outcome = 'link_sent';
    const cost = callCost({ answered: call.answeredBy !== undefined, durationSeconds, country: countryOfNumber(call.command.to), inputTokens: call.inputTokens, outputTokens: call.outputTokens }, this.prices);
    await this.events.emit(
      [
        this.events.event(EVENTS.callEnded, call, {
          ...this.ref(call),
          outcome,
          answeredBy: call.answeredBy ?? 'none',
          durationSeconds,
          cost: { telephonyMicroUsd: cost.telephonyMicroUsd, llmMicroUsd: cost.llmMicroUsd, totalMicroUsd: cost.totalMicroUsd },
          turns: call.turns,
          endReason: (event?.cause ?? 'unspecified').slice(0, 80),
          ...(outcome === 'promise_to_pay' && call.promisedBy ? { promisedBy: call.promisedBy } : {}),
        }),
      ],
      undefined,
      async (tx) => {
        await this.saveTranscript(tx, call);
        await tx.query(
          `UPDATE voice_call SET status = 'ended', outcome = $2, end_reason = $3, ended_at = $4, duration_seconds = $5, cost_telephony_micro_usd = $6,
             cost_llm_micro_usd = $7, turns = $8, input_tokens = $9, output_tokens = $10, answered_by = COALESCE(answered_by, $11), updated_at = now() WHERE id = $1`,
          [call.callId, outcome, event?.cause ?? null, endedAt, durationSeconds, cost.telephonyMicroUsd, cost.llmMicroUsd, call.turns, call.inputTokens, call.outputTokens, call.answeredBy ?? null],
        );
      },
    );
    this.live.remove(call.callId);
    this.outcomes.inc({ outcome });
    this.logger.info({ callId: call.callId, stepId: call.stepId, caseId: call.caseId, outcome, durationSeconds, costMicroUsd: cost.totalMicroUsd }, 'call ended');
  }

  private async reportEnded(call: LiveCall, outcome: CallEndOutcome, reason: string, ctx: ConsumerContext): Promise<void> {
    await this.events.emit(
      [this.events.event(EVENTS.callEnded, call, { ...this.ref(call), outcome, answeredBy: 'none', durationSeconds: 0, cost: { telephonyMicroUsd: 0, llmMicroUsd: 0, totalMicroUsd: 0 }, turns: 0, endReason: reason })],
      ctx,
    );
    this.outcomes.inc({ outcome });
  }

  // ---------------------------------------------------------------- link and payment come back

  /**
   * A link or payment event on an account: heard by its live call on this replica, or passed to the
   * replica that holds the call (unless it was passed here by another one).
   */
  async onAccountEvent(event: EventEnvelope, ctx?: ConsumerContext, passedHere = false): Promise<boolean> {
    const signal = callSignalOf(event);
    if (!signal) return false;
    if (this.live.forAccount(event.tenantId, event.accountId)) return this.notify(event.tenantId, event.accountId, signal, ctx);
    return passedHere ? false : this.owners.passAccountSignal(event);
  }

  /** A click on the call's link or a payment on its account, delivered to the live session of this replica. */
  private async notify(tenantId: string, accountId: string, event: SessionEvent, ctx?: ConsumerContext): Promise<boolean> {
    const call = this.live.forAccount(tenantId, accountId);
    if (!call?.session || call.hangupSent) return false;
    return this.live.run(call, async () => {
      if (event.kind === 'link_clicked') {
        if ((event.code !== call.command.paymentLink.code && !call.linkCodes.includes(event.code)) || call.linkClicked) return false;
        call.linkClicked = true;
        await this.events.emit([this.events.event(EVENTS.callLinkClicked, call, { ...this.ref(call), code: event.code })], ctx);
      } else if (event.kind === 'payment_received') {
        if (call.paymentSeen) return false;
        call.paymentSeen = true;
        // The first payment of a plan agreed in this call does not turn the call into 'paid'.
        if (!call.agreedPlanId) call.outcome = 'paid';
        await this.events.emit([this.events.event(EVENTS.callPaymentSeen, call, { ...this.ref(call), amount: { amountMinor: event.amountMinor, currency: event.currency } })], ctx);
      }
      const turn = await call.session!.notify(event);
      if (turn) await this.afterTurn(call, turn);
      return true;
    });
  }

  /**
   * A replica going away finishes its calls: it stops taking records first (no new dial here;
   * other replicas take the partitions), then waits up to VOICE_DRAIN_SECONDS for its live calls
   * to end, their webhooks and passed-on signals still served. The service kit's own shutdown
   * (consumers, relay, connections) follows.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    const deadline = Date.now() + this.config.VOICE_DRAIN_SECONDS * 1000;
    if (this.live.size() > 0) this.logger.info({ calls: this.live.size(), drainSeconds: this.config.VOICE_DRAIN_SECONDS }, 'shutting down: finishing live calls');
    while (this.live.size() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (this.live.size() > 0) this.logger.warn({ calls: this.live.size() }, 'calls still live at shutdown: each is hung up at its next webhook and reported');
  }

  private ref(call: LiveCall) {
    return { callId: call.callId, stepId: call.stepId, caseId: call.caseId };
  }
}
