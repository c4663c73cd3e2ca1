import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { CLOCK, Clock } from '@settle/config';
import { SERVICE_CONFIG } from '@settle/service-kit';
import { randomUUID } from 'node:crypto';
import {
  type AgentTurn,
  type CallBrief,
  type ConversationEngine,
  type ConversationSession,
  LANGUAGES,
  RecordingAgentTools,
  type SessionEvent,
  type ToolCall,
  type ToolResult,
  engineFromSettings,
  type LlmSettings,
  openSession,
} from '../conversation';

export interface TalkLlmSettings extends LlmSettings {
  VOICE_TALK_PAGE?: 'on' | 'off';
}

export type TalkStreamEvent =
  | { type: 'turn'; data: AgentTurn }
  | { type: 'heard'; data: { text: string } }
  | { type: 'tool'; data: { call: ToolCall; result: ToolResult } }
  | { type: 'event'; data: SessionEvent };

interface TalkSession {
  id: string;
  brief: CallBrief;
  session: ConversationSession;
  tools: RecordingAgentTools;
  log: TalkStreamEvent[];
  listeners: Set<(e: TalkStreamEvent) => void>;
  lastSeen: number;
}

/** At most this many practice calls live at once on a replica; the oldest idle one goes first. */
const MAX_SESSIONS = 200;
const IDLE_MS = 30 * 60_000;
const MAX_LOG = 500;

/**
 * Practice calls of the talk page: a made-up account, the real conversation session (script,
 * engine, guardrails, signals) and tools that record what they were asked (RecordingAgentTools) —
 * nothing reaches Kafka, the SMS service or a lender. The payment link's click and payment are
 * simulated by the page's buttons and enter the session as the same SessionEvents a phone call gets.
 */
@Injectable()
export class TalkSessions implements OnModuleDestroy {
  private readonly sessions = new Map<string, TalkSession>();
  private readonly engine: ConversationEngine;
  private readonly sweeper: NodeJS.Timeout;
  readonly enabled: boolean;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: TalkLlmSettings,
  ) {
    this.enabled = config.VOICE_TALK_PAGE !== 'off';
    this.engine = engineFromSettings(config);
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  get engineKind(): string {
    return this.engine.kind;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    for (const s of this.sessions.values()) s.listeners.clear();
    this.sessions.clear();
  }

  async create(language: string, jurisdiction: string): Promise<{ id: string; turn: AgentTurn }> {
    if (this.sessions.size >= MAX_SESSIONS) this.evictOldest();
    const id = randomUUID();
    const brief = demoBrief(id, language, jurisdiction, this.clock.now());
    const tools = new RecordingAgentTools(brief, { now: () => this.clock.now() });
    const s: TalkSession = { id, brief, tools, session: openSession(brief, tools, this.engine, { now: () => this.clock.now() }), log: [], listeners: new Set(), lastSeen: Date.now() };
    tools.onCall = (call, result) => this.emit(s, { type: 'tool', data: { call, result } });
    this.sessions.set(id, s);
    const turn = await s.session.start();
    this.emit(s, { type: 'turn', data: turn });
    return { id, turn };
  }

  get(id: string): TalkSession | undefined {
    const s = this.sessions.get(id);
    if (s) s.lastSeen = Date.now();
    return s;
  }

  async say(s: TalkSession, text: string): Promise<AgentTurn> {
    this.emit(s, { type: 'heard', data: { text } });
    const turn = await s.session.hear(text);
    this.emit(s, { type: 'turn', data: turn });
    return turn;
  }

  /** The page's simulated link and machine events; amounts come from the link this session sent. */
  async event(s: TalkSession, kind: 'link_clicked' | 'payment_received' | 'answering_machine'): Promise<AgentTurn | undefined | 'no_link'> {
    const at = this.clock.now().toISOString();
    let event: SessionEvent;
    if (kind === 'answering_machine') event = { kind };
    else {
      const link = [...s.tools.results].reverse().find((r) => r.name === 'send_payment_link' && r.ok);
      if (!link) return 'no_link';
      event =
        kind === 'link_clicked'
          ? { kind, code: String(link.result.code), at }
          : { kind, amountMinor: Number(link.result.amountMinor), currency: String(link.result.currency), at };
    }
    this.emit(s, { type: 'event', data: event });
    const turn = await s.session.notify(event);
    if (turn) this.emit(s, { type: 'turn', data: turn });
    return turn;
  }

  subscribe(s: TalkSession, listener: (e: TalkStreamEvent) => void): () => void {
    for (const e of s.log) listener(e);
    s.listeners.add(listener);
    return () => s.listeners.delete(listener);
  }

  private emit(s: TalkSession, e: TalkStreamEvent): void {
    s.log.push(e);
    if (s.log.length > MAX_LOG) s.log.shift();
    for (const l of s.listeners) l(e);
  }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, s] of this.sessions) if (s.lastSeen < cutoff && s.listeners.size === 0) this.sessions.delete(id);
  }

  private evictOldest(): void {
    let oldest: TalkSession | undefined;
    for (const s of this.sessions.values()) if (!oldest || s.lastSeen < oldest.lastSeen) oldest = s;
    if (oldest) this.sessions.delete(oldest.id);
  }
}

export const TALK_LANGUAGES: readonly string[] = LANGUAGES;

/** The practice account: Sam Carter, born 12 March 1990, 60.00 due to Nordic Shoes ten days ago. */
export function demoBrief(id: string, language: string, jurisdiction: string, now: Date): CallBrief {
  const due = new Date(now.getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
  return {
    callId: id,
    tenantId: '00000000-0000-4000-8000-00000000d3e0',
    accountId: randomUUID(),
    caseId: randomUUID(),
    channel: 'browser',
    language,
    brandName: 'Lumen',
    agentName: 'Mia',
    callbackNumber: '+44 20 7946 0000',
    debtor: { firstName: 'Sam', fullName: 'Sam Carter' },
    verification: { kind: 'date_of_birth', expected: '1990-03-12' },
    debt: { amountDueMinor: 6000, currency: jurisdiction.startsWith('US') ? 'USD' : jurisdiction === 'GB' ? 'GBP' : 'EUR', merchantName: 'Nordic Shoes', orderRef: 'NS-88412', dueDate: due },
    jurisdiction,
    disclosures: [],
  };
}
