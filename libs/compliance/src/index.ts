// The compliance library's only public door: a pure policy engine over versioned rule data.

export { CHANNELS, CONSENT_KINDS, HOLD_KINDS, MEDIUM } from './engine/types';
export type {
  CapWindow,
  Channel,
  ConsentKind,
  ContactContext,
  ContactEvent,
  Debtor,
  Disclosure,
  EvaluateOptions,
  Hold,
  HoldKind,
  Medium,
  PolicyDecision,
  PolicyDecision as ComplianceDecision,
  RuleSetVersion,
  TenantCap,
} from './engine/types';
export { evaluate, nextLawfulMoment, ENGINE_RULES, DEFAULT_HORIZON_DAYS } from './engine/evaluate';
export { feeCap } from './engine/fees';
export type { FeeCapQuery, FeeCapResult } from './engine/fees';
export { DEFAULT_RULES, RULE_FILE_DATA, RuleBook, compileRuleBook } from './engine/rulebook';
export type { CompiledJurisdiction } from './engine/rulebook';
export { RuleFileError, parseRuleFile } from './engine/schema';
export type { DayName, Rule, RuleFile, RuleSource, RuleStrength, RuleType } from './engine/schema';
export { HOLIDAY_CALENDARS, easterSunday, isPublicHoliday, publicHolidays } from './engine/holidays';
export type { HolidayCalendarId, PublicHoliday } from './engine/holidays';
export { lastMomentGate } from './last-moment-gate';
export type { ChannelKnowledge, GateVerdict } from './last-moment-gate';
