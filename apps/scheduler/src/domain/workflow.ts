import type { ContactChannel, Tone } from '@settle/contracts';

/** When a step applies; a step whose conditions fail is skipped, with the reason recorded. */
export interface StepConditions {
  /** Only if the balance still owed is at least this, in minor units. */
  minBalanceMinor?: number;
  /** Only if the oldest overdue instalment is at least this many days past due. */
  minDaysPastDue?: number;
  /** Skip when the expected recovery (balance × expected recovery rate) is below this channel's cost. */
  skipWhenRecoveryBelowCost?: boolean;
}

/** An A/B variant of a step: another template or tone, assigned deterministically per account. */
export interface StepVariant {
  id: string;
  weight: number;
  template?: string;
  tone?: Tone;
}

/** One step of a recovery workflow: how to reach the debtor, and how long to wait first. */
export interface WorkflowStep {
  channel: ContactChannel;
  tone: Tone;
  /** Wait after the previous step fired (or after the case opened, for the first step). */
  waitMs: number;
  template?: string;
  conditions?: StepConditions;
  variants?: StepVariant[];
}

export interface Workflow {
  id: string;
  version?: number;
  steps: readonly WorkflowStep[];
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The walking skeleton's workflow: SMS only, tone rising with time — a friendly heads-up at once,
 * a clear reminder two days later, respectful urgency four days after that.
 */
export const SKELETON_WORKFLOW: Workflow = {
  id: 'skeleton-sms-v1',
  steps: [
    { channel: 'sms', tone: 'friendly', waitMs: 0 },
    { channel: 'sms', tone: 'reminder', waitMs: 2 * DAY },
    { channel: 'sms', tone: 'urgent', waitMs: 4 * DAY },
  ],
};

/**
 * The default a tenant starts from: day 0 SMS → +2 days email → +3 days voice → +4 days SMS →
 * human review. Voice is skipped when a call would cost more than it can be expected to recover.
 */
export const DEFAULT_WORKFLOW: Workflow = {
  id: 'default-v1',
  version: 1,
  steps: [
    { channel: 'sms', tone: 'friendly', waitMs: 0, template: 'reminder' },
    { channel: 'email', tone: 'reminder', waitMs: 2 * DAY, template: 'reminder' },
    { channel: 'voice', tone: 'reminder', waitMs: 3 * DAY, conditions: { skipWhenRecoveryBelowCost: true } },
    { channel: 'sms', tone: 'urgent', waitMs: 4 * DAY, template: 'reminder' },
    { channel: 'human', tone: 'urgent', waitMs: 0 },
  ],
};

export interface StepFacts {
  balanceMinor: number;
  daysPastDue: number;
  /** Expected share of the balance recovered by this contact, 0–1. */
  expectedRecoveryRate: number;
  /** What one contact on this channel costs, in the balance's minor units. */
  channelCostMinor: number;
}

export type StepApplicability = { applies: true } | { applies: false; reason: string };

/** Whether a step's conditions hold for this case now. Pure, so every skip can be explained. */
export function stepApplies(step: WorkflowStep, facts: StepFacts): StepApplicability {
  const c = step.conditions ?? {};
  if (c.minBalanceMinor !== undefined && facts.balanceMinor < c.minBalanceMinor) {
    return { applies: false, reason: `balance ${facts.balanceMinor} below ${c.minBalanceMinor}` };
  }
  if (c.minDaysPastDue !== undefined && facts.daysPastDue < c.minDaysPastDue) {
    return { applies: false, reason: `${facts.daysPastDue} days past due, step needs ${c.minDaysPastDue}` };
  }
  if (c.skipWhenRecoveryBelowCost) {
    const expected = Math.floor(facts.balanceMinor * facts.expectedRecoveryRate);
    if (expected < facts.channelCostMinor) {
      return { applies: false, reason: `expected recovery ${expected} below the ${step.channel} cost ${facts.channelCostMinor}` };
    }
  }
  return { applies: true };
}

/**
 * Deterministic A/B assignment: the same account always gets the same variant of a step, and
 * weights split accounts in proportion (FNV-1a over account and step, so no state is needed).
 */
export function assignVariant(step: WorkflowStep, accountId: string, stepIndex: number): StepVariant | undefined {
  const variants = step.variants ?? [];
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  if (variants.length === 0 || total <= 0) return undefined;
  let hash = 0x811c9dc5;
  for (const ch of `${accountId}:${stepIndex}`) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let point = (hash / 0x100000000) * total;
  for (const v of variants) {
    if (point < v.weight) return v;
    point -= v.weight;
  }
  return variants[variants.length - 1];
}
