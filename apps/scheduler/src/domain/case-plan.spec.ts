import { planAgreed, planBroken } from './case-plan';
import { CaseStatus, RecoveryCase, RecoveryCaseState } from './recovery-case';
import { SKELETON_WORKFLOW, Workflow } from './workflow';

const AT = new Date('2026-03-02T10:00:00Z');
const cause = (id: string, at = AT) => ({ eventId: id, at });

function reminding(nextStep = 1): RecoveryCaseState {
  const opened = RecoveryCase.open(
    {
      id: '0195a3c2-6d1e-7b40-8f3a-2c9d4e5f6a71',
      tenantId: '8f14e45f-ceea-4d6e-9c21-3b5a7d2e1f04',
      accountId: '6f1d6f38-2b0e-5d4a-9c1e-2a3b4c5d6e7f',
      workflow: SKELETON_WORKFLOW,
      instalment: { orderRef: 'O-1', merchantName: 'M', instalmentNumber: 2, amountDue: { amountMinor: 4250, currency: 'EUR' }, dueDate: '2026-03-01' },
    },
    cause('e0'),
  ).state;
  return { ...opened, status: 'reminding', nextStep };
}

describe('plan events on a recovery case', () => {
  it('plan agreed: the case is plan_agreed and pending contact steps are cancelled', () => {
    const change = planAgreed(reminding(), 'plan-1', cause('e1'));
    expect(change.state.status).toBe('plan_agreed');
    expect(change.transitions).toEqual([{ from: 'reminding', to: 'plan_agreed', causeEventId: 'e1', reason: 'instalment plan plan-1 agreed', at: AT }]);
    expect(change.effects).toEqual([{ kind: 'cancel_pending_steps' }]);
  });

  it('the plan total becomes what the case asks for, so one plan instalment paid does not resolve it; the whole plan does', () => {
    const agreed = planAgreed(reminding(), 'plan-1', cause('e1'), { amountMinor: 12_750, currency: 'EUR' }).state;
    expect(agreed.amountDueMinor).toBe(12_750);
    const one = RecoveryCase.paymentReceived(agreed, { amount: { amountMinor: 4_250, currency: 'EUR' }, settlesBalance: false }, cause('e2'));
    expect(one.state.status).toBe('plan_agreed');
    const rest = RecoveryCase.paymentReceived(one.state, { amount: { amountMinor: 8_500, currency: 'EUR' }, settlesBalance: false }, cause('e3'));
    expect(rest.state.status).toBe('resolved');
    expect(planAgreed(reminding(), 'plan-1', cause('e1'), { amountMinor: 1, currency: 'SEK' }).state.amountDueMinor).toBe(4_250);
  });

  it.each<CaseStatus>(['resolved', 'closed', 'written_off', 'disputed', 'plan_agreed'])('plan agreed on a %s case changes nothing', (status) => {
    const change = planAgreed({ ...reminding(), status }, 'plan-1', cause('e1'));
    expect(change.ignored).toBeDefined();
    expect(change.effects).toEqual([]);
  });

  it('plan broken: reminding again, from the step the workflow had reached, now', () => {
    const agreed = planAgreed(reminding(1), 'plan-1', cause('e1')).state;
    const later = new Date(AT.getTime() + 40 * 86_400_000);
    const change = planBroken(agreed, SKELETON_WORKFLOW, '2 misses', cause('e2', later));
    expect(change.state.status).toBe('reminding');
    expect(change.transitions[0]).toMatchObject({ from: 'plan_agreed', to: 'reminding', reason: 'plan broken: 2 misses' });
    expect(change.effects).toEqual([{ kind: 'schedule_step', step: 1, dueAt: later }]);
  });

  it('plan broken after the workflow ran out restarts it', () => {
    const agreed = { ...planAgreed(reminding(), 'plan-1', cause('e1')).state, nextStep: SKELETON_WORKFLOW.steps.length };
    expect(planBroken(agreed, SKELETON_WORKFLOW, 'x', cause('e2')).effects).toEqual([{ kind: 'schedule_step', step: 0, dueAt: AT }]);
  });

  it('plan broken changes nothing unless the case is plan_agreed, or with an empty workflow', () => {
    expect(planBroken(reminding(), SKELETON_WORKFLOW, 'x', cause('e2')).ignored).toMatch(/reminding/);
    const empty: Workflow = { id: 'empty', steps: [] };
    expect(planBroken(planAgreed(reminding(), 'p', cause('e1')).state, empty, 'x', cause('e2')).ignored).toMatch(/no steps/);
  });
});
