import type { ConversationEngine } from './engine';
import { type LlmEngineConfig, LlmEngine } from './llm-engine';
import { OfflineEngine } from './offline-engine';

const offline = new OfflineEngine();

/** The tenant's engine: the LLM when one is configured (base URL, key, model), else the offline engine. */
export function engineFor(llm?: Partial<LlmEngineConfig>): ConversationEngine {
  if (llm?.baseURL && llm.model) return new LlmEngine({ apiKey: 'none', ...llm, baseURL: llm.baseURL, model: llm.model });
  return offline;
}

/** The service's LLM settings (all unset: the offline engine). */
export interface LlmSettings {
  VOICE_LLM_BASE_URL?: string;
  VOICE_LLM_API_KEY?: string;
  VOICE_LLM_MODEL?: string;
  VOICE_LLM_TEMPERATURE?: number;
}

/** A tenant's choice of model and temperature on the service's LLM endpoint. */
export interface TenantLlm {
  model?: string;
  temperature?: number;
}

/** One engine choice for phone calls and the talk page alike; a tenant may pick another model or temperature on the same endpoint. */
export function engineFromSettings(config: LlmSettings, tenant: TenantLlm = {}): ConversationEngine {
  const model = tenant.model ?? config.VOICE_LLM_MODEL;
  return engineFor(
    config.VOICE_LLM_BASE_URL && model
      ? { baseURL: config.VOICE_LLM_BASE_URL, model, apiKey: config.VOICE_LLM_API_KEY ?? 'none', temperature: tenant.temperature ?? config.VOICE_LLM_TEMPERATURE }
      : undefined,
  );
}
