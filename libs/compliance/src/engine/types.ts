/** The contact channels: `voice` is the AI voice agent, `human` a call by a live agent. */
export type Channel = 'sms' | 'email' | 'voice' | 'human';
export const CHANNELS: readonly Channel[] = ['sms', 'email', 'voice', 'human'];

/**
 * The medium a channel uses. An opt-out is per medium (Reg F 1006.14(h): "stop calling" bans the
 * telephone), so opting out of `voice` also stops `human` calls and vice versa.
 */
export type Medium = 'text' | 'email' | 'telephone';
export const MEDIUM: Readonly<Record<Channel, Medium>> = { sms: 'text', email: 'email', voice: 'telephone', human: 'telephone' };

export type HoldKind = 'dispute' | 'hardship' | 'bereavement' | 'breathing_space' | 'vulnerability' | 'cooling_off' | 'do_not_contact';
export const HOLD_KINDS: readonly HoldKind[] = ['dispute', 'hardship', 'bereavement', 'breathing_space', 'vulnerability', 'cooling_off', 'do_not_contact'];

/** Consents the debtor has given: written consent to collection email (NY), prior express consent to artificial-voice calls (TCPA). */
export type ConsentKind = 'email' | 'ai_voice' | 'sms';
export const CONSENT_KINDS: readonly ConsentKind[] = ['email', 'ai_voice', 'sms'];

export interface Hold {
  kind: HoldKind;
  /** When the hold began (used for fixed-length holds such as the 60-day Breathing Space). */
  since?: Date;
  /** When the hold ends (exclusive). Absent: until resolved (or its statutory length from `since`). */
  until?: Date;
}

/** One entry of the per-person contact ledger. Every entry counts as a communication; a conversation is also a trigger for cool-downs. */
export interface ContactEvent {
  channel: Channel;
  at: Date;
  kind: 'attempt' | 'conversation';
  debtId: string;
}

export type CapWindow = { kind: 'rolling'; days?: number; hours?: number } | { kind: 'calendar'; unit: 'day' | 'month' };

/** A frequency cap configured by a tenant; applied on top of (never instead of) the statutory caps. */
export interface TenantCap {
  id: string;
  channels: Channel[];
  max: number;
  window: CapWindow;
  scope: 'person' | 'debt';
}

export interface Debtor {
  /** ISO 3166-1 alpha-2, or alpha-2 + subdivision: 'US-MA', 'GB', 'IE', 'DE'. 'UK' is read as 'GB'. */
  jurisdiction: string;
  /** Candidate IANA zones; more than one when the location is ambiguous (phone area code vs address). */
  timeZones: string[];
  optedOut: Channel[];
  consents?: ConsentKind[];
  /** The debtor objected to processing (GDPR Art. 21). */
  gdprObjection?: boolean;
}

export interface ContactContext {
  channel: Channel;
  /** The moment of the contact. */
  at: Date;
  debtor: Debtor;
  holds: Hold[];
  /** The contact-attempt ledger of this person, across all their debts. */
  history: ContactEvent[];
  /** The debt this contact is about. */
  debtId: string;
  tenantCaps?: TenantCap[];
}

/** A disclosure the channel must make, handed over as data. `text` may contain {placeholders} the channel fills. */
export interface Disclosure {
  id: string;
  key: string;
  channel: Channel;
  text: string;
}

export interface RuleSetVersion {
  jurisdiction: string;
  version: string;
}

interface DecisionBase {
  /** The rules that made the decision (never empty). */
  ruleIds: string[];
  reasons: string[];
  flags: string[];
  /** Required disclosures for the contact (at `at` on allow, at `until` on defer; none on block). */
  disclosures: Disclosure[];
  /** The jurisdiction whose rules were applied ('DEFAULT' when unknown). */
  jurisdiction: string;
  /** The rule files (layers) applied and their versions. */
  ruleSet: RuleSetVersion[];
  /** The zones whose local time was checked. */
  timeZones: string[];
}

export type PolicyDecision =
  | (DecisionBase & { outcome: 'allow' })
  | (DecisionBase & { outcome: 'defer'; until: Date })
  /** `until`, when present: the block cannot lift before then (e.g. the end of a Breathing Space); evaluate again then. */
  | (DecisionBase & { outcome: 'block'; until?: Date });

export interface EvaluateOptions {
  /** How far ahead to look for a lawful moment before giving up with a block. Default 35 days. */
  horizonDays?: number;
}
