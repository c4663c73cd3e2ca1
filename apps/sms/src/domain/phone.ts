import { E164 } from '@settle/contracts';
import { createHash } from 'node:crypto';

/** How a phone number is stored and looked up: SHA-256 of the E.164 form, never the number itself. */
export function phoneHash(e164: string): string {
  return createHash('sha256').update(e164).digest('hex');
}

/**
 * Calling code → ISO 3166 country, for pricing and jurisdiction. Small on purpose: the countries
 * Settle sends to and their neighbours. +1 is the whole North American plan (US, Canada, much of the
 * Caribbean), taken as US: the stricter rules and a close price.
 */
const CALLING_CODES: Record<string, string> = {
  '1': 'US', '27': 'ZA', '30': 'GR', '31': 'NL', '32': 'BE', '33': 'FR', '34': 'ES', '351': 'PT', '352': 'LU', '353': 'IE',
  '354': 'IS', '356': 'MT', '357': 'CY', '358': 'FI', '359': 'BG', '36': 'HU', '370': 'LT', '371': 'LV', '372': 'EE',
  '385': 'HR', '386': 'SI', '39': 'IT', '40': 'RO', '41': 'CH', '420': 'CZ', '421': 'SK', '423': 'LI', '43': 'AT',
  '44': 'GB', '45': 'DK', '46': 'SE', '47': 'NO', '48': 'PL', '49': 'DE', '52': 'MX', '55': 'BR', '61': 'AU', '64': 'NZ',
  '65': 'SG', '81': 'JP', '91': 'IN', '971': 'AE',
};

/** The country of an E.164 number by its longest known calling code; undefined when none is known. */
export function countryOf(e164: string): string | undefined {
  const digits = /^\+(\d{7,15})$/.exec(e164)?.[1];
  if (!digits) return undefined;
  for (let length = 3; length >= 1; length--) {
    const country = CALLING_CODES[digits.slice(0, length)];
    if (country) return country;
  }
  return undefined;
}

export const INVALID_NUMBER_RULE = 'sms.invalid_number';

/** Why a step cannot be sent to this number (not E.164), or undefined; the reason never repeats the number. */
export function invalidNumberReason(to: string): string | undefined {
  return E164.test(to) ? undefined : 'the number is not an E.164 phone number (+, country code and 7–15 digits in all)';
}
