import type { ConversationEngine } from '../conversation/engine';
import { engineFromSettings, openSession, type LlmSettings } from '../conversation';
import type { SessionFactory } from './live-calls';

/**
 * The conversation of each answered phone call on the service clock: the LLM engine when
 * configured (with the tenant's model and temperature), else the offline one. Engines are kept
 * per model and temperature, so calls share their HTTP clients.
 */
export function conversationSessions(config: LlmSettings): SessionFactory {
  const engines = new Map<string, ConversationEngine>();
  return (brief, tools, now, llm = {}) => {
    const key = `${llm.model ?? ''}|${llm.temperature ?? ''}`;
    let engine = engines.get(key);
    if (!engine) engines.set(key, (engine = engineFromSettings(config, llm)));
    return openSession(brief, tools, engine, { now });
  };
}
