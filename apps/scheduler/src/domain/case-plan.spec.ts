import { PLAN_REMINDER_TEMPLATES, PlanMiss, planAgreed, planBroken, planInstalmentMissed, planReminderDeferred, planReminderStale } from './case-plan';
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

describe('a missed plan instalment on a recovery case', () => {
  const PLAN = '0195a3c2-7f20-7c11-9b2e-4d6f8a0b1c23';
  const agreed = (): RecoveryCaseState => planAgreed(reminding(1), PLAN, cause('e1'), { amountMinor: 12_750, currency: 'EUR' }).state;
  const miss = (over: Partial<PlanMiss> = {}): PlanMiss => ({
    planId: PLAN, instalmentNumber: 2, amountDue: { amountMinor: 3_188, currency: 'EUR' }, dueDate: '2026-04-01', missesSoFar: 1, action: 'remind', ...over,
  });
  const later = new Date(AT.getTime() + 30 * 86_400_000);

  it('plans one friendly reminder now, for the missed instalment (its amount and date, not the plan balance)', () => {
    const state = agreed();
    const change = planInstalmentMissed(state, miss(), cause('e2', later));
    expect(change.ignored).toBeUndefined();
    expect(change.effects).toEqual([
      {
        kind: 'schedule_plan_reminder',
        dueAt: later,
        reminder: { planId: PLAN, instalmentNumber: 2, amountDue: { amountMinor: 3_188, currency: 'EUR' }, dueDate: '2026-04-01', action: 'remind', template: 'plan_instalment_missed', tone: 'friendly' },
      },
    ]);
    expect(state.amountDueMinor).toBe(12_750);
  });

  it('leaves the case as it is: plan_agreed, no transition, same workflow position, nothing cancelled', () => {
    const state = agreed();
    const change = planInstalmentMissed(state, miss(), cause('e2'));
    expect(change.state).toBe(state);
    expect(change.state.status).toBe('plan_agreed');
    expect(change.transitions).toEqual([]);
    expect(change.effects.map((e) => e.kind)).toEqual(['schedule_plan_reminder']);
  });

  it.each([
    ['remind', 'plan_instalment_missed'],
    ['move_to_end', 'plan_instalment_moved_to_end'],
  ] as const)('action %s → template %s', (action, template) => {
    const [effect] = planInstalmentMissed(agreed(), miss({ action }), cause('e2')).effects;
    expect(effect).toMatchObject({ kind: 'schedule_plan_reminder', reminder: { action, template, tone: 'friendly' } });
    expect(PLAN_REMINDER_TEMPLATES[action]).toBe(template);
  });

  it('a later miss on a plan that still stands gets its own reminder', () => {
    const change = planInstalmentMissed(agreed(), miss({ instalmentNumber: 3, missesSoFar: 2, dueDate: '2026-05-01' }), cause('e3'));
    expect(change.effects[0]).toMatchObject({ reminder: { instalmentNumber: 3, dueDate: '2026-05-01' } });
  });

  it.each<CaseStatus>(['opened', 'reminding', 'disputed', 'paused', 'escalated', 'promised', 'resolved', 'closed', 'written_off'])(
    'on a %s case sends nothing (the workflow or a hold decides)',
    (status) => {
      const change = planInstalmentMissed({ ...agreed(), status }, miss(), cause('e2'));
      expect(change.ignored).toMatch(new RegExp(status));
      expect(change.effects).toEqual([]);
      expect(change.transitions).toEqual([]);
    },
  );

  it('a miss of another plan than the one the case waits on sends nothing', () => {
    const change = planInstalmentMissed(agreed(), miss({ planId: '0195a3c2-0000-7000-8000-000000000000' }), cause('e2'));
    expect(change.ignored).toMatch(/not plan 0195a3c2-0000/);
    expect(change.effects).toEqual([]);
  });

  it('a miss in another currency than the case sends nothing', () => {
    const change = planInstalmentMissed(agreed(), miss({ amountDue: { amountMinor: 3_188, currency: 'SEK' } }), cause('e2'));
    expect(change.ignored).toMatch(/SEK/);
    expect(change.effects).toEqual([]);
  });

  it.each([0, -5, 1.5, Number.NaN])('a miss with nothing to pay (%p) sends nothing', (amountMinor) => {
    expect(planInstalmentMissed(agreed(), miss({ amountDue: { amountMinor, currency: 'EUR' } }), cause('e2')).ignored).toMatch(/nothing left to pay/);
  });

  it('when the reminder falls due: still current while the case waits on the plan; stale once the plan broke, the case closed, or another plan took over', () => {
    const [effect] = planInstalmentMissed(agreed(), miss(), cause('e2')).effects;
    if (effect.kind !== 'schedule_plan_reminder') throw new Error('expected a plan reminder');
    const { reminder } = effect;
    expect(planReminderStale(agreed(), reminder)).toBeUndefined();
    expect(planReminderStale(planBroken(agreed(), SKELETON_WORKFLOW, '2 misses', cause('e3')).state, reminder)).toMatch(/reminding/);
    const paid = RecoveryCase.paymentReceived(agreed(), { amount: { amountMinor: 12_750, currency: 'EUR' }, settlesBalance: true }, cause('e4')).state;
    expect(planReminderStale(paid, reminder)).toMatch(/resolved/);
    expect(planReminderStale({ ...agreed(), holdReason: 'plan another' }, reminder)).toMatch(/plan another/);
  });

  it('deferred by the channel: the same reminder again at the lawful moment, unless it went stale', () => {
    const [effect] = planInstalmentMissed(agreed(), miss({ action: 'move_to_end' }), cause('e2')).effects;
    if (effect.kind !== 'schedule_plan_reminder') throw new Error('expected a plan reminder');
    const until = new Date('2026-04-02T07:00:00Z');
    const again = planReminderDeferred(agreed(), effect.reminder, until);
    expect(again.transitions).toEqual([]);
    expect(again.effects).toEqual([{ kind: 'schedule_plan_reminder', reminder: effect.reminder, dueAt: until }]);
    const broken = planBroken(agreed(), SKELETON_WORKFLOW, 'x', cause('e3')).state;
    const dropped = planReminderDeferred(broken, effect.reminder, until);
    expect(dropped.ignored).toMatch(/dropped/);
    expect(dropped.effects).toEqual([]);
  });
});
