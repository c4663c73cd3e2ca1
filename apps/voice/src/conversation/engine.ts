// The conversation engine: what to do with a verified debtor's words. The call script (opening,
// verification, disclosures, answering machine, close) and the guardrails wrap every engine, so
// an engine never decides to skip verification and never speaks an unchecked sentence.
import type { Language } from './language';
import type { Understanding } from './understand';
import type { AgentTurn, CallBrief, CallOutcome, ToolName, ToolResult, TranscriptLine } from './ports';

export interface EngineContext {
  readonly brief: CallBrief;
  readonly language: Language;
  readonly locale: string;
  /** What the debtor just said (already in the transcript). */
  readonly heard: string;
  readonly understanding: Understanding;
  readonly transcript: readonly TranscriptLine[];
  /** Every tool result seen in this call, oldest first. */
  readonly results: readonly ToolResult[];
  /** Calls a tool through the carrier's AgentTools; the result becomes a fact the agent may speak. */
  callTool(name: ToolName, args: Record<string, unknown>): Promise<ToolResult>;
  /** Engine-private memory that lives as long as the call. */
  readonly memory: Record<string, unknown>;
  /** Today's date in the call (ISO), for relative dates in speech. */
  readonly today: string;
  /** Aborted when the debtor interrupts: stop generating, nothing of this turn is spoken. */
  readonly signal?: AbortSignal;
}

export interface EngineReply {
  say: string[];
  intent?: string;
  next?: AgentTurn['next'];
  outcome?: CallOutcome;
  /** LLM usage, when there was any. */
  usage?: { promptTokens: number; completionTokens: number };
}

export interface ConversationEngine {
  readonly kind: 'offline' | 'llm';
  respond(ctx: EngineContext): Promise<EngineReply>;
}
