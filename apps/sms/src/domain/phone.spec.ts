import { createHash } from 'node:crypto';
import { countryOf, invalidNumberReason, phoneHash } from './phone';

describe('countryOf', () => {
  it.each([
    ['+4915112345678', 'DE'],
    ['+447700900123', 'GB'],
    ['+12025550143', 'US'],
    ['+14165550143', 'US'], // Toronto: the North American plan is taken as US
    ['+33612345678', 'FR'],
    ['+34612345678', 'ES'],
    ['+393471234567', 'IT'],
    ['+31612345678', 'NL'],
    ['+46701234567', 'SE'],
    ['+48601234567', 'PL'],
    ['+351912345678', 'PT'], // longest code first: 351, not 35…
    ['+353861234567', 'IE'],
    ['+358401234567', 'FI'],
    ['+4520123456', 'DK'],
    ['+436641234567', 'AT'],
    ['+41791234567', 'CH'],
    ['+420601123456', 'CZ'],
    ['+97150123456', 'AE'],
  ])('%s → %s', (e164, country) => {
    expect(countryOf(e164)).toBe(country);
  });

  it.each(['+8861234567', '+2341234567', '4915112345678', '+49', 'not a number', ''])('%j → unknown', (e164) => {
    expect(countryOf(e164)).toBeUndefined();
  });
});

describe('phoneHash', () => {
  it('is the SHA-256 hex of the E.164 number, never the number', () => {
    const hash = phoneHash('+4915112345678');
    expect(hash).toBe(createHash('sha256').update('+4915112345678').digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('15112345678');
    expect(phoneHash('+4915112345679')).not.toBe(hash);
  });
});

describe('invalidNumberReason', () => {
  it('accepts E.164 and names what is wrong with anything else, without repeating the number', () => {
    for (const ok of ['+4915112345678', '+15550100123', '+4930120000']) expect(invalidNumberReason(ok)).toBeUndefined();
    for (const bad of ['015112345678', '+49 151 1234 5678', '+0151123456', '+49151', '+4915112345678901', 'Anna', '']) {
      const reason = invalidNumberReason(bad);
      expect(reason).toMatch(/not an E\.164 phone number/);
      if (bad) expect(reason).not.toContain(bad);
    }
  });
});
