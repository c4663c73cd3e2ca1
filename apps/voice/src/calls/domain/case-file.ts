// What the human desk should do next, from the live signals and what the agent already did. Pure.

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
