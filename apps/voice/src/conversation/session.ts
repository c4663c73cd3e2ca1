// The call script, enforced by code: opening (AI disclosure, recording notice) → right-party
// verification (name, then the tenant's factor; limited attempts) → debt-collector identification
// where the jurisdiction requires it and the compliance gate's disclosures → the conversation
// (the engine) → close. Answering machines and anyone but the verified debtor hear only a
// limited-content message. Every utterance passes the guardrail before it leaves the session.
import { addDays } from '@settle/negotiation';
import type { ConversationEngine, EngineContext, EngineReply } from './engine';
import { Facts, type GuardStage, checkUtterance, hasAiDisclosure, hasRecordingNotice, requiresCollectorIdentification } from './guardrails';
import { type Language, type TemplateKey, formatDate, formatMoney, languageOf, localeOf, render } from './language';
import { normalise } from './lexicon';
import { OfflineEngine } from './offline-engine';
import type {
  AgentTools,
  AgentTurn,
  CallBrief,
  CallOutcome,
  ConversationSession,
  Cue,
  SessionEvent,
  SignalRule,
  Signals,
  ToolCall,
  ToolName,
  ToolResult,
  TranscriptLine,
} from './ports';
import { type Understanding, understand } from './understand';

export type ScriptStage = 'new' | 'verify_name' | 'verify_factor' | 'conversation' | 'ended' | 'transferred';

export interface SessionOptions {
  /** The clock of the call (ManualClock in tests). */
  now?: () => Date;
  /** Verification attempts for the factor before the call ends politely. Default 2. */
  maxVerificationAttempts?: number;
  /** Unclear answers to "am I speaking with …?" before the call ends politely. Default 2. */
  maxNameAttempts?: number;
}

/** Applied when the tenant has no rule for a cue. Others are left to the engine. */
export const DEFAULT_SIGNAL_RULES: SignalRule[] = [
  { cue: 'bereavement', action: 'escalate' },
  { cue: 'vulnerability', action: 'escalate' },
  { cue: 'bot', action: 'end_call' },
  { cue: 'abuse', action: 'end_call' },
];

const TERMINAL: ReadonlySet<ScriptStage> = new Set(['ended', 'transferred']);

/** Disclosure ids of the compliance rule data the script knows how to say in the call's language. */
const SPOKEN_DISCLOSURES: Record<string, TemplateKey | 'opening'> = {
  'us.regf.mini_miranda.initial': 'collector_id',
  'us.regf.mini_miranda.subsequent': 'collector_id_subsequent',
  'core.policy.ai_disclosure': 'opening',
  'eu.aiact.art50.ai_disclosure': 'opening',
};
const DISCLOSURE_ID = /^[a-z]{2,8}(\.[a-z0-9_]+)+$/;

let idCounter = 0;

class Session implements ConversationSession {
  private stage: ScriptStage = 'new';
  private readonly language: Language;
  private readonly locale: string;
  private readonly lines: TranscriptLine[] = [];
  private readonly results: ToolResult[] = [];
  private readonly facts: Facts;
  private readonly publicFacts: Facts;
  private readonly memory: Record<string, unknown> = {};
  private readonly rules: Map<Cue, SignalRule['action']>;
  private nameAttempts = 0;
  private factorAttempts = 0;
  private endCallSent = false;
  private outcome?: CallOutcome;
  private queue: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private readonly now: () => Date;
  private readonly maxFactor: number;
  private readonly maxName: number;

  constructor(
    readonly brief: CallBrief,
    private readonly tools: AgentTools,
    private readonly engine: ConversationEngine,
    options: SessionOptions,
  ) {
    this.language = languageOf(brief.language);
    this.locale = localeOf(this.language, brief.jurisdiction);
    this.now = options.now ?? (() => new Date());
    this.maxFactor = options.maxVerificationAttempts ?? 2;
    this.maxName = options.maxNameAttempts ?? 2;
    this.facts = new Facts(this.locale, brief.debt.currency);
    this.publicFacts = new Facts(this.locale, brief.debt.currency);
    for (const f of [this.facts, this.publicFacts]) {
      f.addText(brief.callbackNumber);
      f.addText(brief.brandName);
      f.addText(brief.agentName);
    }
    this.facts.addMoney(brief.debt.amountDueMinor);
    this.facts.addDate(brief.debt.dueDate);
    this.facts.addText(brief.debt.orderRef);
    this.facts.addText(brief.debt.merchantName);
    for (const d of brief.disclosures) this.facts.addText(d);
    this.rules = new Map(DEFAULT_SIGNAL_RULES.map((r) => [r.cue, r.action]));
    for (const r of brief.signalRules ?? []) this.rules.set(r.cue, r.action);
  }

