import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Per-tenant API keys: `settle_sk_<key id: 32 hex>_<secret: 43 base64url chars>`.
 *
 * The key id is public (it is how a key is listed, revoked and looked up by primary key); the
 * secret carries 256 random bits. Only SHA-256 of the whole key is stored. A fast hash is right
 * here, unlike for passwords: with 256 bits of entropy there is nothing to guess, so a slow KDF
 * (bcrypt, scrypt) would only cost CPU on every request without making a leaked table any less
 * useless to an attacker. The hash comparison is constant-time all the same.
 */
export const API_KEY_PREFIX = 'settle_sk_';
const API_KEY = /^settle_sk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface IssuedApiKey {
  keyId: string;
  /** The full key: shown once, to whoever created it, and never stored or logged. */
  key: string;
  hash: Buffer;
}

export function issueApiKey(): IssuedApiKey {
  const keyId = randomUUID();
  const key = `${API_KEY_PREFIX}${keyId.replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`;
  return { keyId, key, hash: hashApiKey(key) };
}

/** The key id a presented key claims, or undefined when it is not shaped like a Settle key. */
export function parseApiKey(presented: string): { keyId: string } | undefined {
  const match = API_KEY.exec(presented);
  if (!match) return undefined;
  const hex = match[1];
  return { keyId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` };
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function apiKeyMatches(presented: string, storedHash: Buffer): boolean {
  const given = hashApiKey(presented);
  return storedHash.length === given.length && timingSafeEqual(given, storedHash);
}

/** The non-secret part, safe to show in listings and logs. */
export function apiKeyDisplayPrefix(keyId: string): string {
  return `${API_KEY_PREFIX}${keyId.replace(/-/g, '')}`;
}
