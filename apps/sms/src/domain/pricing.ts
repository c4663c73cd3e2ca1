/** Micro-USD (1 USD = 1 000 000) per segment, by ISO country; '*' prices any country not listed. */
export type PriceTable = ReadonlyMap<string, number>;

const ENTRY = /^\s*([A-Z]{2}|\*)\s*:\s*(\d{1,4})(?:\.(\d{1,6}))?\s*$/;

/**
 * Reads `DE:0.0870,GB:0.0395,*:0.05` (USD a segment, up to six decimals). Money never passes
 * through a float: the decimal is read digit by digit into integer micro-USD.
 */
export function parsePriceTable(spec: string): PriceTable {
  const table = new Map<string, number>();
  for (const entry of spec.split(',').filter((e) => e.trim() !== '')) {
    const match = ENTRY.exec(entry);
    if (!match) throw new Error(`SMS_PRICE_TABLE: "${entry.trim()}" is not COUNTRY:USD such as DE:0.0870`);
    const [, country, whole, fraction = ''] = match;
    table.set(country, Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0')));
  }
  return table;
}

/** What one SMS costs, in micro-USD; undefined when the country has no price. */
export function smsCost(segments: number, country: string | undefined, table: PriceTable): number | undefined {
  const perSegment = (country === undefined ? undefined : table.get(country)) ?? table.get('*');
  return perSegment === undefined ? undefined : segments * perSegment;
}

export const PRICE_TABLE_PATTERN = /^\s*(([A-Z]{2}|\*)\s*:\s*\d{1,4}(\.\d{1,6})?\s*)(,\s*([A-Z]{2}|\*)\s*:\s*\d{1,4}(\.\d{1,6})?\s*)*$/;
