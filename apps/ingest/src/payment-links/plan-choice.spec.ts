import { RESTRUCTURING_KINDS } from '@settle/negotiation';
import { crossSiteSubmission, isRestructuringKind, planFailurePage, planIdempotencyKey } from './plan-choice';

const OWN = 'https://pay.settle.example';

describe('planIdempotencyKey', () => {
  it('is the same for the same link and kind, different for another kind or link', () => {
    expect(planIdempotencyKey('AbCdEf123456', 'term_extension')).toBe(planIdempotencyKey('AbCdEf123456', 'term_extension'));
    expect(planIdempotencyKey('AbCdEf123456', 'deferral')).not.toBe(planIdempotencyKey('AbCdEf123456', 'term_extension'));
    expect(planIdempotencyKey('AbCdEf123457', 'term_extension')).not.toBe(planIdempotencyKey('AbCdEf123456', 'term_extension'));
  });

  it('never carries the code (a credential), and fits the negotiation API (8–200 visible ASCII)', () => {
    for (const kind of RESTRUCTURING_KINDS) {
      const key = planIdempotencyKey('AbCdEf123456', kind);
      expect(key).not.toContain('AbCdEf123456');
      expect(key).toMatch(/^[\x21-\x7e]{8,200}$/);
    }
  });
});

describe('isRestructuringKind', () => {
  it.each([...RESTRUCTURING_KINDS])('accepts %s', (kind) => expect(isRestructuringKind(kind)).toBe(true));
  it.each(['', 'Deferral', 'constructor', '__proto__', 'term_extension ', 'toString'])('refuses %j', (kind) => expect(isRestructuringKind(kind)).toBe(false));
});

describe('planFailurePage', () => {
  it.each([
    [422, 'not-offered', 'review'],
    [503, 'lender-unavailable', 'lenderDown'],
    [503, 'negotiation-unavailable', 'unavailable'],
    [504, 'negotiation-timeout', 'unavailable'],
    [504, 'lender-timeout', 'unavailable'],
    [502, 'lender-error', 'unavailable'],
    [404, 'account-not-found', 'unavailable'],
    [422, 'unprocessable', 'unavailable'],
    [500, 'internal', 'unavailable'],
  ] as const)('%i %s → %s', (status, type, page) => expect(planFailurePage(status, type)).toBe(page));
});

describe('crossSiteSubmission', () => {
  it.each([
    [{ secFetchSite: 'same-origin' }, false],
    [{ secFetchSite: 'none' }, false],
    [{ secFetchSite: 'same-origin', origin: 'null' }, false],
    [{ secFetchSite: 'cross-site' }, true],
    [{ secFetchSite: 'same-site' }, true],
    [{ secFetchSite: 'cross-site', origin: OWN }, true],
    [{ origin: OWN }, false],
    [{ origin: 'null' }, false],
    [{}, false],
    [{ origin: 'https://attacker.example' }, true],
    [{ origin: 'https://pay.settle.example.attacker.example' }, true],
  ])('%j → %s', (headers, crossSite) => expect(crossSiteSubmission(headers, OWN)).toBe(crossSite));
});
