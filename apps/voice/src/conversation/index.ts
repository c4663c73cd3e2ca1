// The live conversation of a voice call (pure domain): the call script, the engines, guardrails and
// live signals. Carriers (the Telnyx call, the browser talk page, tests) open a session per call:
//   const session = openSession(brief, tools);            // offline engine (no network)
//   const session = openSession(brief, tools, llmEngine); // the LLM inside the same script
export * from './ports';
export type { ConversationEngine, EngineContext, EngineReply } from './engine';
export { openSession, DEFAULT_SIGNAL_RULES, type SessionOptions, type ScriptStage } from './session';
export { OfflineEngine } from './offline-engine';
export { RecordingAgentTools, type RecordingToolsOptions } from './recording-tools';
export { TOOL_SPECS, type ToolSpec } from './tool-schemas';
export { LANGUAGES, type Language } from './language';
export { LlmEngine, type LlmEngineConfig } from './llm-engine';
export { engineFor, engineFromSettings, type LlmSettings, type TenantLlm } from './engines';
