import { Injectable } from '@nestjs/common';
import type { CaseFileAction, VoiceRequestedV1 } from '@settle/contracts';
import type { TenantLlm } from '../conversation/engines';
import type { AgentTools, CallBrief, CallOutcome, ConversationSession } from '../conversation/ports';

/** Opens the conversation for one call (the conversation module's openSession, or a test's). */
export const SESSION_FACTORY = Symbol('SESSION_FACTORY');
export type SessionFactory = (brief: CallBrief, tools: AgentTools, now: () => Date, llm?: TenantLlm) => ConversationSession;

export interface LiveCall {
  callId: string;
  stepId: string;
  caseId: string;
  tenantId: string;
  accountId: string;
  providerCallId?: string;
  command: VoiceRequestedV1;
  /** The voice command's envelope: every call event is caused by it and shares its correlation id. */
  cause: { id: string; correlationId: string };
  brief: CallBrief;
  canVerify: boolean;
  /** The tenant's text-to-speech voice and LLM choice (its voice profile when the call was placed). */
  ttsVoice?: string;
  llm?: TenantLlm;
  session?: ConversationSession;
  answeredBy?: 'human' | 'machine';
  answeredAt?: Date;
  pendingSpeaks: number;
  /** Hang up once what was said has been spoken (end of call, machine message). */
  hangupWhenQuiet: boolean;
  hangupSent: boolean;
  turns: number;
  /** Where the call script stands (the session's last turn). */
  stage?: string;
  outcome?: CallOutcome;
  inputTokens: number;
  outputTokens: number;
  actions: CaseFileAction[];
  linkSent: boolean;
  /** Codes of links for a part of the amount sent in this call (the command's own link is always the call's). */
  linkCodes: string[];
  /** The negotiation service's id of the plan agreed in this call. */
  agreedPlanId?: string;
  /** The last promise to pay recorded in the call (YYYY-MM-DD). */
  promisedBy?: string;
  linkClicked: boolean;
  paymentSeen: boolean;
  escalated: boolean;
  /** Serialises everything that happens to this call (webhooks, link and payment events). */
  chain: Promise<unknown>;
}

/**
 * Calls in progress on THIS replica, with their conversation sessions. A call's webhooks and its
 * link/payment events that reach another replica are passed here (CallOwners, VOICE_REPLICA_URL).
 * Sessions are not recovered after a restart: a call whose replica dies is hung up at its next
 * webhook and reported then.
 */
@Injectable()
export class LiveCalls {
  private readonly calls = new Map<string, LiveCall>();
  private readonly byAccount = new Map<string, string>();

  get(callId: string): LiveCall | undefined {
    return this.calls.get(callId);
  }

  forAccount(tenantId: string, accountId: string): LiveCall | undefined {
    const id = this.byAccount.get(`${tenantId}:${accountId}`);
    return id ? this.calls.get(id) : undefined;
  }

  add(call: LiveCall): void {
    this.calls.set(call.callId, call);
    this.byAccount.set(`${call.tenantId}:${call.accountId}`, call.callId);
  }

  remove(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    if (this.byAccount.get(`${call.tenantId}:${call.accountId}`) === callId) this.byAccount.delete(`${call.tenantId}:${call.accountId}`);
  }

  size(): number {
    return this.calls.size;
  }

  /** Runs `work` after everything already queued for the call. */
  run<T>(call: LiveCall, work: () => Promise<T>): Promise<T> {
    const next = call.chain.then(work, work);
    call.chain = next.catch(() => undefined);
    return next;
  }
}
