import { OfferedPlan, choosePlan, optionsQueryFor, preferredKinds, withUpfront } from './plan-choice';

const plan = (kind: OfferedPlan['kind'], amounts: number[], fee = 0): OfferedPlan => ({
  kind,
  currency: 'EUR',
  instalments: amounts.map((amountMinor, i) => ({ dueDate: `2026-0${4 + i}-01`, amountMinor })),
  totalMinor: amounts.reduce((a, b) => a + b, 0),
  feeMinor: fee,
});

const offered = [plan('deferral', [12750]), plan('term_extension', [3188, 3188, 3187, 3187]), plan('reduced_instalments', [2125, 2125, 2125, 2125, 2125, 2125]), plan('payment_holiday', [4250, 4250, 4250]), plan('settlement', [11475])];

describe('the plan the agent proposes on the phone', () => {
  it('asks the negotiation service with what the debtor can afford and when the rest can come', () => {
    expect(optionsQueryFor({}, '2026-03-10')).toEqual({});
    expect(optionsQueryFor({ affordableMinorPerMonth: 2500 }, '2026-03-10')).toEqual({ sayCanPay: { amountMinor: 2500, per: 'month' } });
    expect(optionsQueryFor({ upfrontMinor: 2000, restDate: '2026-04-09' }, '2026-03-10')).toEqual({ preferences: { deferralDays: 30 } });
    expect(optionsQueryFor({ restDate: '2026-03-10' }, '2026-03-10')).toEqual({});
    expect(optionsQueryFor({ restDate: '2028-01-01' }, '2026-03-10')).toEqual({ preferences: { deferralDays: 366 } });
  });

  it('never proposes a settlement (a discount is the tenant\u2019s lever, through the API)', () => {
    for (const ask of [{}, { restDate: '2026-04-01' }, { instalmentCount: 2 }, { affordableMinorPerMonth: 100_000 }]) {
      expect(preferredKinds(ask)).not.toContain('settlement');
      expect(choosePlan([plan('settlement', [11475])], ask)).toBeUndefined();
    }
  });

  it('a date for the rest prefers a deferral; an affordable amount the first plan whose instalments fit it; a count the closest', () => {
    expect(choosePlan(offered, { upfrontMinor: 2000, restDate: '2026-04-01' })?.kind).toBe('deferral');
    expect(choosePlan(offered, { affordableMinorPerMonth: 2500 })?.kind).toBe('reduced_instalments');
    expect(choosePlan(offered, { affordableMinorPerMonth: 3500 })?.kind).toBe('reduced_instalments');
    expect(choosePlan(offered.filter((o) => o.kind !== 'reduced_instalments'), { affordableMinorPerMonth: 3500 })?.kind).toBe('term_extension');
    expect(choosePlan(offered, { affordableMinorPerMonth: 1000 })).toBeUndefined();
    expect(choosePlan(offered, { instalmentCount: 4 })?.kind).toBe('term_extension');
    expect(choosePlan(offered, { instalmentCount: 6 })?.kind).toBe('reduced_instalments');
    expect(choosePlan(offered, {})?.kind).toBe('reduced_instalments');
    expect(choosePlan([], {})).toBeUndefined();
  });

  it('skips a plan the upfront part would already cover', () => {
    expect(choosePlan([plan('deferral', [1000]), plan('term_extension', [3000, 3000])], { upfrontMinor: 1000, restDate: '2026-04-01' })?.kind).toBe('term_extension');
  });

  it('takes the upfront part off the first instalments so that today + the instalments is the plan total', () => {
    const p = plan('term_extension', [3188, 3188, 3187, 3187]);
    for (const upfront of [0, 1, 3187, 3188, 3189, 6376, 10000, 12749]) {
      const proposal = withUpfront(p, upfront);
      expect(proposal.upfrontMinor + proposal.instalments.reduce((a, i) => a + i.amountMinor, 0)).toBe(p.totalMinor);
      expect(proposal.instalments.every((i) => i.amountMinor > 0)).toBe(true);
      expect(proposal.instalments.map((i) => i.dueDate)).toEqual(p.instalments.slice(p.instalments.length - proposal.instalments.length).map((i) => i.dueDate));
    }
    expect(withUpfront(p, 3188).instalments).toEqual(p.instalments.slice(1));
    expect(withUpfront(p, 2000).instalments[0]).toEqual({ dueDate: '2026-04-01', amountMinor: 1188 });
    expect(() => withUpfront(p, 12750)).toThrow(RangeError);
    expect(() => withUpfront(p, -1)).toThrow(RangeError);
    expect(() => withUpfront(p, 1.5)).toThrow(RangeError);
  });
});
