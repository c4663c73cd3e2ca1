import { evaluate } from './engine/evaluate';
import type { Channel, ContactContext } from './engine/types';
import type { ChannelGateFacts } from '@settle/contracts';

/** What a channel (sms, email, voice) does with a command at the real send moment. */
export type GateVerdict =
  | { outcome: 'allow'; ruleIds: string[] }
  | { outcome: 'block'; ruleIds: string[]; reasons: string[] }
  | { outcome: 'defer'; ruleIds: string[]; reasons: string[]; until: Date };

/** What the channel itself knows and the scheduler may not have known when it decided. */
export interface ChannelKnowledge {
  /** The debtor opted out through this channel (STOP reply, unsubscribe). */
  optedOut: boolean;
  /** Why, for the block's reason. */
  optOutRule: string;
  optOutReason: string;
}

/**
 * The last-moment re-check: the compliance engine asked again with the facts the scheduler's
 * gate saw (carried by the command) at the moment the channel is about to call its provider —
 * a command that waited in a queue past 21:00 local time is deferred, not sent. Without facts (an
 * older producer, a text the debtor asked for mid-call) only what the channel knows applies.
 */
export function lastMomentGate(channel: Channel, at: Date, debtId: string, facts: ChannelGateFacts | undefined, known: ChannelKnowledge): GateVerdict {
  if (!facts) {
    return known.optedOut ? { outcome: 'block', ruleIds: [known.optOutRule], reasons: [known.optOutReason] } : { outcome: 'allow', ruleIds: [] };
  }
  const optedOut = new Set<Channel>(facts.optedOut);
  if (known.optedOut) optedOut.add(channel);
  const context: ContactContext = {
    channel,
    at,
    debtor: { jurisdiction: facts.jurisdiction, timeZones: facts.timeZones, optedOut: [...optedOut], ...(facts.consents ? { consents: facts.consents } : {}) },
    holds: facts.holds.map((h) => ({ kind: h.kind, ...(h.since ? { since: new Date(h.since) } : {}), ...(h.until ? { until: new Date(h.until) } : {}) })),
    history: facts.history.map((e) => ({ channel: e.channel, at: new Date(e.at), kind: e.kind, debtId: e.debtId ?? debtId })),
    debtId,
  };
  const decision = evaluate(context);
  if (decision.outcome === 'allow') return { outcome: 'allow', ruleIds: decision.ruleIds };
  const ruleIds = known.optedOut && !facts.optedOut.includes(channel) ? [...new Set([...decision.ruleIds, known.optOutRule])] : decision.ruleIds;
  if (decision.outcome === 'defer') return { outcome: 'defer', ruleIds, reasons: decision.reasons, until: decision.until };
  return { outcome: 'block', ruleIds, reasons: decision.reasons };
}
