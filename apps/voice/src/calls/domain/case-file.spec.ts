import { suggestNextStep, whyOwed } from './case-file';

const base = { merchantName: 'Nordic Bikes', orderRef: 'ORD-1001', dueDate: '2026-03-01', amountDue: { amountMinor: 4250, currency: 'EUR' } };

describe('case file wording', () => {
  it('lists each overdue instalment when the case has them', () => {
    const why = whyOwed({
      ...base,
      overdue: [
        { orderRef: 'ORD-1001', merchantName: 'Nordic Bikes', instalmentNumber: 2, amountDue: { amountMinor: 4250, currency: 'EUR' }, dueDate: '2026-03-01' },
        { orderRef: 'ORD-1001', merchantName: 'Nordic Bikes', instalmentNumber: 3, amountDue: { amountMinor: 4250, currency: 'EUR' }, dueDate: '2026-04-01' },
      ],
    });
    expect(why).toBe('missed: instalment 2 of order ORD-1001 at Nordic Bikes, 42.50 EUR due 2026-03-01; instalment 3 of order ORD-1001 at Nordic Bikes, 42.50 EUR due 2026-04-01');
  });

  it('falls back to the headline facts', () => {
    expect(whyOwed(base)).toBe('a payment of 42.50 EUR to Nordic Bikes (order ORD-1001) due 2026-03-01 was missed');
    expect(whyOwed({ ...base, orderRef: undefined })).toBe('a payment of 42.50 EUR to Nordic Bikes due 2026-03-01 was missed');
  });

  it('suggests the next step from the strongest cue, then from what the agent did', () => {
    expect(suggestNextStep(['hardship', 'bereavement'], [])).toMatch(/condolences/);
    expect(suggestNextStep(['dispute'], [])).toMatch(/pause collection/);
    expect(suggestNextStep([], ['flag_hardship'])).toMatch(/forbearance/);
    expect(suggestNextStep([], ['propose_plan'])).toMatch(/plan proposed/);
    expect(suggestNextStep([], [])).toMatch(/confirm identity/);
  });
});
