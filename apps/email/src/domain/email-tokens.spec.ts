import fc from 'fast-check';
import { TokenPurpose, TokenSubject, signToken, tokenStepId, verifyToken } from './email-tokens';

const SECRET = 'unit-test-signing-secret-0123456789abcdef';
const SUBJECT: TokenSubject = {
  stepId: '0195b7d0-1a2b-7c3d-8e4f-5a6b7c8d9e01',
  caseId: '0195b7d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
  tenantId: '7b0c2f4e-9d1a-4c3b-8e5f-112233445566',
  accountId: 'a1b2c3d4-e5f6-5a7b-8c9d-0e1f2a3b4c5d',
};
const PURPOSES: TokenPurpose[] = ['unsubscribe', 'open', 'click'];

describe('email tokens', () => {
  it('are 65 URL-safe characters that name their step', () => {
    for (const purpose of PURPOSES) {
      const token = signToken(SECRET, purpose, SUBJECT);
      expect(token).toMatch(/^[A-Za-z0-9_-]{65}$/);
      expect(tokenStepId(token)).toBe(SUBJECT.stepId);
      expect(verifyToken(SECRET, purpose, token, SUBJECT)).toBe(true);
    }
  });

  it('are deterministic per purpose and subject, and differ between purposes', () => {
    expect(signToken(SECRET, 'open', SUBJECT)).toBe(signToken(SECRET, 'open', SUBJECT));
    expect(new Set(PURPOSES.map((p) => signToken(SECRET, p, SUBJECT))).size).toBe(3);
  });

  it('do not verify for another purpose: an open-pixel token cannot unsubscribe', () => {
    expect(verifyToken(SECRET, 'unsubscribe', signToken(SECRET, 'open', SUBJECT), SUBJECT)).toBe(false);
    expect(verifyToken(SECRET, 'click', signToken(SECRET, 'unsubscribe', SUBJECT), SUBJECT)).toBe(false);
  });

  it('are bound to every id: step, case, tenant and account', () => {
    const token = signToken(SECRET, 'unsubscribe', SUBJECT);
    for (const field of ['stepId', 'caseId', 'tenantId', 'accountId'] as const) {
      expect(verifyToken(SECRET, 'unsubscribe', token, { ...SUBJECT, [field]: '00000000-0000-4000-8000-000000000000' })).toBe(false);
    }
  });

  it('do not verify under another secret', () => {
    expect(verifyToken('another-secret-of-sufficient-length-0000', 'open', signToken(SECRET, 'open', SUBJECT), SUBJECT)).toBe(false);
  });

  it('reject any single changed character, including non-canonical base64url', () => {
    const token = signToken(SECRET, 'click', SUBJECT);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: token.length - 1 }), fc.constantFrom(...alphabet), (i, ch) => {
        fc.pre(token[i] !== ch);
        const tampered = token.slice(0, i) + ch + token.slice(i + 1);
        expect(verifyToken(SECRET, 'click', tampered, SUBJECT)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('reject malformed input without throwing', () => {
    for (const bad of ['', 'abc', signToken(SECRET, 'open', SUBJECT) + 'x', '%'.repeat(65), 'a'.repeat(64) + '.', '../../etc/passwd']) {
      expect(tokenStepId(bad)).toBeUndefined();
      expect(verifyToken(SECRET, 'open', bad, SUBJECT)).toBe(false);
    }
  });

  it('treat upper- and lower-case ids alike (PostgreSQL returns lower case)', () => {
    const upper = { ...SUBJECT, stepId: SUBJECT.stepId.toUpperCase(), tenantId: SUBJECT.tenantId.toUpperCase() };
    expect(verifyToken(SECRET, 'open', signToken(SECRET, 'open', upper), SUBJECT)).toBe(true);
  });
});
