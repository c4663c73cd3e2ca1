import { RESTRUCTURING_KINDS, RestructuringKind } from '@settle/negotiation';
import { createHash } from 'node:crypto';

/** The page a failed plans request shows the debtor. */
export type PlanFailurePage = 'review' | 'lenderDown' | 'unavailable';

export function isRestructuringKind(value: string): value is RestructuringKind {
  return (RESTRUCTURING_KINDS as readonly string[]).includes(value);
}

/**
 * The Idempotency-Key of a plan chosen on a link's plans page: the same link and kind always agree
 * once (a double tap, a reload that resubmits, two tabs). The code is a credential, so the key
 * carries its hash, never the code itself.
 */
export function planIdempotencyKey(code: string, kind: RestructuringKind): string {
  return `paylink-${createHash('sha256').update(code).digest('hex').slice(0, 40)}-${kind}`;
}

/**
 * What the debtor is told when the negotiation service does not agree or answer:
 * 422 (not offered: a person was asked to review, GDPR Art. 22) → review;
 * 503 lender-unavailable (the lender's platform is failing) → try again later;
 * anything else (the negotiation service unreachable or slow, the lender slow or unsure of the
 * account) → plans are not available now, pay now instead.
 */
export function planFailurePage(status: number, type: string): PlanFailurePage {
  if (status === 422 && type === 'not-offered') return 'review';
  if (status === 503 && type === 'lender-unavailable') return 'lenderDown';
  return 'unavailable';
}

/**
 * Whether a form POST came from another site. The plans page sets no cookie, so there is no ambient
 * credential a cross-site form could ride on (SameSite has nothing to protect): the link code in
 * the URL is the credential. Still, a choice is a contract, so a POST the browser marks as
 * cross-site (Sec-Fetch-Site) or whose Origin is another site is refused. The pages send
 * `Referrer-Policy: no-referrer`, under which browsers send `Origin: null` on a same-origin form
 * POST: null and absent origins are left to Sec-Fetch-Site, and to the code.
 */
export function crossSiteSubmission(headers: { secFetchSite?: string; origin?: string }, ownOrigin: string): boolean {
  const site = headers.secFetchSite?.toLowerCase();
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = headers.origin;
  if (!origin || origin === 'null') return false;
  return origin !== ownOrigin;
}
