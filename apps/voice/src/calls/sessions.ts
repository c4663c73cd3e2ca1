import type { AgentTools, CallBrief, ConversationSession } from '../conversation/ports';
import type { SessionFactory } from './live-calls';

/** The conversation of each answered phone call (wired to the conversation module's openSession once it lands). */
export const conversationSessions: SessionFactory = (brief: CallBrief, tools: AgentTools): ConversationSession => {
  void tools;
  throw new Error(`no conversation engine is wired into the voice service yet (call ${brief.callId})`);
};
