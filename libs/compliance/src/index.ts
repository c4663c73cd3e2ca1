// The compliance library's only public door. The walking-skeleton gate (decideContact) stays for
// existing callers; the policy engine (evaluate) is the rule-data-driven successor.
export { ComplianceDecision, ContactRequest, ContactChannel } from './decision';
export { decideContact, DEFAULT_CONTACT_WINDOW, RULES } from './gate';
export { ContactWindow, isInsideWindow, nextWindowOpening, isKnownZone } from './contact-hours';

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
