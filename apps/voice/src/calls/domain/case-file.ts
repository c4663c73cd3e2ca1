// The case file's words for the human desk: why the money is owed, and what to do next from the
// live signals and what the agent already did. Pure.
import type { VoiceRequestedV1 } from '@settle/contracts';

/** One line: each overdue instalment (order, number, amount, due date), or the command's headline facts. */
export function whyOwed(c: Pick<VoiceRequestedV1, 'merchantName' | 'orderRef' | 'dueDate' | 'amountDue' | 'overdue'>): string {
  const money = (m: { amountMinor: number; currency: string }) => `${(m.amountMinor / 100).toFixed(2)} ${m.currency}`;
  if (c.overdue?.length) {
    const parts = c.overdue.map((i) => `instalment ${i.instalmentNumber} of order ${i.orderRef} at ${i.merchantName}, ${money(i.amountDue)} due ${i.dueDate}`);
    return `missed: ${parts.join('; ')}`.slice(0, 1000);
  }
  return `a payment of ${money(c.amountDue)} to ${c.merchantName}${c.orderRef ? ` (order ${c.orderRef})` : ''} due ${c.dueDate} was missed`;
}

const BY_CUE: [string, string][] = [
  ['bereavement', 'offer condolences, pause all contact for 30 days and ask who is handling the estate'],
  ['vulnerability', 'slow down, check understanding, and route to the specialist support team; no payment requests today'],
  ['hardship', 'review affordability and offer forbearance: a payment holiday or reduced instalments'],
  ['dispute', 'record the dispute details, pause collection and check the charge with the merchant'],
  ['third_party', 'confirm authority (power of attorney or consent) before discussing the account'],
  ['abuse', 'end politely if the abuse continues; note the call and do not call again this week'],
  ['bot', 'ask to speak with the account holder in person; do not negotiate with an automated agent'],
];

export function suggestNextStep(cues: readonly string[], toolsUsed: readonly string[]): string {
  for (const [cue, step] of BY_CUE) if (cues.includes(cue)) return step;
  if (toolsUsed.includes('flag_hardship')) return BY_CUE[2][1];
  if (toolsUsed.includes('open_dispute')) return BY_CUE[3][1];
  if (toolsUsed.includes('propose_plan')) return 'pick up the plan proposed on the call and agree it within the tenant limits';
  return 'confirm identity, then agree on a payment date or a plan';
}
