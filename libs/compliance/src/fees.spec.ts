import fc from 'fast-check';
import { feeCap } from './index';

const eur = (euros: number) => ({ principalMinor: Math.round(euros * 100), currency: 'EUR' });

describe('feeCap — NL (WIK scale, Besluit BIK art. 2)', () => {
  it.each([
    [100, 4000, 'minimum €40 (15% of €100 is €15)'],
    [266.66, 4000, '15% is €39.99: still the minimum'],
    [266.67, 4000, '15% is €40.0005: rounded down'],
    [400, 6000, '15%'],
    [2500, 37500, '15% of the first 2,500'],
    [3000, 42500, '15% of 2,500 + 10% of 500 = €425'],
    [5000, 62500, '375 + 250'],
    [10000, 87500, '375 + 250 + 250'],
    [200000, 277500, '+ 1% of 190,000'],
    [1000000, 677500, '+ 0.5% of 800,000 = the €6,775 maximum'],
    [5000000, 677500, 'capped at €6,775'],
  ])('€%d → %i cents (%s)', (principal, fee) => {
    expect(feeCap('NL', eur(principal))).toMatchObject({ maxFeeMinor: fee, currency: 'EUR', ruleId: 'nl.bik.fee_scale' });
  });

  it('names the 14-day letter as a precondition', () => {
    expect(feeCap('NL', eur(100))?.conditions).toEqual([{ id: 'nl.bw6-96.fourteen_day_letter', text: expect.stringContaining('14') }]);
  });

  it('is non-decreasing in the principal and stays within [€40, €6,775]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_00 }), fc.integer({ min: 0, max: 1_000_000_00 }), (a, delta) => {
        const x = feeCap('NL', { principalMinor: a, currency: 'EUR' })!.maxFeeMinor;
        const y = feeCap('NL', { principalMinor: a + delta, currency: 'EUR' })!.maxFeeMinor;
        expect(y).toBeGreaterThanOrEqual(x);
        expect(x).toBeGreaterThanOrEqual(4000);
        expect(x).toBeLessThanOrEqual(677500);
        expect(Number.isInteger(x)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses another currency', () => {
    expect(() => feeCap('NL', { principalMinor: 10000, currency: 'USD' })).toThrow(RangeError);
  });
});

describe('feeCap — SE (Lag 1981:739)', () => {
  it('collection demand SEK 180 by default; reminder SEK 60; repayment plan SEK 170', () => {
    const sek = (kind?: string) => feeCap('SE', { principalMinor: 50000, currency: 'SEK', kind });
    expect(sek()).toMatchObject({ maxFeeMinor: 18000, currency: 'SEK', ruleId: 'se.lag1981-739.fee_caps' });
    expect(sek('reminder')?.maxFeeMinor).toBe(6000);
    expect(sek('repayment_plan')?.maxFeeMinor).toBe(17000);
    expect(sek()?.conditions.map((c) => c.id)).toEqual(['se.inkassolag.reasonable_time']);
    expect(() => sek('late_fee')).toThrow(/unknown fee kind/);
  });
});

describe('feeCap — DE (§ 13e RDG, RVG)', () => {
  it.each([
    [40, false, 2700, '0.9 × €30 (claims up to €50)'],
    [40, true, 1500, '0.5 × €30 when paid on the first demand'],
    [100, false, 4635, '0.9 × €51.50'],
    [500, false, 4635, 'still the first step'],
    [500.01, false, 8370, '0.9 × €93.00'],
    [2500, true, 11775, '0.5 × €235.50'],
  ])('€%d (paid on first demand: %s) → %i cents (%s)', (principal, paidOnFirstDemand, fee) => {
    expect(feeCap('DE', { ...eur(principal), paidOnFirstDemand })).toMatchObject({ maxFeeMinor: fee, ruleId: 'de.rdg.13e.rvg_fee_cap' });
  });

  it('claims above the encoded table are refused rather than guessed', () => {
    expect(() => feeCap('DE', eur(50001))).toThrow(/above the encoded fee table/);
  });
});

describe('feeCap — others', () => {
  it('FR: amicable collection costs stay with the creditor (0, in any currency)', () => {
    expect(feeCap('FR', eur(1000))).toMatchObject({ maxFeeMinor: 0, ruleId: 'fr.cpce.l111-8.no_fees' });
    expect(feeCap('FR', { principalMinor: 1000, currency: 'USD' })?.maxFeeMinor).toBe(0);
  });

  it.each(['GB', 'US', 'US-MA', 'US-WA', 'IE', 'ES', 'IT'])('%s: no statutory numeric cap → null', (j) => {
    expect(feeCap(j, { principalMinor: 10000, currency: j.startsWith('US') ? 'USD' : j === 'GB' ? 'GBP' : 'EUR' })).toBeNull();
  });

  it('an unknown jurisdiction gets the conservative 0, flagged', () => {
    expect(feeCap('XX', { principalMinor: 10000, currency: 'JPY' })).toMatchObject({ maxFeeMinor: 0, ruleId: 'default.fees.none', flags: ['unknown_jurisdiction'] });
  });

  it('rejects malformed amounts', () => {
    for (const principalMinor of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => feeCap('NL', { principalMinor, currency: 'EUR' })).toThrow(RangeError);
  });
});
