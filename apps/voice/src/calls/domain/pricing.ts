// What a call costs, in integer micro-USD: telephony per started billing increment by destination
// country, plus LLM tokens. Pure: parsed once from configuration, applied per call.

/** `CC:usd_per_minute` pairs, comma-separated; `*` prices any other country. */
export const VOICE_PRICE_TABLE_PATTERN = /^(\*|[A-Z]{2}):\d+(\.\d{1,6})?(,(\*|[A-Z]{2}):\d+(\.\d{1,6})?)*$/;
/** `input:usd_per_million,output:usd_per_million`. */
export const LLM_PRICE_PATTERN = /^input:\d+(\.\d{1,6})?,output:\d+(\.\d{1,6})?$/;

export interface VoicePrices {
  /** micro-USD per minute by country; '*' is the fallback. */
  perMinuteMicroUsd: Map<string, number>;
  /** Telephony is billed per started increment of this many seconds (Telnyx: 60). */
  billingIncrementSeconds: number;
  /** micro-USD per million tokens. */
  llmInputPerMillionMicroUsd: number;
  llmOutputPerMillionMicroUsd: number;
}

function usdToMicro(text: string): number {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'));
}

export function parseVoicePrices(table: string, llm: string, billingIncrementSeconds: number): VoicePrices {
  if (!VOICE_PRICE_TABLE_PATTERN.test(table)) throw new Error('VOICE_PRICE_TABLE must be COUNTRY:USD_PER_MINUTE pairs such as DE:0.0120,*:0.0200');
  if (!LLM_PRICE_PATTERN.test(llm)) throw new Error('VOICE_LLM_PRICE must look like input:0.15,output:0.60 (USD per million tokens)');
  if (!Number.isInteger(billingIncrementSeconds) || billingIncrementSeconds < 1) throw new Error('billing increment must be a whole number of seconds ≥ 1');
  const perMinuteMicroUsd = new Map(table.split(',').map((pair) => [pair.split(':')[0], usdToMicro(pair.split(':')[1])] as const));
  const [input, output] = llm.split(',').map((part) => usdToMicro(part.split(':')[1]));
  return { perMinuteMicroUsd, billingIncrementSeconds, llmInputPerMillionMicroUsd: input, llmOutputPerMillionMicroUsd: output };
}

export interface CallUsage {
  /** Unanswered calls are free; an answered one is billed at least one increment. */
  answered: boolean;
  /** Seconds from answer to hang-up. */
  durationSeconds: number;
  country: string | undefined;
  inputTokens: number;
  outputTokens: number;
}

export interface CallCostBreakdown {
  telephonyMicroUsd: number;
  llmMicroUsd: number;
  totalMicroUsd: number;
  /** False when neither the country nor '*' has a price (telephony counted as 0). */
  priced: boolean;
}

export function callCost(usage: CallUsage, prices: VoicePrices): CallCostBreakdown {
  const perMinute = (usage.country ? prices.perMinuteMicroUsd.get(usage.country) : undefined) ?? prices.perMinuteMicroUsd.get('*');
  const seconds = Math.max(0, Math.ceil(usage.durationSeconds));
  const increments = usage.answered ? Math.max(1, Math.ceil(seconds / prices.billingIncrementSeconds)) : 0;
  // per-minute price × billed seconds / 60, rounded up to a whole micro-USD
  const telephonyMicroUsd = perMinute === undefined ? 0 : Math.ceil((perMinute * increments * prices.billingIncrementSeconds) / 60);
  const llmMicroUsd = Math.ceil((usage.inputTokens * prices.llmInputPerMillionMicroUsd + usage.outputTokens * prices.llmOutputPerMillionMicroUsd) / 1_000_000);
  return { telephonyMicroUsd, llmMicroUsd, totalMicroUsd: telephonyMicroUsd + llmMicroUsd, priced: perMinute !== undefined };
}

/** Country of an E.164 number for pricing, by the calling codes Settle serves (longest prefix first). */
const CALLING_CODES: [string, string][] = [
  ['+1', 'US'], ['+31', 'NL'], ['+32', 'BE'], ['+33', 'FR'], ['+34', 'ES'], ['+351', 'PT'], ['+353', 'IE'], ['+358', 'FI'], ['+39', 'IT'],
  ['+41', 'CH'], ['+43', 'AT'], ['+44', 'GB'], ['+45', 'DK'], ['+46', 'SE'], ['+47', 'NO'], ['+48', 'PL'], ['+49', 'DE'],
];

export function countryOfNumber(e164: string): string | undefined {
  return CALLING_CODES.filter(([code]) => e164.startsWith(code)).sort((a, b) => b[0].length - a[0].length)[0]?.[1];
}
