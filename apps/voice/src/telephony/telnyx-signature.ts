import { KeyObject, createPublicKey, verify } from 'node:crypto';

// Telnyx signs every webhook with Ed25519 over `${telnyx-timestamp}|${raw body}` and sends the
// base64 signature in `telnyx-signature-ed25519`. The official Node SDK's helper does not check
// this scheme with a replay window, so Settle verifies with node:crypto (no extra dependency).

export const TELNYX_SIGNATURE_HEADER = 'telnyx-signature-ed25519';
export const TELNYX_TIMESTAMP_HEADER = 'telnyx-timestamp';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * The portal shows the webhook public key as base64 of the 32 raw bytes; a base64 DER
 * (SubjectPublicKeyInfo, 44 bytes) or a PEM block is accepted as well.
 */
export function parseTelnyxPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return assertEd25519(createPublicKey(trimmed));
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length === 32) return assertEd25519(createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, bytes]), format: 'der', type: 'spki' }));
  if (bytes.length === 44) return assertEd25519(createPublicKey({ key: bytes, format: 'der', type: 'spki' }));
  throw new Error(`TELNYX_PUBLIC_KEY must be base64 of a 32-byte Ed25519 key or its 44-byte DER, got ${bytes.length} bytes`);
}

function assertEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`TELNYX_PUBLIC_KEY is a ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'missing_headers' | 'malformed_timestamp' | 'stale_timestamp' | 'future_timestamp' | 'malformed_signature' | 'bad_signature' };

/**
 * Checks one webhook. The timestamp must lie within `toleranceSeconds` of now, both ways (a
 * replayed old webhook and a clock far ahead are refused alike). Ed25519 verification itself
 * takes the same time for any wrong signature, and every failure answers the same to the caller.
 */
export function verifyTelnyxSignature(input: {
  rawBody: Buffer | string;
  signature: string | undefined;
  timestamp: string | undefined;
  publicKey: KeyObject;
  now: Date;
  toleranceSeconds: number;
}): SignatureCheck {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed_timestamp' };
  const seconds = Number(timestamp);
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  if (seconds < nowSeconds - input.toleranceSeconds) return { ok: false, reason: 'stale_timestamp' };
  if (seconds > nowSeconds + input.toleranceSeconds) return { ok: false, reason: 'future_timestamp' };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return { ok: false, reason: 'malformed_signature' };
  const sig = Buffer.from(signature, 'base64');
  if (sig.length !== 64) return { ok: false, reason: 'malformed_signature' };
  const message = Buffer.concat([Buffer.from(`${timestamp}|`), Buffer.isBuffer(input.rawBody) ? input.rawBody : Buffer.from(input.rawBody)]);
  let valid: boolean;
  try {
    valid = verify(null, message, input.publicKey, sig);
  } catch {
    valid = false;
  }
  return valid ? { ok: true, timestamp: seconds } : { ok: false, reason: 'bad_signature' };
}
