import { AccountEventLike, AccountSnapshot, amountOverdueMinor, applyAccountEvent, standingOptOutsToRestate, withConsent } from './account-snapshot';

const T = '0b7c2f9e-1f7a-4c1e-9d55-6b1f3c1e2a10';
const A = '7d3c5a10-2b1f-5e2a-8c7d-1a2b3c4d5e6f';
const AT = new Date('2026-03-02T10:00:00Z');
let n = 0;

function event(type: string, data: Record<string, unknown>, account = A): AccountEventLike {
  n += 1;
  return { id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, type, tenantId: T, accountId: account, occurredAt: AT.toISOString(), data: { externalAccountRef: 'acc-1', lenderEventId: `e-${n}`, ...data } };
}

const contact = { phone: '+4915112345678', language: 'de', timeZone: 'Europe/Berlin', country: 'DE' };
const instalment = (number: number, amountMinor = 4250) => ({
  orderRef: 'ORD-1', merchantName: 'Nordic Bikes', instalmentNumber: number, instalmentsTotal: 4, amountDue: { amountMinor, currency: 'EUR' }, dueDate: '2026-03-01', daysPastDue: 1,
});

function fold(...events: AccountEventLike[]): AccountSnapshot {
  return events.reduce<AccountSnapshot | undefined>((s, e) => applyAccountEvent(s, e, AT), undefined)!;
}

describe('the account snapshot', () => {
  it('starts from the first event: the lender reference, the contact, the overdue instalment, in arrears', () => {
    const s = fold(event('account.instalment_missed', { contact, instalment: instalment(2) }));
    expect(s).toMatchObject({ tenantId: T, accountId: A, externalRef: 'acc-1', contact, status: 'in_arrears', optedOut: [], eventsApplied: 1 });
    expect(s.state.currency).toBe('EUR');
    expect(amountOverdueMinor(s.state)).toBe(4250);
  });

  it('adds a second missed instalment once, however often it is reported', () => {
    const s = fold(
      event('account.instalment_missed', { contact, instalment: instalment(2) }),
      event('account.instalment_missed', { contact, instalment: instalment(3, 1000) }),
      event('account.instalment_missed', { contact, instalment: instalment(3, 1000) }),
    );
    expect(s.state.overdue.map((i) => i.instalmentNumber)).toEqual([2, 3]);
    expect(amountOverdueMinor(s.state)).toBe(5250);
  });

  it('a partial payment lowers what is overdue; payments covering it make the account current', () => {
    const missed = event('account.instalment_missed', { contact, instalment: instalment(2) });
    const partial = fold(missed, event('account.payment_received', { amount: { amountMinor: 2000, currency: 'EUR' }, paidAt: '2026-03-03T10:00:00Z', settlesBalance: false }));
    expect(amountOverdueMinor(partial.state)).toBe(2250);
    expect(partial.status).toBe('in_arrears');
    expect(partial.state.paidMinor).toBe(2000);
    const rest = applyAccountEvent(partial, event('account.payment_received', { amount: { amountMinor: 2250, currency: 'EUR' }, paidAt: '2026-03-04T10:00:00Z', settlesBalance: false }), AT);
    expect(rest.status).toBe('current');
    expect(amountOverdueMinor(rest.state)).toBe(0);
    expect(rest.state).toMatchObject({ overdue: [], paidMinor: 4250, lastPaymentAt: '2026-03-04T10:00:00Z' });
  });

  it('a payment the lender says settles the balance clears what is overdue whatever its amount', () => {
    const s = fold(
      event('account.instalment_missed', { contact, instalment: instalment(2) }),
      event('account.payment_received', { amount: { amountMinor: 100, currency: 'EUR' }, paidAt: '2026-03-03T10:00:00Z', settlesBalance: true }),
    );
    expect(s.status).toBe('current');
    expect(amountOverdueMinor(s.state)).toBe(0);
  });

  it('tracks open disputes and holds', () => {
    const s = fold(
      event('account.instalment_missed', { contact, instalment: instalment(2) }),
      event('account.dispute_opened', { disputeId: 'd-1' }),
      event('account.dispute_opened', { disputeId: 'd-2' }),
      event('account.dispute_resolved', { disputeId: 'd-1', outcome: 'rejected' }),
      event('account.hardship_flagged', { kind: 'breathing_space', until: '2026-05-01' }),
    );
    expect(s.state.openDisputes).toEqual(['d-2']);
    expect(s.state.holds).toEqual([{ kind: 'breathing_space', until: '2026-05-01', since: AT.toISOString() }]);
  });

  it('applies consent changes and a new contact profile from account.updated', () => {
    const moved = { ...contact, timeZone: 'Europe/Vienna', country: 'AT' };
    const s = fold(
      event('account.instalment_missed', { contact, instalment: instalment(2) }),
      event('account.updated', { consent: { optOut: ['sms', 'voice'] } }),
      event('account.updated', { contact: moved, consent: { optIn: ['voice'] } }),
    );
    expect(s.optedOut).toEqual(['sms']);
    expect(s.contact).toEqual(moved);
  });

  it('closed or written off stays so, even when a later payment arrives', () => {
    const s = fold(
      event('account.instalment_missed', { contact, instalment: instalment(2) }),
      event('account.closed', { kind: 'written_off' }),
      event('account.payment_received', { amount: { amountMinor: 4250, currency: 'EUR' }, paidAt: '2026-03-03T10:00:00Z', settlesBalance: true }),
    );
    expect(s.status).toBe('written_off');
    expect(s.state.paidMinor).toBe(4250);
  });

  it("ignores another account's event and types it does not know", () => {
    const s = fold(event('account.instalment_missed', { contact, instalment: instalment(2) }));
    expect(applyAccountEvent(s, event('account.closed', { kind: 'closed' }, '11111111-2222-5333-8444-555555555555'), AT)).toBe(s);
    expect(applyAccountEvent(s, event('account.something_new', {}), AT)).toBe(s);
  });

  it('re-states standing opt-outs when a new instalment is missed, and only then', () => {
    const s = fold(event('account.instalment_missed', { contact, instalment: instalment(2) }), event('account.updated', { consent: { optOut: ['email', 'sms'] } }));
    expect(standingOptOutsToRestate(s, 'account.instalment_missed')).toEqual(['email', 'sms']);
    expect(standingOptOutsToRestate(s, 'account.payment_received')).toEqual([]);
    expect(standingOptOutsToRestate(undefined, 'account.instalment_missed')).toEqual([]);
  });

  it('withConsent: opt-in wins over an opt-out of the same change, result sorted and unique', () => {
    expect(withConsent(['voice'], ['sms', 'sms', 'email'], ['email'])).toEqual(['sms', 'voice']);
  });
});
