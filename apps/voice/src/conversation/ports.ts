// The boundary between a live conversation (pure domain: script, engine, guardrails, signals) and
// whatever carries it (a Telnyx phone call, the browser talk page, a test). Carriers feed debtor
// text and outside events in; the session answers with what to say and what it did.

export const TOOL_NAMES = [
  'get_account_status',
  'send_payment_link',
  'propose_plan',
  'accept_plan',
  'record_promise_to_pay',
  'open_dispute',
  'flag_hardship',
  'opt_out',
  'escalate_to_human',
  'end_call',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export interface ToolCall {
  id: string;
  name: ToolName;
  arguments: Record<string, unknown>;
}

export interface ToolResult {
  callId: string;
  name: ToolName;
  ok: boolean;
  /** Facts the agent may repeat: every amount, date and plan it speaks must come from here. */
  result: Record<string, unknown>;
  error?: string;
}

/** Side effects of a conversation, implemented by the voice service's adapters (outbox, connector, negotiation). */
export interface AgentTools {
  invoke(call: ToolCall): Promise<ToolResult>;
}

export type CallChannel = 'phone' | 'browser';

/** Who the agent is calling and the facts it may disclose once the right party is verified. */
export interface CallBrief {
  callId: string;
  tenantId: string;
  accountId: string;
  caseId: string;
  channel: CallChannel;
  /** Base language tag, e.g. en, de, es, fr. */
  language: string;
  brandName: string;
  /** A natural person's name the agent gives (limited-content message, transfer). */
  agentName: string;
  callbackNumber: string;
  debtor: { firstName?: string; fullName: string };
  /** The tenant-chosen factor checked before any detail of the debt is spoken. */
  verification: { kind: 'date_of_birth' | 'postcode_digits'; expected: string };
  debt: {
    amountDueMinor: number;
    currency: string;
    merchantName: string;
    orderRef?: string;
    dueDate: string;
  };
  /** ISO 3166 code whose rules apply (debt-collector identification, disclosures). */
  jurisdiction: string;
  /** Disclosures the compliance gate handed over for this contact; spoken after verification. */
  disclosures: string[];
  /** Tenant rules that turn live signals into escalation, pause or end of call. */
  signalRules?: SignalRule[];
}

export const CUES = ['dispute', 'hardship', 'vulnerability', 'bereavement', 'third_party', 'bot', 'injection', 'stop', 'already_paid', 'abuse'] as const;
export type Cue = (typeof CUES)[number];

export interface Signals {
  /** -1 (very negative) … 1 (very positive). */
  sentiment: number;
  cues: Cue[];
}

export interface SignalRule {
  cue: Cue;
  action: 'escalate' | 'pause' | 'end_call' | 'continue';
}

/** Things that happen outside the conversation and reach the live session. */
export type SessionEvent =
  | { kind: 'link_clicked'; code: string; at: string }
  | { kind: 'payment_received'; amountMinor: number; currency: string; at: string }
  | { kind: 'answering_machine' };

export type CallOutcome =
  | 'paid'
  | 'link_sent'
  | 'promise_to_pay'
  | 'plan_agreed'
  | 'dispute'
  | 'hardship'
  | 'opted_out'
  | 'wrong_party'
  | 'escalated'
  | 'machine_message_left'
  | 'no_agreement';

export interface AgentTurn {
  /** Utterances, each already passed the guardrail check, in the order to speak them. */
  say: string[];
  toolResults: ToolResult[];
  intent?: string;
  signals: Signals;
  /** What the carrier does next. */
  next: 'listen' | 'transfer' | 'end';
  outcome?: CallOutcome;
  /** Milliseconds per stage (understand, policy, tools, guardrail, …). */
  timings: Record<string, number>;
  /** The tool calls made this turn, with their arguments (results are in toolResults). */
  toolCalls?: ToolCall[];
  /** Utterances the guardrail stopped (replaced by a safe fallback), with the reasons. */
  blocked?: { text: string; reasons: string[] }[];
  /** Where the call script stands after this turn (opening, verify_name, verify_factor, conversation, ended…). */
  stage?: string;
  /** LLM tokens this turn used (none with the offline engine); the carrier prices the call with them. */
  usage?: { promptTokens: number; completionTokens: number };
}

export interface TranscriptLine {
  speaker: 'agent' | 'debtor';
  text: string;
  at: string;
}

export interface ConversationSession {
  readonly brief: CallBrief;
  /** Opening: AI disclosure, recording notice, identity question. */
  start(): Promise<AgentTurn>;
  hear(text: string): Promise<AgentTurn>;
  notify(event: SessionEvent): Promise<AgentTurn | undefined>;
  /** The debtor spoke over the agent: drop what was not yet spoken. */
  interrupt(): void;
  transcript(): TranscriptLine[];
}
