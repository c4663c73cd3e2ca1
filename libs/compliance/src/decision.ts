/** The gate's answer. Every decision names the rules that made it, so it can be proven later. */
export type ComplianceDecision =
  | { outcome: 'allow'; ruleIds: string[]; reasons: string[]; flags: string[] }
  | { outcome: 'defer'; until: Date; ruleIds: string[]; reasons: string[]; flags: string[] }
  | { outcome: 'block'; ruleIds: string[]; reasons: string[]; flags: string[] };

export type ContactChannel = 'sms' | 'email' | 'voice' | 'human';

export interface ContactRequest {
  channel: ContactChannel;
  /** When the contact would happen. */
  at: Date;
  /** The debtor's IANA time zone. */
  timeZone: string;
  /** ISO 3166-1 alpha-2 country of the debtor. */
  country: string;
  /** Channels the debtor opted out of. */
  optedOut: ContactChannel[];
}
