import { v5 as uuidv5 } from 'uuid';

const ACCOUNT_NAMESPACE = '3f0b7b64-5c1e-4e4a-9a47-6f0c2b1d8e11';

/**
 * Settle's account id is derived, not looked up: the same tenant and lender reference always give
 * the same UUID, on any replica, with no table to consult, and the key never carries the raw reference.
 */
export function accountIdFor(tenantId: string, externalAccountRef: string): string {
  return uuidv5(`${tenantId}:${externalAccountRef}`, ACCOUNT_NAMESPACE);
}
