import { createHmac } from 'node:crypto';

/**
 * The one signing algorithm of Settle webhooks, in both directions (lender → Settle and Settle →
 * lender): `Settle-Signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, `${t}.${raw body}`). The timestamp is inside the MAC, so a captured
 * request cannot be replayed outside the receiver's tolerance window.
 */
export const SIGNATURE_HEADER = 'settle-signature';
export const TENANT_HEADER = 'settle-tenant-id';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The `Settle-Signature` header value for `rawBody` signed with `secret` at `timestampSeconds`. */
export function signPayload(secret: string, timestampSeconds: number, rawBody: Buffer | string): string {
  return `t=${timestampSeconds},v1=${signatureMac(secret, timestampSeconds, rawBody)}`;
}

/** The hex HMAC-SHA256 of `${t}.${raw body}`: what `v1=` carries. */
export function signatureMac(secret: string, timestampSeconds: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex');
}

/**
 * Headers a lender sends with one event: the body is signed exactly as it will be sent, so pass
 * the same string as the request body.
 */
export function signedWebhookHeaders(
  options: { tenantId: string; secret: string; rawBody: string; idempotencyKey: string; now?: Date },
): Record<string, string> {
  const t = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return {
    'content-type': 'application/json',
    [TENANT_HEADER]: options.tenantId,
    [IDEMPOTENCY_HEADER]: options.idempotencyKey,
    [SIGNATURE_HEADER]: signPayload(options.secret, t, options.rawBody),
  };
}
