import fc from 'fast-check';
import { DEFAULT_WORKFLOW, StepFacts, WorkflowStep, assignVariant, stepApplies } from './workflow';

const DAY = 24 * 3600 * 1000;
const facts: StepFacts = { balanceMinor: 4250, daysPastDue: 5, expectedRecoveryRate: 0.3, channelCostMinor: 60 };

describe('the default workflow', () => {
  it('is day 0 SMS, +2 days email, +3 days voice, +4 days SMS, then human review', () => {
    expect(DEFAULT_WORKFLOW.steps.map((s) => [s.channel, s.waitMs / DAY])).toEqual([
      ['sms', 0], ['email', 2], ['voice', 3], ['sms', 4], ['human', 0],
    ]);
  });

  it('raises the tone with time, from a friendly heads-up to respectful urgency', () => {
    expect(DEFAULT_WORKFLOW.steps[0].tone).toBe('friendly');
    expect(DEFAULT_WORKFLOW.steps[3].tone).toBe('urgent');
  });
});

describe('stepApplies', () => {
  const step = (conditions: WorkflowStep['conditions']): WorkflowStep => ({ channel: 'voice', tone: 'reminder', waitMs: 0, conditions });

  it('applies without conditions', () => {
    expect(stepApplies(step(undefined), facts)).toEqual({ applies: true });
  });

  it('needs the balance and the days past due it names, at the boundary inclusive', () => {
    expect(stepApplies(step({ minBalanceMinor: 4250 }), facts).applies).toBe(true);
    expect(stepApplies(step({ minBalanceMinor: 4251 }), facts)).toEqual({ applies: false, reason: 'balance 4250 below 4251' });
    expect(stepApplies(step({ minDaysPastDue: 5 }), facts).applies).toBe(true);
    expect(stepApplies(step({ minDaysPastDue: 6 }), facts)).toEqual({ applies: false, reason: '5 days past due, step needs 6' });
  });

  it('skips a call whose expected recovery is below its cost', () => {
    expect(stepApplies(step({ skipWhenRecoveryBelowCost: true }), { ...facts, balanceMinor: 100 })).toEqual({
      applies: false,
      reason: 'expected recovery 30 below the voice cost 60',
    });
    expect(stepApplies(step({ skipWhenRecoveryBelowCost: true }), { ...facts, balanceMinor: 200 }).applies).toBe(true);
  });
});

describe('assignVariant', () => {
  const ab: WorkflowStep = { channel: 'sms', tone: 'friendly', waitMs: 0, variants: [{ id: 'a', weight: 1 }, { id: 'b', weight: 3 }] };

  it('gives no variant to a step without variants', () => {
    expect(assignVariant({ channel: 'sms', tone: 'friendly', waitMs: 0 }, 'acc', 0)).toBeUndefined();
  });

  it('is deterministic per account and step', () => {
    fc.assert(fc.property(fc.uuid(), fc.nat(10), (account, step) => assignVariant(ab, account, step)?.id === assignVariant(ab, account, step)?.id));
  });

  it('splits accounts in proportion to the weights', () => {
    const accounts = Array.from({ length: 4000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const b = accounts.filter((a) => assignVariant(ab, a, 0)?.id === 'b').length / accounts.length;
    expect(b).toBeGreaterThan(0.7);
    expect(b).toBeLessThan(0.8);
  });
});
