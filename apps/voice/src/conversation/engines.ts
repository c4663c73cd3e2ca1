import type { ConversationEngine } from './engine';
import { type LlmEngineConfig, LlmEngine } from './llm-engine';
import { OfflineEngine } from './offline-engine';

const offline = new OfflineEngine();

/** The tenant's engine: the LLM when one is configured (base URL, key, model), else the offline engine. */
export function engineFor(llm?: Partial<LlmEngineConfig>): ConversationEngine {
  if (llm?.baseURL && llm.model) return new LlmEngine({ apiKey: 'none', ...llm, baseURL: llm.baseURL, model: llm.model });
  return offline;
}
