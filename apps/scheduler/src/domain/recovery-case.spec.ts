import fc from 'fast-check';
import type { CaseOutcome } from '@settle/contracts';
import { CaseChange, CaseStatus, OverdueInstalment, RecoveryCase, RecoveryCaseState, TERMINAL_STATUSES } from './recovery-case';
import { SKELETON_WORKFLOW, Workflow } from './workflow';

const DAY = 24 * 60 * 60 * 1000;
const OPENED_AT = new Date('2026-03-02T09:00:00.000Z');
const CASE_ID = '0195b7d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f';
const TENANT_ID = '3b8f6c1e-2d4a-4f7b-9e0c-5a1d2b3c4e5f';
const ACCOUNT_ID = '6a1f3c2e-8b7d-5e4f-9a0b-1c2d3e4f5a6b';

function instalment(over: Partial<OverdueInstalment> = {}): OverdueInstalment {
  return {
    orderRef: 'ORD-2026-1001',
    merchantName: 'Nordic Bikes',
    instalmentNumber: 2,
    amountDue: { amountMinor: 2500, currency: 'EUR' },
    dueDate: '2026-03-01',
    ...over,
  };
}

function open(inst: OverdueInstalment = instalment(), workflow: Workflow = SKELETON_WORKFLOW, at: Date = OPENED_AT): CaseChange {
  return RecoveryCase.open({ id: CASE_ID, tenantId: TENANT_ID, accountId: ACCOUNT_ID, workflow, instalment: inst }, { eventId: 'evt-open', at });
}

function cause(id: string, at: Date | number): { eventId: string; at: Date } {
  return { eventId: id, at: new Date(at) };
}

function eur(amountMinor: number, settlesBalance = false) {
  return { amount: { amountMinor, currency: 'EUR' }, settlesBalance };
}

