import { ServiceName } from './envelope';

// Topic names are `<domain>.<noun>.v<major>`. A breaking change is a new major, never an edit.
// Grep a constant to find where its topic is produced and consumed.
export const PLATFORM_EVENTS_V1 = 'platform.events.v1';
export const ACCOUNT_EVENTS_V1 = 'account.events.v1';
export const CASE_EVENTS_V1 = 'case.events.v1';
export const SMS_COMMANDS_V1 = 'sms.commands.v1';
export const SMS_EVENTS_V1 = 'sms.events.v1';
export const EMAIL_COMMANDS_V1 = 'email.commands.v1';
export const EMAIL_EVENTS_V1 = 'email.events.v1';
export const PAYMENT_LINK_EVENTS_V1 = 'paylink.events.v1';
export const ANALYTICS_OUTCOMES_V1 = 'analytics.outcomes.v1';
export const PLAN_EVENTS_V1 = 'plan.events.v1';
export const VOICE_COMMANDS_V1 = 'voice.commands.v1';
export const VOICE_EVENTS_V1 = 'voice.events.v1';
export const DESK_HANDOFFS_V1 = 'desk.handoffs.v1';
export const TENANT_EVENTS_V1 = 'tenant.events.v1';

export interface TopicSpec {
  name: string;
  /** Fixed at creation: repartitioning would move keys and break per-account order. */
  partitions: number;
  description: string;
  producer: ServiceName | 'lender';
  /** Consumer groups inside Settle; each gets its own retry and dead-letter siblings. */
  consumers: ServiceName[];
  /** The record value: a Settle event envelope, or the lender's event schema (platform topic). */
  format: 'envelope' | 'lender-event';
  /**
   * `compact`: the broker keeps at least the latest record of each key forever (state, not a log),
   * so a consumer group starting from the beginning reads the current state of every key. Absent:
   * delete, the broker's time retention. Retry and dead-letter siblings are always delete.
   */
  cleanupPolicy?: 'compact';
}

const EVERY_OBSERVER: ServiceName[] = ['audit', 'analytics'];

export const TOPICS: readonly TopicSpec[] = [
  {
    name: PLATFORM_EVENTS_V1,
    partitions: 6,
    description: 'Lender platform events published straight to Kafka (same schema as the signed webhook).',
    producer: 'lender',
    consumers: ['ingest'],
    format: 'lender-event',
  },
  {
    name: ACCOUNT_EVENTS_V1,
    partitions: 6,
    description: 'Normalised facts about a lender account: instalments missed, payments received.',
    producer: 'ingest',
    // negotiation tracks the instalments of agreed plans from them.
    // voice: a payment that lands while the debtor is on the line reaches the live call.
    consumers: ['scheduler', 'negotiation', 'voice', ...EVERY_OBSERVER],
    format: 'envelope',
  },
  {
    name: CASE_EVENTS_V1,
    partitions: 6,
    description: 'Recovery case lifecycle and every compliance decision that deferred or blocked a contact.',
    producer: 'scheduler',
    // ingest turns outcomes (resolved, escalated, closed…) into outbound webhooks to the tenant.
    consumers: ['ingest', ...EVERY_OBSERVER],
    format: 'envelope',
  },
  {
    name: SMS_COMMANDS_V1,
    partitions: 6,
    description: 'Requests to send one SMS for one workflow step.',
    producer: 'scheduler',
    // ingest learns the payment links it will serve from the commands that carry them.
    consumers: ['sms', 'ingest', ...EVERY_OBSERVER],
    format: 'envelope',
  },
  {
    name: SMS_EVENTS_V1,
    partitions: 6,
    description: 'What became of each SMS request: sent or failed.',
    producer: 'sms',
    consumers: ['scheduler', ...EVERY_OBSERVER],
    format: 'envelope',
  },
  {
    name: EMAIL_COMMANDS_V1,
    partitions: 6,
    description: 'Requests to send one email for one workflow step.',
    producer: 'scheduler',
    consumers: ['email', 'ingest', ...EVERY_OBSERVER],
    format: 'envelope',
  },
  {
    name: EMAIL_EVENTS_V1,
    partitions: 6,
    description: 'What became of each email: sent, failed, bounced, complained, opened, clicked, unsubscribed.',
    producer: 'email',
    consumers: ['scheduler', ...EVERY_OBSERVER],
    format: 'envelope',
  },
  {
    name: PAYMENT_LINK_EVENTS_V1,
    partitions: 6,
    description: 'What debtors do with payment links: opened, handed over to the lender\u2019s checkout, expired or tampered.',
    producer: 'ingest',
    // ingest also consumes its own clicks: they become outbound webhooks to the tenant.
    // voice: a link texted during a call that is opened reaches the live call.
    consumers: ['scheduler', 'ingest', 'voice', ...EVERY_OBSERVER],
    format: 'envelope',
  },
  {
    name: VOICE_COMMANDS_V1,
    partitions: 6,
    description: 'Requests to place one AI call for one workflow step.',
    producer: 'scheduler',
    consumers: ['voice', ...EVERY_OBSERVER],
    format: 'envelope',
  },
  {
    name: VOICE_EVENTS_V1,
    partitions: 6,
    description: 'The story of each AI call: dialled, answered, turns, tools, link sent and clicked, payment seen, escalated, ended with outcome and cost.',
    producer: 'voice',
    consumers: ['scheduler', ...EVERY_OBSERVER],
    format: 'envelope',
  },
  {
    name: DESK_HANDOFFS_V1,
    partitions: 6,
    description: 'Case files for the human desk when a call is escalated (personal data: transcript).',
    producer: 'voice',
    // Not analytics: it needs no transcript, and call.escalated already counts the hand-offs.
    consumers: ['audit'],
    format: 'envelope',
  },
  {
    name: PLAN_EVENTS_V1,
    partitions: 6,
    description: 'Restructured instalment plans: agreed and written back to the lender, each instalment paid or missed, completed, broken; human review offered after an automated refusal (GDPR Art. 22).',
    producer: 'negotiation',
    // ingest turns agreed, completed and broken plans into outbound webhooks to the tenant.
    consumers: ['scheduler', 'ingest', ...EVERY_OBSERVER],
    format: 'envelope',
  },
  {
    name: TENANT_EVENTS_V1,
    partitions: 3,
    description: 'The current white-label profile of each tenant (brand name, sender identities, callback number), never its secrets. Tenant-wide facts: the envelope\u2019s accountId is the tenant\u2019s own id, so the key is `tenantId:tenantId`, one key per tenant.',
    producer: 'ingest',
    // scheduler puts the brand and sender identities on every contact command it builds.
    consumers: ['scheduler'],
    format: 'envelope',
    // Every event carries the whole profile: the latest per tenant is all a new consumer needs.
    cleanupPolicy: 'compact',
  },
  {
    name: ANALYTICS_OUTCOMES_V1,
    partitions: 6,
    description: 'One outcome record per finished case, for lenders\u2019 data teams.',
    producer: 'analytics',
    consumers: [],
    format: 'envelope',
  },
];

export function topicSpec(name: string): TopicSpec {
  const spec = TOPICS.find((t) => t.name === name);
  if (!spec) throw new Error(`unknown topic ${name}`);
  return spec;
}

/** Where a consumer group parks records to try again later, and where it gives up on them. */
export function retryTopicOf(topic: string, group: ServiceName): string {
  return `${topic}.${group}.retry`;
}

export function deadLetterTopicOf(topic: string, group: ServiceName): string {
  return `${topic}.${group}.dlq`;
}
