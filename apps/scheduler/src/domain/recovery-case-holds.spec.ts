import { CaseStatus, RecoveryCase, RecoveryCaseState, TERMINAL_STATUSES } from './recovery-case';
import { SKELETON_WORKFLOW } from './workflow';

const DAY = 24 * 3600 * 1000;
const T0 = new Date('2026-03-02T09:00:00Z');
const at = (days: number) => ({ eventId: `evt-${days}`, at: new Date(T0.getTime() + days * DAY) });

function reminding(): RecoveryCaseState {
  const opened = RecoveryCase.open(
    { id: 'c1', tenantId: 't1', accountId: 'a1', workflow: SKELETON_WORKFLOW, instalment: { orderRef: 'O1', merchantName: 'M', instalmentNumber: 1, amountDue: { amountMinor: 5000, currency: 'EUR' }, dueDate: '2026-03-01' } },
    at(0),
  ).state;
  return RecoveryCase.stepDispatched(opened, SKELETON_WORKFLOW, 0, at(0)).state;
}

describe('disputes', () => {
  it('pause contact at once and resume at the reached step when every dispute is rejected', () => {
    const d1 = RecoveryCase.disputeOpened(reminding(), 'D1', at(1));
    expect(d1.state.status).toBe('disputed');
    expect(d1.effects).toEqual([{ kind: 'cancel_pending_steps' }]);
    expect(d1.transitions[0]).toMatchObject({ from: 'reminding', to: 'disputed', causeEventId: 'evt-1' });
    const d2 = RecoveryCase.disputeOpened(d1.state, 'D2', at(1));
    expect(d2.state.openDisputes).toEqual(['D1', 'D2']);
    expect(d2.transitions).toEqual([]);
    const oneLeft = RecoveryCase.disputeResolved(d2.state, 'D1', 'rejected', SKELETON_WORKFLOW, at(2));
    expect(oneLeft.state.status).toBe('disputed');
    const resumed = RecoveryCase.disputeResolved(oneLeft.state, 'D2', 'rejected', SKELETON_WORKFLOW, at(3));
    expect(resumed.state.status).toBe('reminding');
    expect(resumed.effects).toEqual([{ kind: 'schedule_step', step: 1, dueAt: at(3).at }]);
  });

  it('close the case when one is upheld, and ignore a dispute that is not open', () => {
    const disputed = RecoveryCase.disputeOpened(reminding(), 'D1', at(1)).state;
    expect(RecoveryCase.disputeResolved(disputed, 'D9', 'upheld', SKELETON_WORKFLOW, at(2)).ignored).toMatch(/not open/);
    const upheld = RecoveryCase.disputeResolved(disputed, 'D1', 'upheld', SKELETON_WORKFLOW, at(2));
    expect(upheld.state).toMatchObject({ status: 'closed', outcome: 'closed' });
    expect(upheld.effects.map((e) => e.kind)).toEqual(['cancel_pending_steps', 'case_closed']);
  });
});

describe('hardship, breathing space and promises', () => {
  it.each(['hardship', 'vulnerability', 'bereavement'] as const)('%s stops automated contact and escalates with a suggested next step', (kind) => {
    const change = RecoveryCase.hardshipFlagged(reminding(), kind, undefined, at(1));
    expect(change.state).toMatchObject({ status: 'escalated', holdReason: kind });
    const escalate = change.effects.find((e) => e.kind === 'escalate');
    expect(escalate).toMatchObject({ reason: expect.stringContaining(kind), suggestedNextStep: expect.any(String) });
  });

  it('a breathing space pauses until its end (60 days when none is given), then the workflow resumes', () => {
    const paused = RecoveryCase.hardshipFlagged(reminding(), 'breathing_space', undefined, at(1));
    expect(paused.state.holdUntil).toEqual(at(61).at);
    expect(paused.effects).toContainEqual({ kind: 'schedule_wake', at: at(61).at });
    expect(RecoveryCase.woken(paused.state, SKELETON_WORKFLOW, at(30)).ignored).toMatch(/no hold has ended/);
    const resumed = RecoveryCase.woken(paused.state, SKELETON_WORKFLOW, at(61));
    expect(resumed.state.status).toBe('reminding');
    expect(resumed.state.holdUntil).toBeUndefined();
  });

  it('a broken promise re-enters the workflow at its first step', () => {
    const promised = RecoveryCase.promised(reminding(), at(5).at, at(1));
    expect(promised.state.status).toBe('promised');
    const broken = RecoveryCase.woken(promised.state, SKELETON_WORKFLOW, at(5));
    expect(broken.state).toMatchObject({ status: 'reminding', nextStep: 0 });
    expect(broken.transitions[0].reason).toMatch(/promise to pay broken/);
  });
});

describe('opt-outs, closure and manual actions', () => {
  it('opt-outs and opt-ins change the channels at once', () => {
    const out = RecoveryCase.optedOut(reminding(), ['sms', 'email'], []);
    expect(out.state.optedOut).toEqual(['email', 'sms']);
    expect(RecoveryCase.optedOut(out.state, [], ['sms']).state.optedOut).toEqual(['email']);
  });

  it('a blocked step moves the workflow on to the following step', () => {
    const skipped = RecoveryCase.stepSkipped(reminding(), SKELETON_WORKFLOW, 1, at(2));
    expect(skipped.state.nextStep).toBe(2);
    expect(skipped.effects).toEqual([{ kind: 'schedule_step', step: 2, dueAt: new Date(at(2).at.getTime() + SKELETON_WORKFLOW.steps[2].waitMs) }]);
  });

  it.each(['closed', 'written_off'] as const)('the lender closing the account (%s) ends the case', (kind) => {
    const closed = RecoveryCase.accountClosed(reminding(), kind, at(3));
    expect(closed.state).toMatchObject({ status: kind, outcome: kind, closedAt: at(3).at });
  });

  it('pause, resume and escalate by hand, each refused where it makes no sense', () => {
    const paused = RecoveryCase.pause(reminding(), 'agent paused', at(1));
    expect(paused.state.status).toBe('paused');
    expect(RecoveryCase.pause(paused.state, 'again', at(1)).ignored).toBeDefined();
    expect(RecoveryCase.resume(paused.state, SKELETON_WORKFLOW, 'agent resumed', at(2)).state.status).toBe('reminding');
    expect(RecoveryCase.resume(reminding(), SKELETON_WORKFLOW, 'not paused', at(2)).ignored).toBeDefined();
    expect(RecoveryCase.escalate(reminding(), 'agent', at(1)).state.status).toBe('escalated');
  });

  it('no hold, opt-in or manual action reopens a terminal case', () => {
    for (const status of TERMINAL_STATUSES) {
      const done = { ...reminding(), status: status as CaseStatus };
      expect(RecoveryCase.disputeOpened(done, 'D', at(1)).ignored).toBeDefined();
      expect(RecoveryCase.hardshipFlagged(done, 'hardship', undefined, at(1)).ignored).toBeDefined();
      expect(RecoveryCase.promised(done, at(3).at, at(1)).ignored).toBeDefined();
      expect(RecoveryCase.escalate(done, 'x', at(1)).ignored).toBeDefined();
      expect(RecoveryCase.accountClosed(done, 'closed', at(1)).ignored).toBeDefined();
    }
  });
});
