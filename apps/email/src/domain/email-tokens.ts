import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token may be used for: an open-pixel token cannot unsubscribe anyone. */
export type TokenPurpose = 'unsubscribe' | 'open' | 'click';

/** The ids a token is bound to: one workflow step of one case of one tenant's account. */
export interface TokenSubject {
  stepId: string;
  caseId: string;
  tenantId: string;
  accountId: string;
}

const STEP_CHARS = 22; // 16 bytes of UUID in base64url
const TOKEN = /^[A-Za-z0-9_-]{65}$/;

/**
 * `<step id><HMAC-SHA256>`, both base64url (65 characters, URL-safe). The step id names the
 * delivery row to check against; the MAC covers the purpose and every id of that row, so a token
 * cannot be forged, moved to another step, or reused for another purpose.
 */
export function signToken(secret: string, purpose: TokenPurpose, subject: TokenSubject): string {
  const step = Buffer.from(subject.stepId.replace(/-/g, ''), 'hex').toString('base64url');
  const message = ['settle-email-token:v1', purpose, subject.stepId, subject.caseId, subject.tenantId, subject.accountId].map((s) => s.toLowerCase()).join('\n');
  return step + createHmac('sha256', secret).update(message).digest('base64url');
}

/** The step id a well-formed token names (not yet verified), or undefined. */
export function tokenStepId(token: string): string | undefined {
  if (!TOKEN.test(token)) return undefined;
  const hex = Buffer.from(token.slice(0, STEP_CHARS), 'base64url').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Constant-time comparison with the one canonical token for this purpose and subject. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string, subject: TokenSubject): boolean {
  const expected = Buffer.from(signToken(secret, purpose, subject));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
