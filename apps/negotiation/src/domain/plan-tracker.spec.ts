import { DEFAULT_PLAN_RULE, instalmentMissed, outstandingMinor, paymentReceived, trackPlan, validateRule } from './plan-tracker';

const plan = () =>
  trackPlan('EUR', [
    { dueDate: '2026-04-01', amountMinor: 3334 },
    { dueDate: '2026-05-01', amountMinor: 3333 },
    { dueDate: '2026-06-01', amountMinor: 3333 },
  ]);

describe('plan tracking', () => {
  it('numbers instalments and starts active with nothing paid', () => {
    const p = plan();
    expect(p.instalments.map((i) => [i.number, i.state])).toEqual([[1, 'due'], [2, 'due'], [3, 'due']]);
    expect(outstandingMinor(p)).toBe(10_000);
    expect(() => trackPlan('EUR', [])).toThrow(RangeError);
  });

  it('a payment pays the oldest instalment; partial payments accumulate; the last one completes the plan', () => {
    let r = paymentReceived(plan(), 3334, 'EUR');
    expect(r.outcomes).toEqual([{ kind: 'instalment_paid', instalment: expect.objectContaining({ number: 1, state: 'paid' }), remainingMinor: 6666 }]);
    r = paymentReceived(r.plan, 2000, 'EUR');
    expect(r.outcomes).toEqual([]);
    expect(outstandingMinor(r.plan)).toBe(4666);
    r = paymentReceived(r.plan, 4666, 'EUR');
    expect(r.outcomes.map((o) => o.kind)).toEqual(['instalment_paid', 'instalment_paid', 'completed']);
    expect(r.plan.status).toBe('completed');
    expect(r.outcomes[2]).toEqual({ kind: 'completed', totalPaidMinor: 10_000 });
  });

  it('ignores payments in another currency, empty ones, and payments on a plan that is over', () => {
    expect(paymentReceived(plan(), 100, 'SEK').ignored).toMatch(/SEK/);
    expect(paymentReceived(plan(), 0, 'EUR').ignored).toBe('nothing paid');
    const done = paymentReceived(plan(), 10_000, 'EUR').plan;
    expect(paymentReceived(done, 1, 'EUR').ignored).toBe('plan is completed');
  });

  it('default rule: one miss is a reminder, the second breaks the plan', () => {
    const first = instalmentMissed(plan(), '2026-04-01', DEFAULT_PLAN_RULE);
    expect(first.outcomes).toEqual([{ kind: 'instalment_missed', instalment: expect.objectContaining({ number: 1, state: 'missed', dueDate: '2026-04-01' }), missesSoFar: 1, action: 'remind' }]);
    expect(first.plan.status).toBe('active');
    const second = instalmentMissed(first.plan, '2026-05-01', DEFAULT_PLAN_RULE);
    expect(second.outcomes).toEqual([{ kind: 'broken', missesSoFar: 2, outstandingMinor: 10_000, reason: expect.stringMatching(/2 instalment\(s\) missed/) }]);
    expect(second.plan.status).toBe('broken');
    expect(instalmentMissed(second.plan, '2026-06-01', DEFAULT_PLAN_RULE).ignored).toBe('plan is broken');
  });

  it('the same instalment reported missed twice counts once (it is no longer open)', () => {
    const first = instalmentMissed(plan(), '2026-04-01', DEFAULT_PLAN_RULE);
    const again = instalmentMissed(first.plan, '2026-04-01', { missesToBreak: 3, onMiss: 'remind' });
    expect(again.ignored).toMatch(/no open plan instalment/);
  });

  it('a miss before the plan began (the original missed instalment) is not this plan’s', () => {
    expect(instalmentMissed(plan(), '2026-03-01', DEFAULT_PLAN_RULE).ignored).toMatch(/no open plan instalment due on or before 2026-03-01/);
  });

  it('an unmatched date takes the earliest open instalment due before it', () => {
    const r = instalmentMissed(plan(), '2026-05-03', DEFAULT_PLAN_RULE);
    expect(r.outcomes[0]).toMatchObject({ kind: 'instalment_missed', instalment: { number: 1 } });
  });

  it('move_to_end: the missed instalment falls due after the last one, still owed', () => {
    const r = instalmentMissed(plan(), '2026-04-01', { missesToBreak: 2, onMiss: 'move_to_end', moveByDays: 31 });
    expect(r.outcomes[0]).toMatchObject({ kind: 'instalment_missed', action: 'move_to_end', missesSoFar: 1 });
    expect(r.plan.instalments.map((i) => [i.number, i.dueDate, i.state])).toEqual([
      [2, '2026-05-01', 'due'],
      [3, '2026-06-01', 'due'],
      [1, '2026-07-02', 'due'],
    ]);
    expect(outstandingMinor(r.plan)).toBe(10_000);
  });

  it('a miss counts for break once payments are partial; missed instalments are paid first', () => {
    const missed = instalmentMissed(plan(), '2026-04-01', { missesToBreak: 3, onMiss: 'remind' }).plan;
    const paid = paymentReceived(missed, 3334, 'EUR');
    expect(paid.outcomes[0]).toMatchObject({ kind: 'instalment_paid', instalment: { number: 1 } });
  });

  it('missesToBreak 1 breaks at the first miss', () => {
    expect(instalmentMissed(plan(), '2026-04-01', { missesToBreak: 1, onMiss: 'remind' }).plan.status).toBe('broken');
  });

  it('validates the rule', () => {
    expect(() => validateRule({ missesToBreak: 0, onMiss: 'remind' })).toThrow(RangeError);
    expect(() => validateRule({ missesToBreak: 2, onMiss: 'shout' as never })).toThrow(RangeError);
    expect(() => validateRule({ missesToBreak: 2, onMiss: 'move_to_end', moveByDays: 0 })).toThrow(RangeError);
  });
});
