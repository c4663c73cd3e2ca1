import { timingSafeEqual } from 'node:crypto';
import { signatureMac } from '@settle/client-sdk';

/**
 * Lender webhooks are signed like Stripe's: `Settle-Signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, `${t}.${raw body}`). The timestamp is inside the MAC, so a captured
 * request cannot be replayed outside the tolerance window. The algorithm itself lives once, in the
 * client SDK that lenders use to sign (libs/client-sdk/src/signing.ts); this file verifies.
 */
export { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TENANT_HEADER, signPayload } from '@settle/client-sdk';

export type SignatureCheck =
  | { ok: true }
  | { ok: false; code: 'missing_signature' | 'malformed_signature' | 'stale_timestamp' | 'future_timestamp' | 'bad_signature'; detail: string };

export function verifySignature(
  header: string | undefined,
  rawBody: Buffer,
  secrets: string[],
  now: Date,
  toleranceSeconds: number,
): SignatureCheck {
  if (!header) return { ok: false, code: 'missing_signature', detail: 'The Settle-Signature header is missing.' };
  const parts = new Map<string, string[]>();
  for (const piece of header.split(',')) {
    const [k, v] = piece.trim().split('=', 2);
    if (k && v) parts.set(k, [...(parts.get(k) ?? []), v]);
  }
  const t = parts.get('t')?.[0];
  const macs = parts.get('v1') ?? [];
  if (!t || !/^\d{1,12}$/.test(t) || macs.length === 0) {
    return { ok: false, code: 'malformed_signature', detail: 'Settle-Signature must look like t=<unix seconds>,v1=<hex HMAC>.' };
  }
  const skew = Math.floor(now.getTime() / 1000) - Number(t);
  if (skew > toleranceSeconds) {
    return { ok: false, code: 'stale_timestamp', detail: `The signed timestamp is ${skew} s old; the limit is ${toleranceSeconds} s.` };
  }
  if (-skew > toleranceSeconds) {
    return { ok: false, code: 'future_timestamp', detail: `The signed timestamp is ${-skew} s in the future; the limit is ${toleranceSeconds} s.` };
  }
  for (const secret of secrets) {
    const expected = Buffer.from(signatureMac(secret, Number(t), rawBody), 'hex');
    for (const mac of macs) {
      const given = /^[0-9a-f]{64}$/i.test(mac) ? Buffer.from(mac, 'hex') : Buffer.alloc(0);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
    }
  }
  return { ok: false, code: 'bad_signature', detail: 'The signature does not match the body with any current secret.' };
}
