import { callCost, countryOfNumber, parseVoicePrices } from './pricing';

const prices = parseVoicePrices('DE:0.0120,GB:0.0100,*:0.0200', 'input:0.15,output:0.60', 60);

describe('voice call cost', () => {
  it('bills telephony per started minute at the destination price', () => {
    expect(callCost({ answered: true, durationSeconds: 61, country: 'DE', inputTokens: 0, outputTokens: 0 }, prices)).toEqual({ telephonyMicroUsd: 24_000, llmMicroUsd: 0, totalMicroUsd: 24_000, priced: true });
    expect(callCost({ answered: true, durationSeconds: 60, country: 'DE', inputTokens: 0, outputTokens: 0 }, prices).telephonyMicroUsd).toBe(12_000);
    expect(callCost({ answered: true, durationSeconds: 0.2, country: 'GB', inputTokens: 0, outputTokens: 0 }, prices).telephonyMicroUsd).toBe(10_000);
  });

  it('costs nothing for an unanswered call, and one increment for an answered call of under a second', () => {
    expect(callCost({ answered: false, durationSeconds: 0, country: 'DE', inputTokens: 0, outputTokens: 0 }, prices).totalMicroUsd).toBe(0);
    expect(callCost({ answered: true, durationSeconds: 0, country: 'DE', inputTokens: 0, outputTokens: 0 }, prices).telephonyMicroUsd).toBe(12_000);
  });

  it('falls back to * and reports an unpriced country when there is no fallback', () => {
    expect(callCost({ answered: true, durationSeconds: 30, country: 'JP', inputTokens: 0, outputTokens: 0 }, prices).telephonyMicroUsd).toBe(20_000);
    const noFallback = parseVoicePrices('DE:0.0120', 'input:0,output:0', 60);
    expect(callCost({ answered: true, durationSeconds: 30, country: 'JP', inputTokens: 0, outputTokens: 0 }, noFallback)).toMatchObject({ telephonyMicroUsd: 0, priced: false });
  });

  it('adds LLM tokens per million, rounded up to a whole micro-USD', () => {
    // 12 345 input × 0.15 + 2 000 output × 0.60 per million = 1 851.75 + 1 200 micro-USD
    const cost = callCost({ answered: true, durationSeconds: 90, country: 'DE', inputTokens: 12_345, outputTokens: 2_000 }, prices);
    expect(cost.llmMicroUsd).toBe(3_052);
    expect(cost.totalMicroUsd).toBe(24_000 + 3_052);
  });

  it('bills per second with a 1-second increment', () => {
    const perSecond = parseVoicePrices('DE:0.0120', 'input:0,output:0', 1);
    expect(callCost({ answered: true, durationSeconds: 45, country: 'DE', inputTokens: 0, outputTokens: 0 }, perSecond).telephonyMicroUsd).toBe(9_000);
  });

  it('refuses malformed tables', () => {
    expect(() => parseVoicePrices('DE=0.01', 'input:0,output:0', 60)).toThrow(/VOICE_PRICE_TABLE/);
    expect(() => parseVoicePrices('DE:0.01', 'in:1', 60)).toThrow(/VOICE_LLM_PRICE/);
    expect(() => parseVoicePrices('DE:0.01', 'input:0,output:0', 0)).toThrow(/increment/);
  });

  it('finds the country of a number by its calling code', () => {
    expect(countryOfNumber('+4915112345678')).toBe('DE');
    expect(countryOfNumber('+35312345678')).toBe('IE');
    expect(countryOfNumber('+34612345678')).toBe('ES');
    expect(countryOfNumber('+81312345678')).toBeUndefined();
  });
});
