import type { CaseDetail } from './cases.controller';
import { timelineOf } from './internal-cases.controller';

const base: CaseDetail = {
  id: 'c', accountId: 'a', status: 'reminding', amountDue: { amountMinor: 4250, currency: 'EUR' }, recovered: { amountMinor: 0, currency: 'EUR' },
  contactsSent: 1, openedAt: '2026-03-02T10:00:00.000Z', closedAt: null, outcome: null, tenantId: 't', workflowId: 'w',
  contact: { timeZone: 'Europe/Berlin', country: 'DE' }, instalments: [],
  transitions: [
    { from: null, to: 'opened', reason: 'instalment missed', causeEventId: 'e1', at: '2026-03-02T10:00:00.000Z' },
    { from: 'opened', to: 'reminding', reason: 'step 0 dispatched', causeEventId: 'e2', at: '2026-03-03T10:00:00.000Z' },
  ],
  steps: [
    { id: 's0', step: 0, channel: 'sms', tone: 'friendly', status: 'fired', dueAt: '2026-03-03T10:00:00.000Z', firedAt: '2026-03-03T10:00:00.000Z' },
    { id: 'w', step: -1, channel: 'none', tone: 'none', status: 'pending', dueAt: '2026-03-09T00:00:00.000Z', firedAt: null },
    { id: 's1', step: 1, channel: 'sms', tone: 'reminder', status: 'pending', dueAt: '2026-03-05T10:00:00.000Z', firedAt: null },
  ],
  complianceDecisions: [{ stepId: 's0', channel: 'sms', outcome: 'allow', until: null, ruleIds: ['core.hours'], reasons: [], decidedAt: '2026-03-03T10:00:00.000Z' }],
  contactAttempts: [{ stepId: 's0', channel: 'sms', outcome: 'sent', detail: null, requestedAt: '2026-03-03T10:00:00.000Z', updatedAt: '2026-03-03T10:00:01.000Z' }],
};

describe('the case timeline', () => {
  it('merges transitions, steps, gate decisions and attempts oldest first; at one instant: status, step, decision, attempt', () => {
    const timeline = timelineOf(base);
    expect(timeline.map((e) => `${e.at.slice(5, 19)} ${e.kind}`)).toEqual([
      '03-02T10:00:00 status_changed',
      '03-03T10:00:00 status_changed',
      '03-03T10:00:00 step_scheduled',
      '03-03T10:00:00 compliance_decision',
      '03-03T10:00:01 contact_attempt',
      '03-05T10:00:00 step_scheduled',
    ]);
    expect(timeline[1]).toMatchObject({ from: 'opened', to: 'reminding', reason: 'step 0 dispatched', causeEventId: 'e2', summary: 'opened → reminding: step 0 dispatched' });
    expect(timeline[3]).toMatchObject({ channel: 'sms', outcome: 'allow', ruleIds: ['core.hours'] });
  });

  it('names a missed plan instalment\'s reminder as such, not as a workflow step', () => {
    const detail: CaseDetail = {
      ...base,
      steps: [...base.steps, { id: 'p2', step: 2, kind: 'plan_reminder', channel: 'sms', tone: 'friendly', status: 'fired', dueAt: '2026-03-16T10:00:00.000Z', firedAt: '2026-03-16T10:00:00.000Z' }],
    };
    expect(timelineOf(detail).find((e) => e.stepId === 'p2')).toMatchObject({ kind: 'step_scheduled', summary: 'plan reminder for instalment 2 (sms, friendly) fired' });
    expect(timelineOf(detail).find((e) => e.stepId === 's0')).toMatchObject({ summary: 'step 0 (sms, friendly) fired' });
  });

  it('leaves out internal wake-up timers (step -1)', () => {
    expect(timelineOf(base).some((e) => e.stepId === 'w')).toBe(false);
  });
});