  /** Where the script stands (for carriers and tests). */
  get scriptStage(): ScriptStage {
    return this.stage;
  }

  get callOutcome(): CallOutcome | undefined {
    return this.outcome;
  }

  transcript(): TranscriptLine[] {
    return this.lines.map((l) => ({ ...l }));
  }

  interrupt(): void {
    // Whatever the session is still producing is dropped: the turn in flight comes back silent and
    // its text never reaches the transcript. (What the carrier already queued, it stops itself.)
    this.generation++;
    this.engineAbort?.abort();
  }

  private engineAbort?: AbortController;

  start(): Promise<AgentTurn> {
    return this.serial(async (turn) => {
      if (this.stage !== 'new') return;
      this.stage = 'verify_name';
      this.say(turn, this.t('opening', { name: this.brief.debtor.fullName }));
    });
  }

  hear(text: string): Promise<AgentTurn> {
    return this.serial(async (turn) => {
      const clean = text.slice(0, 2000);
      this.lines.push({ speaker: 'debtor', text: clean, at: this.now().toISOString() });
      if (TERMINAL.has(this.stage)) return;
      const t0 = performance.now();
      const u = understand(clean, this.language, this.today());
      turn.signals = u.signals;
      turn.timings.understand = performance.now() - t0;
      if (this.stage === 'new') this.stage = 'verify_name';
      await this.scripted(turn, u);
    });
  }

  notify(event: SessionEvent): Promise<AgentTurn | undefined> {
    return this.serial(async (turn) => {
      if (TERMINAL.has(this.stage)) return false;
      if (event.kind === 'answering_machine') {
        if (this.stage === 'conversation') return false;
        await this.limitedMessageAndEnd(turn, 'machine_message_left', 'answering_machine');
        turn.intent = 'answering_machine';
        return;
      }
      if (event.kind === 'link_clicked') {
        this.memory.linkClicked = event.at;
        if (this.stage !== 'conversation') return false;
        turn.intent = 'link_clicked';
        this.say(turn, this.t('link_clicked'));
        return;
      }
      // payment_received
      this.facts.addMoney(event.amountMinor, event.currency);
      this.memory.paidMinor = ((this.memory.paidMinor as number | undefined) ?? 0) + event.amountMinor;
      if (this.stage !== 'conversation') return false;
      turn.intent = 'payment_received';
      this.say(turn, this.t('paid_thanks'));
      const outcome: CallOutcome = this.memory.planAgreed ? 'plan_agreed' : 'paid';
      await this.finish(turn, outcome, 'payment_received');
    }).then((t) => t);
  }

  // ---- the script ---------------------------------------------------------------------------

  private async scripted(turn: AgentTurn, u: Understanding): Promise<void> {
    const has = (i: string) => u.intents.includes(i as never);
    const verified = this.stage === 'conversation';
    turn.intent = u.intents[0];

    // Anywhere in the call: a machine, a bot or abuse ends it with nothing disclosed; "stop" is honoured.
    if (!verified && has('voicemail')) {
      turn.intent = 'voicemail';
      return this.limitedMessageAndEnd(turn, 'machine_message_left', 'voicemail_greeting');
    }
    if (!verified && has('bot')) {
      turn.intent = 'bot';
      return this.limitedMessageAndEnd(turn, 'machine_message_left', 'bot_answering');
    }
    if (has('abuse') && this.ruleFor('abuse') !== 'continue') {
      turn.intent = 'abuse';
      this.say(turn, this.t('abuse_end'));
      return this.finish(turn, 'no_agreement', 'abuse');
    }
    if (has('stop')) {
      turn.intent = 'stop';
      await this.tool(turn, 'opt_out', { scope: 'calls', verified, reason: 'asked_to_stop' });
      this.say(turn, this.t('opt_out'));
      return this.finish(turn, 'opted_out', 'opt_out');
    }
    if (has('injection')) {
      // Instructions from the debtor's side change nothing: same stage, same question.
      turn.intent = 'injection';
      this.say(turn, this.t('injection'));
      this.say(turn, this.repeatQuestion());
      return;
    }
    if (!verified && has('human')) {
      turn.intent = 'human';
      await this.tool(turn, 'escalate_to_human', { reason: 'asked_for_human', verified: false });
      this.say(turn, this.t('to_human'));
      return this.transfer(turn);
    }

    if (this.stage === 'verify_name') return this.verifyName(turn, u);
    if (this.stage === 'verify_factor') return this.verifyFactor(turn, u);
    return this.converse(turn, u);
  }

