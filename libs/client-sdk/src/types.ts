/**
 * The shapes of Settle's public API, written over the OpenAPI document (apps/ingest/openapi.json);
 * `client.spec.ts` checks that every operation of the document has its method here.
 */
export type CaseStatus = 'opened' | 'reminding' | 'disputed' | 'paused' | 'escalated' | 'promised' | 'plan_agreed' | 'resolved' | 'closed' | 'written_off';
export type ManualAction = 'pause' | 'resume' | 'close' | 'escalate';
export type PreferenceChannel = 'sms' | 'email' | 'voice';
export type Scope = 'events:write' | 'cases:read' | 'cases:write' | 'admin';

export interface Money {
  /** Integer minor units. */
  amountMinor: number;
  /** ISO 4217. */
  currency: string;
}

export interface CaseSummary {
  id: string;
  accountId: string;
  status: CaseStatus;
  amountDue: Money;
  recovered: Money;
  contactsSent: number;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
  outcome: 'resolved' | 'closed' | 'written_off' | null;
}

export interface CasePage {
  items: CaseSummary[];
  nextCursor: string | null;
  next: string | null;
}

export interface TimelineEntry {
  at: string;
  kind: 'status_changed' | 'step_scheduled' | 'compliance_decision' | 'contact_attempt';
  summary: string;
  from?: string | null;
  to?: string;
  reason?: string;
  causeEventId?: string;
  stepId?: string;
  channel?: string;
  outcome?: string;
  ruleIds?: string[];
  reasons?: string[];
  [detail: string]: unknown;
}

export interface Instalment {
  orderRef: string;
  merchantName: string;
  instalmentNumber: number;
  amountDue: Money;
  dueDate: string;
}

export interface CaseDetail extends CaseSummary {
  workflowId: string;
  instalments: Instalment[];
  timeline: TimelineEntry[];
}

export interface ListCasesParams {
  status?: CaseStatus;
  accountId?: string;
  /** ISO 8601 instant, or a Date. */
  updatedSince?: string | Date;
  limit?: number;
  cursor?: string;
}

export type ChannelPreferences = Record<PreferenceChannel, { optedOut: boolean }>;

export interface ContactPreferences {
  accountId: string;
  channels: ChannelPreferences;
  updatedAt: string;
}

export interface Account {
  id: string;
  externalRef: string;
  status: 'current' | 'in_arrears' | 'closed' | 'written_off';
  contact: { phone: string; firstName?: string; email?: string; language: string; timeZone: string; country: string; region?: string } | null;
  amountOverdue: Money | null;
  overdueInstalments: Instalment[];
  totalPaid: Money | null;
  lastPaymentAt: string | null;
  openDisputes: string[];
  holds: { kind: string; until: string | null; since: string }[];
  contactPreferences: ChannelPreferences;
  updatedAt: string;
}

export interface FieldError {
  field: string;
  problem: string;
}

/** RFC 9457 problem details, as every Settle error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface WebhookAccepted {
  status: 'accepted' | 'duplicate';
  eventIds: string[];
}
