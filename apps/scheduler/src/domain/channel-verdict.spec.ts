import { channelDeferred, channelGateFacts } from './channel-verdict';
import { RecoveryCase } from './recovery-case';
import { SKELETON_WORKFLOW } from './workflow';

const AT = new Date('2026-03-02T09:00:00.000Z');
const CASE_ID = '0195b7d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f';

function dispatchedStep0() {
  const opened = RecoveryCase.open(
    { id: CASE_ID, tenantId: '3b8f6c1e-2d4a-4f7b-9e0c-5a1d2b3c4e5f', accountId: '6a1f3c2e-8b7d-5e4f-9a0b-1c2d3e4f5a6b', workflow: SKELETON_WORKFLOW,
      instalment: { orderRef: 'O-1', merchantName: 'Nordic Bikes', instalmentNumber: 1, amountDue: { amountMinor: 2500, currency: 'EUR' }, dueDate: '2026-03-01' } },
    { eventId: 'evt-open', at: AT },
  );
  return RecoveryCase.stepDispatched(opened.state, SKELETON_WORKFLOW, 0, { eventId: 'cmd', at: AT }).state;
}

describe('channelDeferred', () => {
  it('takes the case back to the deferred step, drops the following one and plans the step at until', () => {
    const state = dispatchedStep0();
    expect(state.nextStep).toBe(1);
    const until = new Date('2026-03-03T07:00:00.000Z');
    const change = channelDeferred(state, 0, until);
    expect(change.ignored).toBeUndefined();
    expect(change.state.nextStep).toBe(0);
    expect(change.effects).toEqual([{ kind: 'cancel_pending_steps' }, { kind: 'schedule_step', step: 0, dueAt: until }]);
  });

  it('changes nothing when the case moved on or stopped contacting', () => {
    const state = dispatchedStep0();
    expect(channelDeferred({ ...state, nextStep: 2 }, 0, AT).ignored).toMatch(/moved on/);
    expect(channelDeferred({ ...state, status: 'disputed' }, 0, AT).ignored).toMatch(/disputed/);
    expect(channelDeferred({ ...state, status: 'resolved' }, 0, AT).ignored).toMatch(/resolved/);
  });
});

describe('channelGateFacts', () => {
  it('carries what the gate saw as data, instants in UTC ISO', () => {
    const facts = channelGateFacts(
      {
        channel: 'sms', at: AT, debtId: CASE_ID, holds: [{ kind: 'dispute' }],
        debtor: { jurisdiction: 'US-MA', timeZones: ['America/New_York'], optedOut: ['email'] },
        history: [{ channel: 'email', at: new Date('2026-03-01T15:00:00Z'), kind: 'attempt', debtId: CASE_ID }],
      },
      AT,
    );
    expect(facts).toEqual({
      jurisdiction: 'US-MA', timeZones: ['America/New_York'], decidedAt: '2026-03-02T09:00:00.000Z', optedOut: ['email'], holds: [{ kind: 'dispute' }],
      history: [{ channel: 'email', at: '2026-03-01T15:00:00.000Z', kind: 'attempt', debtId: CASE_ID }],
    });
  });
});