  private async verifyName(turn: AgentTurn, u: Understanding): Promise<void> {
    const has = (i: string) => u.intents.includes(i as never);
    if (has('wrong_person') || has('third_party') || (has('no') && !has('yes'))) {
      turn.intent = has('third_party') ? 'third_party' : 'wrong_person';
      this.say(turn, this.t('wrong_party'));
      return this.finish(turn, 'wrong_party', 'not_the_debtor');
    }
    const names = [this.brief.debtor.firstName, ...this.brief.debtor.fullName.split(/\s+/)].filter((n): n is string => !!n && n.length > 1).map(normalise);
    const saysName = names.some((n) => new RegExp(`(?<![\\p{L}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(u.normalised));
    if (has('yes') || saysName) {
      turn.intent = 'name_confirmed';
      this.stage = 'verify_factor';
      this.say(turn, this.t(this.brief.verification.kind === 'date_of_birth' ? 'ask_date_of_birth' : 'ask_postcode_digits'));
      return;
    }
    this.nameAttempts++;
    if (this.nameAttempts >= this.maxName) {
      turn.intent = 'name_unclear';
      this.say(turn, this.t('verify_failed'));
      return this.finish(turn, 'no_agreement', 'identity_not_confirmed');
    }
    turn.intent = 'unclear';
    this.say(turn, this.t('confirm_name_again', { name: this.brief.debtor.fullName }));
  }

  private async verifyFactor(turn: AgentTurn, u: Understanding): Promise<void> {
    const has = (i: string) => u.intents.includes(i as never);
    if (has('wrong_person') || has('third_party')) {
      turn.intent = 'third_party';
      this.say(turn, this.t('wrong_party'));
      return this.finish(turn, 'wrong_party', 'not_the_debtor');
    }
    const { kind, expected } = this.brief.verification;
    let ok: boolean;
    if (kind === 'date_of_birth') {
      ok = u.fullDate !== undefined && u.fullDate === expected.slice(0, 10);
    } else {
      const exp = expected.replace(/\D/g, '');
      ok = exp.length > 0 && (u.digits === exp || (u.digits.length > exp.length && u.digits.endsWith(exp)));
    }
    if (ok) {
      turn.intent = 'verified';
      this.stage = 'conversation';
      this.memory.verifiedAt = this.now().toISOString();
      for (const d of this.disclosures()) this.say(turn, d, true);
      const { debt } = this.brief;
      this.say(
        turn,
        this.t('about_debt', {
          first: this.firstName(),
          merchant: debt.merchantName,
          amount: formatMoney(debt.amountDueMinor, debt.currency, this.locale),
          date: formatDate(debt.dueDate, this.locale),
        }),
      );
      this.say(turn, this.t('offer'));
      return;
    }
    this.factorAttempts++;
    if (this.factorAttempts >= this.maxFactor) {
      turn.intent = 'verification_failed';
      this.say(turn, this.t('verify_failed'));
      return this.finish(turn, 'no_agreement', 'verification_failed');
    }
    turn.intent = 'verification_retry';
    this.say(turn, this.t('verify_retry'));
  }

  /** The debt-collector identification (where required) and the compliance gate's disclosures, after verification. */
  private disclosures(): string[] {
    const out: string[] = [];
    const ids = this.brief.disclosures;
    const needsCollectorId = requiresCollectorIdentification(this.brief.jurisdiction) && !ids.some((d) => SPOKEN_DISCLOSURES[d] === 'collector_id' || SPOKEN_DISCLOSURES[d] === 'collector_id_subsequent');
    if (needsCollectorId) out.push(this.t('collector_id'));
    for (const d of ids) {
      const key = SPOKEN_DISCLOSURES[d];
      if (key === 'opening') continue; // said in the opening
      if (key) out.push(this.t(key));
      else if (!DISCLOSURE_ID.test(d)) out.push(d); // a text handed over as is
      // an id the script cannot say is left to the carrier's compliance record (never invented)
    }
    return out;
  }

  private async converse(turn: AgentTurn, u: Understanding): Promise<void> {
    const t0 = performance.now();
    for (const cue of u.signals.cues) {
      const action = this.ruleFor(cue);
      if (!action || action === 'continue') continue;
      turn.intent = `signal:${cue}`;
      turn.timings.rules = performance.now() - t0;
      if (action === 'escalate') {
        if (cue === 'bereavement' || cue === 'vulnerability' || cue === 'hardship') {
          await this.tool(turn, 'flag_hardship', { kind: cue, note: `cue:${cue}` });
          this.say(turn, this.t(cue));
        }
        await this.tool(turn, 'escalate_to_human', { reason: `signal:${cue}`, verified: true });
        if (!turn.say.length || cue === 'hardship') this.say(turn, this.t('to_human'));
        return this.transfer(turn);
      }
      if (action === 'pause') {
        this.say(turn, this.t('pause_end'));
        return this.finish(turn, cue === 'dispute' ? 'dispute' : cue === 'hardship' ? 'hardship' : 'no_agreement', `pause:${cue}`, true);
      }
      // end_call
      if (cue === 'bot') this.say(turn, this.t('limited_message'));
      else this.say(turn, this.t('pause_end'));
      return this.finish(turn, 'no_agreement', `end:${cue}`);
    }
    turn.timings.rules = performance.now() - t0;

    const abort = new AbortController();
    this.engineAbort = abort;
    const p0 = performance.now();
    const toolTime = { ms: 0 };
    const ctx: EngineContext = {
      brief: this.brief,
      language: this.language,
      locale: this.locale,
      heard: u.text,
      understanding: u,
      transcript: this.lines,
      results: this.results,
      memory: this.memory,
      today: this.today(),
      signal: abort.signal,
      callTool: async (name, args) => {
        const s = performance.now();
        try {
          return await this.tool(turn, name, args);
        } finally {
          toolTime.ms += performance.now() - s;
        }
      },
    };
    let reply: EngineReply;
    try {
      reply = await this.engine.respond(ctx);
    } catch (err) {
      if (abort.signal.aborted) return;
      turn.blocked = [...(turn.blocked ?? []), { text: '', reasons: [`engine_error:${err instanceof Error ? err.message : String(err)}`.slice(0, 200)] }];
      reply = { say: [this.t('fallback')] };
    }
    turn.timings.policy = performance.now() - p0 - toolTime.ms;
    turn.timings.tools = toolTime.ms;
    if (reply.usage) turn.usage = reply.usage;
    if (reply.intent) turn.intent = reply.intent;
    for (const s of reply.say) this.say(turn, s);
    if (reply.outcome) this.outcome = reply.outcome;
    if (reply.next === 'transfer') return this.transfer(turn);
    if (reply.next === 'end') return this.finish(turn, reply.outcome ?? this.outcome ?? 'no_agreement', 'engine');
  }

  private ruleFor(cue: Cue): SignalRule['action'] | undefined {
    return this.rules.get(cue);
  }

  private repeatQuestion(): string {
    if (this.stage === 'verify_name') return this.t('confirm_name_again', { name: this.brief.debtor.fullName });
    if (this.stage === 'verify_factor') return this.t(this.brief.verification.kind === 'date_of_birth' ? 'ask_date_of_birth' : 'ask_postcode_digits');
    return this.t('offer');
  }

  private async limitedMessageAndEnd(turn: AgentTurn, outcome: CallOutcome, reason: string): Promise<void> {
    this.say(turn, this.t('limited_message'));
    return this.finish(turn, outcome, reason);
  }

  private async transfer(turn: AgentTurn): Promise<void> {
    this.stage = 'transferred';
    this.outcome = 'escalated';
    turn.outcome = 'escalated';
    turn.next = 'transfer';
  }

  private async finish(turn: AgentTurn, outcome: CallOutcome, reason: string, pause = false): Promise<void> {
    this.stage = 'ended';
    this.outcome = outcome;
    turn.outcome = outcome;
    turn.next = 'end';
    if (!this.endCallSent) {
      this.endCallSent = true;
      await this.tool(turn, 'end_call', { outcome, reason, ...(pause ? { pauseCase: true } : {}) });
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private async tool(turn: AgentTurn, name: ToolName, args: Record<string, unknown>): Promise<ToolResult> {
    if (name === 'end_call') this.endCallSent = true;
    const call: ToolCall = { id: `${this.brief.callId}:${++idCounter}`, name, arguments: args };
    turn.toolCalls = [...(turn.toolCalls ?? []), call];
    let result: ToolResult;
    try {
      result = await this.tools.invoke(call);
    } catch (err) {
      result = { callId: call.id, name, ok: false, result: {}, error: err instanceof Error ? err.message : String(err) };
    }
    turn.toolResults.push(result);
    this.results.push(result);
    if (result.ok) this.facts.addResult(result.result, this.brief.debt.currency);
    return result;
  }

  private guardStage(): GuardStage {
    return this.stage === 'conversation' || (this.stage === 'ended' && this.memory.verifiedAt) || (this.stage === 'transferred' && this.memory.verifiedAt) ? 'verified' : 'unverified';
  }

  /** Checks, then queues an utterance; a failing one is replaced by the safe fallback and recorded. */
  private say(turn: AgentTurn, text: string, trustedDisclosure = false): void {
    const g0 = performance.now();
    const stage = this.guardStage();
    const ctx = { language: this.language, brief: this.brief, stage, facts: this.facts, publicFacts: this.publicFacts };
    const reasons = trustedDisclosure ? (stage === 'verified' ? [] : ['disclosure_before_verification']) : checkUtterance(text, ctx);
    if (reasons.length === 0) {
      turn.say.push(text);
    } else {
      turn.blocked = [...(turn.blocked ?? []), { text, reasons }];
      const fallback = this.fallback(stage);
      if (!turn.say.includes(fallback)) turn.say.push(fallback);
    }
    turn.timings.guardrail = (turn.timings.guardrail ?? 0) + (performance.now() - g0);
  }

  private fallback(stage: GuardStage): string {
    if (stage === 'verified') return this.t('fallback');
    // Before verification the only safe thing is the limited-content message, and without the
    // brand if the brand itself fails the check.
    const msg = this.t('limited_message');
    const ctx = { language: this.language, brief: this.brief, stage, facts: this.facts, publicFacts: this.publicFacts };
    return checkUtterance(msg, ctx).length === 0 ? msg : this.t('limited_message', { brand: '' }).replace(/\s+([.,!?])/g, '$1').replace(/\s{2,}/g, ' ');
  }

  private t(key: TemplateKey, vars: Record<string, string> = {}): string {
    return render(this.language, key, {
      agent: this.brief.agentName,
      brand: this.brief.brandName,
      callback: this.brief.callbackNumber,
      first: this.firstName(),
      ...vars,
    });
  }

  private firstName(): string {
    return this.brief.debtor.firstName ?? this.brief.debtor.fullName.split(/\s+/)[0];
  }

  private today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /**
   * Turns run one at a time, in order. `body` fills the turn; returning false means "nothing to say"
   * (notify answers undefined). An interrupt during the turn drops its utterances.
   */
  private serial(body: (turn: AgentTurn) => Promise<void | false>): Promise<AgentTurn> & Promise<AgentTurn | undefined> {
    const run = async (): Promise<AgentTurn | undefined> => {
      const gen = this.generation;
      const t0 = performance.now();
      const turn: AgentTurn = { say: [], toolResults: [], signals: { sentiment: 0, cues: [] }, next: 'listen', timings: {} };
      const r = await body(turn);
      if (r === false) return undefined;
      if (gen !== this.generation) turn.say = [];
      this.checkRequiredDisclosures(turn);
      const at = this.now().toISOString();
      for (const s of turn.say) this.lines.push({ speaker: 'agent', text: s, at });
      turn.stage = this.stage;
      if (turn.outcome === undefined && this.outcome && turn.next !== 'listen') turn.outcome = this.outcome;
      turn.timings.total = performance.now() - t0;
      return turn;
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p as Promise<AgentTurn> & Promise<AgentTurn | undefined>;
  }

  /** The opening must carry the AI disclosure and the recording notice; nothing can remove them. */
  private checkRequiredDisclosures(turn: AgentTurn): void {
    if (this.memory.openingChecked || turn.say.length === 0 || !this.lines.every((l) => l.speaker === 'debtor')) return;
    this.memory.openingChecked = true;
    const all = turn.say.join(' ');
    if (!hasAiDisclosure(all, this.language) || !hasRecordingNotice(all, this.language)) {
      turn.blocked = [...(turn.blocked ?? []), { text: all, reasons: ['missing_required_disclosure'] }];
      turn.say.unshift(this.t('opening', { name: this.brief.debtor.fullName }));
    }
  }
}

/** Days ahead the agent may agree a single promise for, by default. */
export const PROMISE_HORIZON_DAYS = 30;
export function promiseHorizon(today: string): string {
  return addDays(today, PROMISE_HORIZON_DAYS);
}

/** Opens the conversation of one call. With no engine given, the offline engine runs (no network). */
export function openSession(brief: CallBrief, tools: AgentTools, engine?: ConversationEngine, options: SessionOptions = {}): ConversationSession & {
  readonly scriptStage: ScriptStage;
  readonly callOutcome: CallOutcome | undefined;
} {
  return new Session(brief, tools, engine ?? new OfflineEngine(), options);
}

export type { Signals };
