import { restructuringOptions } from '@settle/negotiation';
import { remainingPlanOf, restructuringInputOf } from './plan-conversion';
import { PlatformAccount, PlatformRestructurings, toLenderAllows } from './types';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const account: PlatformAccount = {
  externalRef: 'A-1',
  product: 'pay_in_4',
  orderRef: 'O-1',
  merchantName: 'Nordic Bikes',
  jurisdiction: 'DE',
  currency: 'EUR',
  balance: eur(10_500),
  feesCharged: eur(250),
  instalments: [
    { number: 3, dueDate: '2026-03-29', amount: eur(4_250), paid: eur(0), status: 'due' },
    { number: 1, dueDate: '2026-03-01', amount: eur(4_250), paid: eur(4_250), status: 'paid' },
    { number: 2, dueDate: '2026-03-15', amount: eur(4_250), paid: eur(2_000), status: 'partially_paid' },
    { number: 4, dueDate: '2026-04-12', amount: eur(4_000), paid: eur(0), status: 'due' },
  ],
};
const allowed: PlatformRestructurings = { kinds: ['deferral', 'settlement'], maxInstalments: 8, maxExtensionDays: 60, maxSettlementDiscountBps: 500, reschedulesSoFar: 1 };
const policy = { minInstalmentMinor: 1_000, maxExtensionDays: 90, maxReschedules: 3, settlementDiscountBps: { min: 0, max: 1_000 } };

describe('from the lender platform to the negotiation maths', () => {
  it('the remaining plan is every unpaid remainder on its due date, in date order, summing to the balance', () => {
    const plan = remainingPlanOf(account);
    expect(plan.instalments.map((i) => [i.dueDate, i.amount.amountMinor])).toEqual([
      ['2026-03-15', 2_250],
      ['2026-03-29', 4_250],
      ['2026-04-12', 4_000],
    ]);
    expect(plan.total).toEqual(eur(10_500));
  });

  it('the lender bounds become LenderAllows (maxFeeMinor only when the lender sets one)', () => {
    expect(toLenderAllows(allowed)).toEqual({ kinds: ['deferral', 'settlement'], maxInstalments: 8, maxExtensionDays: 60, maxSettlementDiscountBps: 500 });
    expect(toLenderAllows({ ...allowed, maxFeeMinor: 0 }).maxFeeMinor).toBe(0);
  });

  it('the input carries the lender’s reschedule count, fees charged and jurisdiction (or the caller’s override)', () => {
    const input = restructuringInputOf(account, allowed, policy, '2026-03-16');
    expect(input).toMatchObject({ reschedulesSoFar: 1, jurisdiction: 'DE', feesChargedSoFar: eur(250), balance: eur(10_500), today: '2026-03-16' });
    expect(restructuringInputOf(account, allowed, policy, '2026-03-16', { jurisdiction: 'NL' }).jurisdiction).toBe('NL');
    const result = restructuringOptions(input);
    expect(result.options.map((o) => o.kind)).toEqual(['deferral', 'settlement']);
    expect(result.notOffered.find((n) => n.kind === 'term_extension')?.reasons).toEqual(['the lender does not allow it']);
  });

  it('a balance that disagrees with the instalments is refused by the maths, not guessed', () => {
    expect(() => restructuringOptions(restructuringInputOf({ ...account, balance: eur(1) }, allowed, policy, '2026-03-16'))).toThrow(RangeError);
  });
});
