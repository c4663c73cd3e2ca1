import { engineFromSettings, openSession, type LlmSettings } from '../conversation';
import type { SessionFactory } from './live-calls';

/** The conversation of each answered phone call on the service clock: the LLM engine when configured, else the offline one. */
export function conversationSessions(config: LlmSettings): SessionFactory {
  const engine = engineFromSettings(config);
  return (brief, tools, now) => openSession(brief, tools, engine, { now });
}
