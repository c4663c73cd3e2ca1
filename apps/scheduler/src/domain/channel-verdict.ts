import type { ContactContext } from '@settle/compliance';
import type { ChannelGateFacts } from '@settle/contracts';
import { CONTACTING_STATUSES, CaseChange, RecoveryCase, RecoveryCaseState } from './recovery-case';

/**
 * What a contact command carries so the channel can ask the compliance gate again at the real send
 * moment: everything the scheduler's gate saw, as data. The disclosures travel separately.
 */
export function channelGateFacts(context: ContactContext, decidedAt: Date): ChannelGateFacts {
  return {
    jurisdiction: context.debtor.jurisdiction,
    timeZones: context.debtor.timeZones,
    decidedAt: decidedAt.toISOString(),
    optedOut: context.debtor.optedOut,
    holds: context.holds.map((h) => ({ kind: h.kind, ...(h.since ? { since: h.since.toISOString() } : {}), ...(h.until ? { until: h.until.toISOString() } : {}) })),
    history: context.history.map((e) => ({ channel: e.channel, at: e.at.toISOString(), kind: e.kind, debtId: e.debtId })),
    ...(context.debtor.consents ? { consents: context.debtor.consents } : {}),
  };
}

/**
 * A channel's last-moment gate deferred a contact the scheduler had already dispatched: the case
 * goes back to that step, the following step (planned at dispatch) is dropped, and the step is
 * planned again at `until` — where the scheduler's gate is asked once more. Only while the case is
 * still where the dispatch left it; anything that moved it since (a payment, a hold) wins.
 */
export function channelDeferred(state: RecoveryCaseState, step: number, until: Date): CaseChange {
  const ignored = (why: string): CaseChange => ({ state, transitions: [], effects: [], ignored: why });
  if (!RecoveryCase.isOpen(state)) return ignored(`case is ${state.status}`);
  if (!CONTACTING_STATUSES.includes(state.status)) return ignored(`case is ${state.status}: no contact is planned`);
  if (state.nextStep !== step + 1) return ignored(`the case moved on since step ${step} was dispatched (next step ${state.nextStep})`);
  return {
    state: { ...state, nextStep: step },
    transitions: [],
    effects: [{ kind: 'cancel_pending_steps' }, { kind: 'schedule_step', step, dueAt: until }],
  };
}
