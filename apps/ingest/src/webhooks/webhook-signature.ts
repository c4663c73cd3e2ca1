import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Lender webhooks are signed like Stripe's: `Settle-Signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, `${t}.${raw body}`). The timestamp is inside the MAC, so a captured
 * request cannot be replayed outside the tolerance window.
 */
export const SIGNATURE_HEADER = 'settle-signature';
export const TENANT_HEADER = 'settle-tenant-id';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function signPayload(secret: string, timestampSeconds: number, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

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
    const expected = Buffer.from(signPayload(secret, Number(t), rawBody).split('v1=')[1], 'hex');
    for (const mac of macs) {
      const given = /^[0-9a-f]{64}$/i.test(mac) ? Buffer.from(mac, 'hex') : Buffer.alloc(0);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
    }
  }
  return { ok: false, code: 'bad_signature', detail: 'The signature does not match the body with any current secret.' };
}
