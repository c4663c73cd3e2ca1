import type { ContactChannel, Tone } from '@settle/contracts';

/** One step of a recovery workflow: how to reach the debtor, and how long to wait first. */
export interface WorkflowStep {
  channel: ContactChannel;
  tone: Tone;
  /** Wait after the previous step fired (or after the case opened, for the first step). */
  waitMs: number;
}

export interface Workflow {
  id: string;
  steps: readonly WorkflowStep[];
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The walking skeleton's workflow: SMS only (the only channel served so far), tone rising with
 * time — a friendly heads-up at once, a clear reminder two days later, respectful urgency four
 * days after that. Tenant-configured workflows with email and voice steps replace it.
 */
export const SKELETON_WORKFLOW: Workflow = {
  id: 'skeleton-sms-v1',
  steps: [
    { channel: 'sms', tone: 'friendly', waitMs: 0 },
    { channel: 'sms', tone: 'reminder', waitMs: 2 * DAY },
    { channel: 'sms', tone: 'urgent', waitMs: 4 * DAY },
  ],
};
