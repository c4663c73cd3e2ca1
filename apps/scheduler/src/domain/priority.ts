/**
 * A transparent priority per case: a weighted sum of plain facts, returned with each fact's
 * contribution so anyone can see why one account is worked before another.
 */
export interface PriorityInputs {
  daysPastDue: number;
  balanceMinor: number;
  instalmentsPaid: number;
  promisesKept: number;
  promisesBroken: number;
  /** Replies, clicks or answered calls so far, per channel. */
  responsesByChannel: Partial<Record<'sms' | 'email' | 'voice', number>>;
}

export interface PriorityWeights {
  daysPastDue: number;
  /** Per 10 000 minor units (100 EUR). */
  balance: number;
  instalmentsPaid: number;
  promisesKept: number;
  promisesBroken: number;
  responses: number;
}

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  daysPastDue: 1.5,
  balance: 10,
  instalmentsPaid: 4,
  promisesKept: 6,
  promisesBroken: -8,
  responses: 3,
};

export interface PriorityScore {
  score: number;
  contributions: Record<keyof PriorityWeights, number>;
  inputs: PriorityInputs;
}

export function priorityScore(inputs: PriorityInputs, weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS): PriorityScore {
  // Early days matter most: the first weeks past due recover best, later days add less.
  const days = Math.min(inputs.daysPastDue, 90);
  const responses = Object.values(inputs.responsesByChannel).reduce((s, n) => s + (n ?? 0), 0);
  const contributions = {
    daysPastDue: round(weights.daysPastDue * Math.sqrt(days)),
    balance: round(weights.balance * (inputs.balanceMinor / 10_000)),
    instalmentsPaid: round(weights.instalmentsPaid * inputs.instalmentsPaid),
    promisesKept: round(weights.promisesKept * inputs.promisesKept),
    promisesBroken: round(weights.promisesBroken * inputs.promisesBroken),
    responses: round(weights.responses * Math.min(responses, 5)),
  };
  const score = round(Object.values(contributions).reduce((s, c) => s + c, 0));
  return { score, contributions, inputs };
}

/** The channel with the most responses so far; ties keep the workflow's own channel. */
export function preferredChannel(planned: 'sms' | 'email' | 'voice', responses: PriorityInputs['responsesByChannel']): 'sms' | 'email' | 'voice' {
  let best = planned;
  for (const channel of ['sms', 'email', 'voice'] as const) {
    if ((responses[channel] ?? 0) > (responses[best] ?? 0)) best = channel;
  }
  return best;
}

/**
 * The hour (local, 0–23) at which this debtor has answered most often, if it lies inside the
 * allowed window; otherwise undefined and the step keeps its planned time.
 */
export function bestHour(answeredLocalHours: number[], window: { startHour: number; endHour: number }): number | undefined {
  const counts = new Map<number, number>();
  for (const h of answeredLocalHours) if (h >= window.startHour && h < window.endHour) counts.set(h, (counts.get(h) ?? 0) + 1);
  let best: number | undefined;
  for (const [hour, count] of counts) {
    if (best === undefined || count > counts.get(best)! || (count === counts.get(best)! && hour < best)) best = hour;
  }
  return best;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
