import { isEmail } from 'class-validator';
import { createHash } from 'node:crypto';

/** How an address is stored and looked up for suppression: SHA-256 of its trimmed, lower-cased form. */
export function addressHash(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
}

export type SuppressionReason = 'hard_bounce' | 'complaint';

/** The reason an email.blocked names for a suppressed address. */
export function suppressionReason(reason: SuppressionReason, detail: string | null): string {
  const what = reason === 'hard_bounce' ? 'the address hard-bounced' : 'the recipient marked an earlier email as spam';
  return detail ? `${what}: ${detail}` : what;
}

export const INVALID_ADDRESS_RULE = 'email.invalid_address';

/** Why a step cannot be sent to this address (not an e-mail address), or undefined; the reason never repeats the address. */
export function invalidAddressReason(to: string): string | undefined {
  return isEmail(to) ? undefined : 'the recipient is not an e-mail address';
}