/** Freezes a state at every depth, so any mutation of an input throws in strict mode. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function withStatus(status: CaseStatus): RecoveryCaseState {
  return { ...open().state, status };
}

describe('RecoveryCase.open', () => {
  it('opens a case for the missed instalment, owing its amount, nothing recovered', () => {
    const inst = instalment();
    const change = open(inst);
    expect(change.state).toEqual({
      id: CASE_ID,
      tenantId: TENANT_ID,
      accountId: ACCOUNT_ID,
      status: 'opened',
      workflowId: 'skeleton-sms-v1',
      nextStep: 0,
      currency: 'EUR',
      amountDueMinor: 2500,
      recoveredMinor: 0,
      instalments: [inst],
      contactsSent: 0,
      openedAt: OPENED_AT,
    });
    expect(change.state.closedAt).toBeUndefined();
    expect(change.state.outcome).toBeUndefined();
    expect(change.ignored).toBeUndefined();
    expect(RecoveryCase.isOpen(change.state)).toBe(true);
  });

  it('records one transition from nothing to opened, caused by the opening event', () => {
    expect(open().transitions).toEqual([{ from: null, to: 'opened', causeEventId: 'evt-open', reason: 'instalment missed', at: OPENED_AT }]);
  });

  it('schedules step 0 at the open time for the skeleton workflow (wait 0)', () => {
    expect(open().effects).toEqual([{ kind: 'schedule_step', step: 0, dueAt: OPENED_AT }]);
  });

  it('schedules step 0 at open time + the first step’s wait', () => {
    const workflow: Workflow = { id: 'wf-delayed', steps: [{ channel: 'sms', tone: 'friendly', waitMs: 90 * 60 * 1000 }] };
    const change = open(instalment(), workflow);
    expect(change.effects).toEqual([{ kind: 'schedule_step', step: 0, dueAt: new Date('2026-03-02T10:30:00.000Z') }]);
    expect(change.state.workflowId).toBe('wf-delayed');
  });

  it('schedules nothing for a workflow without steps', () => {
    expect(open(instalment(), { id: 'empty', steps: [] }).effects).toEqual([]);
  });

  it('takes the case currency from the instalment', () => {
    expect(open(instalment({ amountDue: { amountMinor: 1200, currency: 'SEK' } })).state.currency).toBe('SEK');
  });
});

describe('RecoveryCase.isOpen', () => {
  it.each<[CaseStatus, boolean]>([
    ['opened', true],
    ['reminding', true],
    ['resolved', false],
    ['closed', false],
    ['written_off', false],
  ])('%s → %s', (status, expected) => {
    expect(RecoveryCase.isOpen(withStatus(status))).toBe(expected);
  });

  it('TERMINAL_STATUSES are exactly resolved, closed and written_off', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['closed', 'resolved', 'written_off']);
  });
});

describe('RecoveryCase.stepDispatched', () => {
  const t1 = new Date('2026-03-02T09:05:00.000Z');

  it('moves opened → reminding once, with a transition caused by the dispatch', () => {
    const change = RecoveryCase.stepDispatched(open().state, SKELETON_WORKFLOW, 0, cause('evt-d0', t1));
    expect(change.state.status).toBe('reminding');
    expect(change.state.nextStep).toBe(1);
    expect(change.transitions).toEqual([{ from: 'opened', to: 'reminding', causeEventId: 'evt-d0', reason: 'step 0 dispatched', at: t1 }]);
    expect(change.ignored).toBeUndefined();
  });

  it('schedules the next step at the dispatch time + its wait (not the open time)', () => {
    const change = RecoveryCase.stepDispatched(open().state, SKELETON_WORKFLOW, 0, cause('evt-d0', t1));
    expect(change.effects).toEqual([{ kind: 'schedule_step', step: 1, dueAt: new Date(t1.getTime() + 2 * DAY) }]);
  });

  it('walks the whole skeleton workflow: one transition in total, a schedule per following step, none after the last', () => {
    let state = open().state;
    const t2 = new Date(t1.getTime() + 2 * DAY + 3_600_000); // dispatched an hour late
    const t3 = new Date(t2.getTime() + 4 * DAY);

    const first = RecoveryCase.stepDispatched(state, SKELETON_WORKFLOW, 0, cause('d0', t1));
    state = first.state;
    const second = RecoveryCase.stepDispatched(state, SKELETON_WORKFLOW, 1, cause('d1', t2));
    expect(second.transitions).toEqual([]);
    expect(second.state.status).toBe('reminding');
    expect(second.effects).toEqual([{ kind: 'schedule_step', step: 2, dueAt: new Date(t2.getTime() + 4 * DAY) }]);
    state = second.state;
    const third = RecoveryCase.stepDispatched(state, SKELETON_WORKFLOW, 2, cause('d2', t3));
    expect(third.transitions).toEqual([]);
    expect(third.effects).toEqual([]);
    expect(third.state.nextStep).toBe(3);
    expect(third.state.status).toBe('reminding');
    expect(RecoveryCase.isOpen(third.state)).toBe(true);
  });

  it.each([
    [1, 0],
    [2, 0],
    [-1, 0],
  ])('ignores step %i when step %i is next, with a reason and no change', (step, next) => {
    const state = open().state;
    const change = RecoveryCase.stepDispatched(state, SKELETON_WORKFLOW, step, cause('dx', t1));
    expect(change.state).toBe(state);
    expect(change.transitions).toEqual([]);
    expect(change.effects).toEqual([]);
    expect(change.ignored).toBe(`step ${step} is not the next step (${next})`);
  });

  it('ignores a repeated dispatch of a step already handled (redelivery)', () => {
    const after0 = RecoveryCase.stepDispatched(open().state, SKELETON_WORKFLOW, 0, cause('d0', t1)).state;
    const again = RecoveryCase.stepDispatched(after0, SKELETON_WORKFLOW, 0, cause('d0', t1));
    expect(again.state).toBe(after0);
    expect(again.effects).toEqual([]);
    expect(again.ignored).toContain('not the next step (1)');
  });
});

describe('RecoveryCase.paymentReceived', () => {
  const paidAt = new Date('2026-03-04T12:00:00.000Z');

  it('a payment the lender says settles the balance resolves the case, cancelling pending steps', () => {
    const change = RecoveryCase.paymentReceived(open().state, eur(2500, true), cause('pay-1', paidAt));
    expect(change.state).toMatchObject({ status: 'resolved', outcome: 'resolved', closedAt: paidAt, amountDueMinor: 0, recoveredMinor: 2500 });
    expect(change.transitions).toEqual([
      { from: 'opened', to: 'resolved', causeEventId: 'pay-1', reason: 'the lender reports the balance settled', at: paidAt },
    ]);
    expect(change.effects).toEqual([
      { kind: 'cancel_pending_steps' },
      { kind: 'case_closed', outcome: 'resolved', reason: 'the lender reports the balance settled' },
    ]);
    expect(RecoveryCase.isOpen(change.state)).toBe(false);
  });

  it('settlesBalance resolves even when the amount is below what Settle thought was due (the lender’s books win)', () => {
    const change = RecoveryCase.paymentReceived(open().state, eur(1000, true), cause('pay-1', paidAt));
    expect(change.state).toMatchObject({ status: 'resolved', amountDueMinor: 0, recoveredMinor: 1000 });
  });

  it('resolves from reminding, with the transition naming reminding as the origin', () => {
    const reminding = RecoveryCase.stepDispatched(open().state, SKELETON_WORKFLOW, 0, cause('d0', OPENED_AT)).state;
    const change = RecoveryCase.paymentReceived(reminding, eur(2500, true), cause('pay-1', paidAt));
    expect(change.transitions[0]).toMatchObject({ from: 'reminding', to: 'resolved' });
  });

  it('a partial payment lowers the amount due and keeps the case open, with no effects', () => {
    const state = open().state;
    const change = RecoveryCase.paymentReceived(state, eur(1000), cause('pay-1', paidAt));
    expect(change.state).toMatchObject({ status: 'opened', amountDueMinor: 1500, recoveredMinor: 1000, nextStep: 0 });
    expect(change.state.closedAt).toBeUndefined();
    expect(change.state.outcome).toBeUndefined();
    expect(change.transitions).toEqual([]);
    expect(change.effects).toEqual([]);
    expect(change.ignored).toBeUndefined();
  });

  it('a partial payment on a reminding case keeps it reminding and keeps its step position', () => {
    const reminding = RecoveryCase.stepDispatched(open().state, SKELETON_WORKFLOW, 0, cause('d0', OPENED_AT)).state;
    const change = RecoveryCase.paymentReceived(reminding, eur(500), cause('pay-1', paidAt));
    expect(change.state).toMatchObject({ status: 'reminding', nextStep: 1, amountDueMinor: 2000 });
  });

  it('payments summing to the amount due resolve the case ("payments cover the amount due")', () => {
    const first = RecoveryCase.paymentReceived(open().state, eur(1000), cause('pay-1', paidAt));
    const second = RecoveryCase.paymentReceived(first.state, eur(1500), cause('pay-2', new Date(paidAt.getTime() + DAY)));
    expect(second.state).toMatchObject({ status: 'resolved', outcome: 'resolved', amountDueMinor: 0, recoveredMinor: 2500 });
    expect(second.effects).toEqual([
      { kind: 'cancel_pending_steps' },
      { kind: 'case_closed', outcome: 'resolved', reason: 'payments cover the amount due' },
    ]);
    expect(second.transitions).toEqual([
      { from: 'opened', to: 'resolved', causeEventId: 'pay-2', reason: 'payments cover the amount due', at: new Date(paidAt.getTime() + DAY) },
    ]);
  });

  it('an overpayment resolves with nothing due, counting everything received as recovered', () => {
    const change = RecoveryCase.paymentReceived(open().state, eur(4000), cause('pay-1', paidAt));
    expect(change.state).toMatchObject({ status: 'resolved', amountDueMinor: 0, recoveredMinor: 4000 });
  });

  it('ignores a payment in another currency, with a reason naming both', () => {
    const state = open().state;
    const change = RecoveryCase.paymentReceived(state, { amount: { amountMinor: 2500, currency: 'USD' }, settlesBalance: true }, cause('pay-1', paidAt));
    expect(change.state).toBe(state);
    expect(change.transitions).toEqual([]);
    expect(change.effects).toEqual([]);
    expect(change.ignored).toBe("payment in USD, case in EUR");
  });
});

describe('RecoveryCase.instalmentMissed', () => {
  it('pay-in-4 with two instalments overdue: the second joins the case and the amount due', () => {
    const second = instalment({ instalmentNumber: 2, amountDue: { amountMinor: 2500, currency: 'EUR' }, dueDate: '2026-03-01' });
    const third = instalment({ instalmentNumber: 3, amountDue: { amountMinor: 2500, currency: 'EUR' }, dueDate: '2026-03-15' });
    const state = open(second).state;
    const change = RecoveryCase.instalmentMissed(state, third);
    expect(change.state.instalments).toEqual([second, third]);
    expect(change.state.amountDueMinor).toBe(5000);
    expect(change.state.status).toBe('opened');
    expect(change.state.nextStep).toBe(0);
    expect(change.transitions).toEqual([]);
    expect(change.effects).toEqual([]);
    expect(change.ignored).toBeUndefined();
  });

  it('adds to the remaining amount after a partial payment', () => {
    const paid = RecoveryCase.paymentReceived(open().state, eur(1000), cause('pay-1', OPENED_AT)).state;
    const change = RecoveryCase.instalmentMissed(paid, instalment({ instalmentNumber: 3, amountDue: { amountMinor: 2500, currency: 'EUR' } }));
    expect(change.state).toMatchObject({ amountDueMinor: 4000, recoveredMinor: 1000 });
  });

  it('ignores the same instalment reported twice', () => {
    const state = open().state;
    const change = RecoveryCase.instalmentMissed(state, instalment());
    expect(change.state).toBe(state);
    expect(change.ignored).toBe('instalment already on the case');
    expect(change.effects).toEqual([]);
  });

  it('ignores a duplicate even when its amount or due date differ (identity is order + number)', () => {
    const state = open().state;
    const change = RecoveryCase.instalmentMissed(state, instalment({ amountDue: { amountMinor: 9999, currency: 'EUR' }, dueDate: '2026-04-01' }));
    expect(change.ignored).toBe('instalment already on the case');
    expect(change.state.amountDueMinor).toBe(2500);
  });

  it('the same instalment number of a different order is a different instalment', () => {
    const change = RecoveryCase.instalmentMissed(open().state, instalment({ orderRef: 'ORD-2026-2002' }));
    expect(change.ignored).toBeUndefined();
    expect(change.state.instalments).toHaveLength(2);
    expect(change.state.amountDueMinor).toBe(5000);
  });

  it('ignores an instalment in another currency', () => {
    const state = open().state;
    const change = RecoveryCase.instalmentMissed(state, instalment({ instalmentNumber: 3, amountDue: { amountMinor: 2500, currency: 'GBP' } }));
    expect(change.state).toBe(state);
    expect(change.ignored).toBe("currency GBP differs from the case's EUR");
  });

  it('two overdue instalments are paid off one at a time: the first payment keeps the case open, the second resolves it', () => {
    let state = open(instalment({ instalmentNumber: 2 })).state;
    state = RecoveryCase.instalmentMissed(state, instalment({ instalmentNumber: 3 })).state;
    const first = RecoveryCase.paymentReceived(state, eur(2500), cause('p1', OPENED_AT));
    expect(first.state).toMatchObject({ status: 'opened', amountDueMinor: 2500 });
    const second = RecoveryCase.paymentReceived(first.state, eur(2500), cause('p2', OPENED_AT));
    expect(second.state).toMatchObject({ status: 'resolved', amountDueMinor: 0, recoveredMinor: 5000 });
  });
});

describe('RecoveryCase on a terminal case', () => {
  const terminal: Array<CaseStatus & CaseOutcome> = ['resolved', 'closed', 'written_off'];

  it.each(terminal)('%s: a payment is ignored with a reason', (status) => {
    const state = withStatus(status);
    const change = RecoveryCase.paymentReceived(state, eur(2500, true), cause('p', OPENED_AT));
    expect(change).toEqual({ state, transitions: [], effects: [], ignored: `payment for a ${status} case` });
    expect(change.state).toBe(state);
  });

  it.each(terminal)('%s: a dispatched step is ignored with a reason', (status) => {
    const state = withStatus(status);
    const change = RecoveryCase.stepDispatched(state, SKELETON_WORKFLOW, state.nextStep, cause('d', OPENED_AT));
    expect(change).toEqual({ state, transitions: [], effects: [], ignored: `case is ${status}` });
  });

  it.each(terminal)('%s: a newly missed instalment is ignored with a reason', (status) => {
    const state = withStatus(status);
    const change = RecoveryCase.instalmentMissed(state, instalment({ instalmentNumber: 4 }));
    expect(change).toEqual({ state, transitions: [], effects: [], ignored: `case is ${status}` });
  });

  it('a resolved case stays resolved whatever arrives next', () => {
    const resolved = RecoveryCase.paymentReceived(open().state, eur(2500, true), cause('p', OPENED_AT)).state;
    const events = [
      RecoveryCase.paymentReceived(resolved, eur(100), cause('p2', OPENED_AT)),
      RecoveryCase.stepDispatched(resolved, SKELETON_WORKFLOW, resolved.nextStep, cause('d', OPENED_AT)),
      RecoveryCase.instalmentMissed(resolved, instalment({ instalmentNumber: 4 })),
    ];
    for (const change of events) {
      expect(change.state.status).toBe('resolved');
      expect(change.ignored).toMatch(/resolved/);
      expect(change.effects).toEqual([]);
    }
  });
});

describe('RecoveryCase.contactSent', () => {
  it('counts each sent contact', () => {
    const once = RecoveryCase.contactSent(open().state);
    const twice = RecoveryCase.contactSent(once.state);
    expect(once.state.contactsSent).toBe(1);
    expect(twice.state.contactsSent).toBe(2);
    expect(twice.effects).toEqual([]);
    expect(twice.transitions).toEqual([]);
  });
});

describe('RecoveryCase is pure', () => {
  it('never mutates the state it is given', () => {
    const state = deepFreeze(open().state);
    const snapshot = structuredClone(state);
    expect(() => {
      RecoveryCase.stepDispatched(state, SKELETON_WORKFLOW, 0, cause('d0', OPENED_AT));
      RecoveryCase.paymentReceived(state, eur(100), cause('p1', OPENED_AT));
      RecoveryCase.paymentReceived(state, eur(2500, true), cause('p2', OPENED_AT));
      RecoveryCase.instalmentMissed(state, instalment({ instalmentNumber: 3 }));
      RecoveryCase.contactSent(state);
    }).not.toThrow();
    expect(state).toEqual(snapshot);
  });
});

describe('RecoveryCase — properties', () => {
  it('for any sequence of partial payments: recovered = sum paid until resolution, amount due never negative, resolved stays resolved', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: 1, maxLength: 30 }),
        (due, payments) => {
          let state = open(instalment({ amountDue: { amountMinor: due, currency: 'EUR' } })).state;
          let paidWhileOpen = 0;
          let closings = 0;
          for (const [i, amount] of payments.entries()) {
            const wasOpen = RecoveryCase.isOpen(state);
            const change = RecoveryCase.paymentReceived(state, eur(amount), cause(`p${i}`, OPENED_AT.getTime() + i * DAY));
            if (wasOpen) paidWhileOpen += amount;
            else {
              expect(change.state).toBe(state);
              expect(change.ignored).toBe('payment for a resolved case');
            }
            closings += change.effects.filter((e) => e.kind === 'case_closed').length;
            state = change.state;
            expect(state.amountDueMinor).toBeGreaterThanOrEqual(0);
            expect(state.recoveredMinor).toBe(paidWhileOpen);
            expect(state.amountDueMinor).toBe(Math.max(0, due - paidWhileOpen));
            expect(state.status).toBe(paidWhileOpen >= due ? 'resolved' : 'opened');
            if (!wasOpen) expect(state.status).toBe('resolved');
          }
          expect(closings).toBe(paidWhileOpen >= due ? 1 : 0);
        },
      ),
      { numRuns: 500 },
    );
  });

  type Command =
    | { kind: 'pay'; amount: number; settles: boolean }
    | { kind: 'foreign_pay'; amount: number }
    | { kind: 'missed'; number: number; amount: number }
    | { kind: 'dispatch'; step: number }
    | { kind: 'sent' };

  const commandArb: fc.Arbitrary<Command> = fc.oneof(
    fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 0, max: 5_000 }), settles: fc.boolean() }),
    fc.record({ kind: fc.constant('foreign_pay' as const), amount: fc.integer({ min: 0, max: 5_000 }) }),
    fc.record({ kind: fc.constant('missed' as const), number: fc.integer({ min: 1, max: 4 }), amount: fc.integer({ min: 0, max: 5_000 }) }),
    fc.record({ kind: fc.constant('dispatch' as const), step: fc.integer({ min: 0, max: 3 }) }),
    fc.constant({ kind: 'sent' as const }),
  );

  it('matches a simple model under any interleaving of payments, missed instalments, dispatches and sends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000 }), fc.array(commandArb, { maxLength: 40 }), (firstDue, commands) => {
        const opened = open(instalment({ instalmentNumber: 1, amountDue: { amountMinor: firstDue, currency: 'EUR' } }));
        let state = opened.state;
        const model = { open: true, due: firstDue, recovered: 0, nextStep: 0, status: 'opened' as CaseStatus, instalments: new Set([1]), sent: 0 };
        let closings = 0;
        let scheduled = opened.effects.filter((e) => e.kind === 'schedule_step').map((e) => (e.kind === 'schedule_step' ? e.step : -1));

        for (const [i, command] of commands.entries()) {
          const at = new Date(OPENED_AT.getTime() + (i + 1) * 3_600_000);
          let change: CaseChange;
          switch (command.kind) {
            case 'pay':
              change = RecoveryCase.paymentReceived(state, eur(command.amount, command.settles), cause(`e${i}`, at));
              if (model.open) {
                model.recovered += command.amount;
                model.due = Math.max(0, model.due - command.amount);
                if (command.settles || model.due === 0) Object.assign(model, { open: false, due: 0, status: 'resolved' });
              }
              break;
            case 'foreign_pay':
              change = RecoveryCase.paymentReceived(state, { amount: { amountMinor: command.amount, currency: 'SEK' }, settlesBalance: true }, cause(`e${i}`, at));
              expect(change.ignored).toBeDefined();
              break;
            case 'missed':
              change = RecoveryCase.instalmentMissed(state, instalment({ instalmentNumber: command.number, amountDue: { amountMinor: command.amount, currency: 'EUR' } }));
              if (model.open && !model.instalments.has(command.number)) {
                model.instalments.add(command.number);
                model.due += command.amount;
              } else expect(change.ignored).toBeDefined();
              break;
            case 'dispatch':
              change = RecoveryCase.stepDispatched(state, SKELETON_WORKFLOW, command.step, cause(`e${i}`, at));
              if (model.open && command.step === model.nextStep) {
                model.nextStep += 1;
                model.status = 'reminding';
                const following = SKELETON_WORKFLOW.steps[command.step + 1];
                expect(change.effects).toEqual(following ? [{ kind: 'schedule_step', step: command.step + 1, dueAt: new Date(at.getTime() + following.waitMs) }] : []);
                if (following) scheduled = [...scheduled, command.step + 1];
              } else expect(change.ignored).toBeDefined();
              break;
            case 'sent':
              change = RecoveryCase.contactSent(state);
              model.sent += 1;
              break;
          }
          closings += change.effects.filter((e) => e.kind === 'case_closed').length;
          for (const t of change.transitions) expect(t.from).toBe(state.status);
          state = change.state;

          expect(state.status).toBe(model.status);
          expect(state.amountDueMinor).toBe(model.due);
          expect(state.recoveredMinor).toBe(model.recovered);
          expect(state.nextStep).toBe(model.nextStep);
          expect(state.contactsSent).toBe(model.sent);
          expect(state.instalments.map((x) => x.instalmentNumber).sort()).toEqual([...model.instalments].sort());
          expect(state.amountDueMinor).toBeGreaterThanOrEqual(0);
          expect(RecoveryCase.isOpen(state)).toBe(model.open);
          if (!model.open) expect(state).toMatchObject({ outcome: 'resolved', amountDueMinor: 0 });
        }
        expect(closings).toBe(model.open ? 0 : 1);
        // Each step is scheduled at most once, in order.
        expect(scheduled).toEqual([...new Set(scheduled)].sort());
      }),
      { numRuns: 500 },
    );
  });
});
