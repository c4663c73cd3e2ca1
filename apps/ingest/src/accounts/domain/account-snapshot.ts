import type { ContactChannel, ContactProfile, HoldKind, InstalmentRef } from '@settle/contracts';

/**
 * Settle's own snapshot of one lender account, folded from the normalised account events (the
 * same events the scheduler consumes). Pure: no I/O, the event is the only input.
 */
export type AccountStatus = 'current' | 'in_arrears' | 'closed' | 'written_off';

export const PREFERENCE_CHANNELS = ['sms', 'email', 'voice'] as const;
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];

export interface AccountState {
  currency: string | null;
  /** Instalments reported missed and not yet covered by a settling payment. */
  overdue: InstalmentRef[];
  /** Paid towards the overdue instalments since they fell overdue (partial payments). */
  overduePaidMinor: number;
  /** Everything the lender reported paid on the account. */
  paidMinor: number;
  lastPaymentAt: string | null;
  openDisputes: string[];
  holds: { kind: HoldKind; until: string | null; since: string }[];
}

export interface AccountSnapshot {
  tenantId: string;
  accountId: string;
  externalRef: string;
  contact: ContactProfile | null;
  optedOut: ContactChannel[];
  status: AccountStatus;
  state: AccountState;
  lastEventId: string;
  lastEventType: string;
  eventsApplied: number;
  createdAt: string;
  updatedAt: string;
}

/** The part of a normalised account event the snapshot reads. */
export interface AccountEventLike {
  id: string;
  type: string;
  tenantId: string;
  accountId: string;
  occurredAt: string;
  data: { externalAccountRef: string } & Record<string, unknown>;
}

const EMPTY_STATE: AccountState = { currency: null, overdue: [], overduePaidMinor: 0, paidMinor: 0, lastPaymentAt: null, openDisputes: [], holds: [] };

/** The snapshot after one event; an event of another account or a type it does not know leaves it as it was. */
export function applyAccountEvent(before: AccountSnapshot | undefined, event: AccountEventLike, at: Date): AccountSnapshot {
  if (before && (before.tenantId !== event.tenantId || before.accountId !== event.accountId)) return before;
  const base: AccountSnapshot = before ?? {
    tenantId: event.tenantId,
    accountId: event.accountId,
    externalRef: event.data.externalAccountRef,
    contact: null,
    optedOut: [],
    status: 'current',
    state: EMPTY_STATE,
    lastEventId: event.id,
    lastEventType: event.type,
    eventsApplied: 0,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
  const next: AccountSnapshot = { ...base, state: { ...base.state }, lastEventId: event.id, lastEventType: event.type, eventsApplied: base.eventsApplied + 1, updatedAt: at.toISOString() };
  const s = next.state;
  const d = event.data;
  switch (event.type) {
    case 'account.instalment_missed': {
      const instalment = d.instalment as InstalmentRef;
      next.contact = d.contact as ContactProfile;
      if (!s.overdue.some((i) => i.orderRef === instalment.orderRef && i.instalmentNumber === instalment.instalmentNumber)) {
        s.overdue = [...s.overdue, instalment];
      }
      s.currency ??= instalment.amountDue.currency;
      if (!isClosed(next.status)) next.status = 'in_arrears';
      break;
    }
    case 'account.payment_received': {
      const amount = (d.amount as { amountMinor: number }).amountMinor;
      s.paidMinor += amount;
      s.lastPaymentAt = d.paidAt as string;
      if (d.settlesBalance === true) {
        s.overdue = [];
        s.overduePaidMinor = 0;
      } else if (s.overdue.length > 0) {
        s.overduePaidMinor += amount;
        if (s.overduePaidMinor >= sumOverdue(s)) {
          s.overdue = [];
          s.overduePaidMinor = 0;
        }
      }
      if (!isClosed(next.status)) next.status = s.overdue.length > 0 ? 'in_arrears' : 'current';
      break;
    }
    case 'account.dispute_opened':
      s.openDisputes = [...new Set([...s.openDisputes, d.disputeId as string])];
      break;
    case 'account.dispute_resolved':
      s.openDisputes = s.openDisputes.filter((x) => x !== d.disputeId);
      break;
    case 'account.updated': {
      if (d.contact) next.contact = d.contact as ContactProfile;
      const consent = d.consent as { optOut?: ContactChannel[]; optIn?: ContactChannel[] } | undefined;
      if (consent) next.optedOut = withConsent(next.optedOut, consent.optOut ?? [], consent.optIn ?? []);
      break;
    }
    case 'account.hardship_flagged':
      s.holds = [...s.holds.filter((h) => h.kind !== d.kind), { kind: d.kind as HoldKind, until: (d.until as string | undefined) ?? null, since: event.occurredAt }];
      break;
    case 'account.closed':
      next.status = d.kind === 'written_off' ? 'written_off' : 'closed';
      break;
    default:
      return before ?? next;
  }
  return next;
}

export function withConsent(current: readonly ContactChannel[], optOut: readonly ContactChannel[], optIn: readonly ContactChannel[]): ContactChannel[] {
  const set = new Set(current);
  for (const c of optOut) set.add(c);
  for (const c of optIn) set.delete(c);
  return [...set].sort();
}

/** What is overdue now, in minor units of the account currency. */
export function amountOverdueMinor(state: AccountState): number {
  return Math.max(0, sumOverdue(state) - state.overduePaidMinor);
}

/**
 * A new case starts with what the scheduler knows from the instalment event alone; an account
 * whose debtor had opted out of channels gets its standing opt-outs re-stated right after, so the
 * compliance gate of the new case honours them too. Returns the channels to re-state, if any.
 */
export function standingOptOutsToRestate(before: AccountSnapshot | undefined, eventType: string): ContactChannel[] {
  if (!before || eventType !== 'account.instalment_missed') return [];
  return before.optedOut;
}

function sumOverdue(state: AccountState): number {
  return state.overdue.reduce((sum, i) => sum + i.amountDue.amountMinor, 0);
}

function isClosed(status: AccountStatus): boolean {
  return status === 'closed' || status === 'written_off';
}
