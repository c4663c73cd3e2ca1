import fc from 'fast-check';
import { PRICE_TABLE_PATTERN, parsePriceTable, smsCost } from './pricing';

describe('parsePriceTable', () => {
  it('reads USD per segment into integer micro-USD without floating point', () => {
    const table = parsePriceTable('DE:0.0870, GB:0.0395,US:0.0079 ,*:0.05,XX:1,YY:0.000001,ZZ:12.345678');
    expect(Object.fromEntries(table)).toEqual({ DE: 87_000, GB: 39_500, US: 7_900, '*': 50_000, XX: 1_000_000, YY: 1, ZZ: 12_345_678 });
    for (const micro of table.values()) expect(Number.isInteger(micro)).toBe(true);
  });

  it.each(['DE:0.08700001', 'de:0.087', 'DE=0.087', 'DE:-0.087', 'DE:.087', 'DEU:0.087'])('refuses %j', (spec) => {
    expect(() => parsePriceTable(spec)).toThrow(/SMS_PRICE_TABLE/);
    expect(PRICE_TABLE_PATTERN.test(spec)).toBe(false);
  });

  it('the config pattern accepts what the parser reads', () => {
    expect(PRICE_TABLE_PATTERN.test('DE:0.0870, GB:0.0395,US:0.0079 ,*:0.05')).toBe(true);
  });

  it('property: any price with up to six decimals is read exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 999_999 }), (whole, micro) => {
        const spec = `DE:${whole}.${String(micro).padStart(6, '0')}`;
        expect(parsePriceTable(spec).get('DE')).toBe(whole * 1_000_000 + micro);
      }),
    );
  });
});

describe('smsCost', () => {
  const table = parsePriceTable('DE:0.0870,US:0.0079');

  it('is segments × the price of the country, in micro-USD', () => {
    expect(smsCost(1, 'DE', table)).toBe(87_000);
    expect(smsCost(2, 'DE', table)).toBe(174_000);
    expect(smsCost(3, 'US', table)).toBe(23_700);
  });

  it("uses the '*' price for a country not listed, and is unknown without one", () => {
    expect(smsCost(2, 'FR', table)).toBeUndefined();
    expect(smsCost(2, undefined, table)).toBeUndefined();
    const withDefault = parsePriceTable('DE:0.0870,*:0.05');
    expect(smsCost(2, 'FR', withDefault)).toBe(100_000);
    expect(smsCost(2, undefined, withDefault)).toBe(100_000);
  });

  it('a free country costs 0, not the default', () => {
    expect(smsCost(2, 'DE', parsePriceTable('DE:0,*:0.05'))).toBe(0);
  });
});
