import { DEFAULT_RULES, RuleBook } from './rulebook';
import { FeeCapRule } from './schema';

export interface FeeCapQuery {
  /** The outstanding principal in minor units (cents, öre). */
  principalMinor: number;
  /** ISO 4217, must match the jurisdiction's fee rule. */
  currency: string;
  /** For fixed-amount schemes (SE): 'reminder' | 'collection_demand' | 'repayment_plan'. Default: the scheme's main fee. */
  kind?: string;
  /** DE: the claim was paid on the first demand (the fee rate drops from 0.9 to 0.5). */
  paidOnFirstDemand?: boolean;
}

export interface FeeCapResult {
  /** The most that may be charged to the debtor, in minor units of `currency` (excluding VAT and expenses). */
  maxFeeMinor: number;
  currency: string;
  ruleId: string;
  /** How the cap was computed, for the record. */
  basis: string;
  /** Requirements that must be met before any fee may be charged (e.g. NL 14-day letter). */
  conditions: { id: string; text: string }[];
  flags: string[];
}

function compute(rule: FeeCapRule, q: FeeCapQuery): { fee: number; basis: string } {
  const f = rule.formula;
  switch (f.kind) {
    case 'none_chargeable':
      return { fee: 0, basis: 'no collection fee may be charged to the debtor' };
    case 'tiered_percent': {
      // Exact integer arithmetic in basis points; rounded down so the cap is never exceeded.
      let remaining = q.principalMinor;
      let scaled = 0;
      const parts: string[] = [];
      for (const tier of f.tiers) {
        if (remaining <= 0) break;
        const portion = tier.widthMinor === null ? remaining : Math.min(remaining, tier.widthMinor);
        scaled += portion * Math.round(tier.percent * 100);
        parts.push(`${tier.percent}% of ${portion}`);
        remaining -= portion;
      }
      const raw = Math.floor(scaled / 10_000);
      const fee = Math.min(f.maxMinor, Math.max(f.minMinor, raw));
      return { fee, basis: `${parts.join(' + ') || '0'} = ${raw}; bounded to [${f.minMinor}, ${f.maxMinor}]` };
    }
    case 'fixed': {
      const kind = q.kind ?? f.defaultKind;
      const amount = f.amounts[kind];
      if (amount === undefined) throw new RangeError(`${rule.id}: unknown fee kind "${kind}" (known: ${Object.keys(f.amounts).join(', ')})`);
      return { fee: amount, basis: `fixed ${kind} fee` };
    }
    case 'value_table': {
      const row = f.table.find(([upTo]) => q.principalMinor <= upTo);
      if (!row) throw new RangeError(`${rule.id}: a claim of ${q.principalMinor} is above the encoded fee table (max ${f.table[f.table.length - 1][0]})`);
      const rate = q.paidOnFirstDemand ? f.rateIfPaidOnFirstDemand : f.rate;
      const fee = Math.floor((row[1] * Math.round(rate * 1000)) / 1000);
      return { fee, basis: `${rate} × ${row[1]} (1.0 fee for a claim up to ${row[0]})` };
    }
  }
}

/**
 * The statutory maximum collection fee for a claim in a jurisdiction, or null when there is no
 * statutory cap (GB, US, IE, ES, IT: charges there are bounded by "reasonable cost" tests, not
 * numbers). An unknown jurisdiction gets 0 (the conservative default). Throws RangeError on a
 * currency mismatch or a malformed amount, since guessing there could overcharge.
 */
export function feeCap(jurisdiction: string, query: FeeCapQuery, rules: RuleBook = DEFAULT_RULES): FeeCapResult | null {
  if (!Number.isSafeInteger(query.principalMinor) || query.principalMinor < 0) throw new RangeError('principalMinor must be a non-negative integer');
  const set = rules.resolve(jurisdiction);
  let best: FeeCapResult | null = null;
  for (const rule of set.feeCaps) {
    if (rule.formula.kind !== 'none_chargeable' && rule.currency !== query.currency) {
      throw new RangeError(`${rule.id} caps fees in ${rule.currency}, not ${query.currency}`);
    }
    const { fee, basis } = compute(rule, query);
    if (best === null || fee < best.maxFeeMinor) {
      best = {
        maxFeeMinor: fee,
        currency: query.currency,
        ruleId: rule.id,
        basis,
        conditions: (rule.conditions ?? []).map((id) => {
          const r = rules.rule(id);
          return { id, text: r && r.type === 'requirement' ? r.text : id };
        }),
        flags: [...set.flags],
      };
    }
  }
  return best;
}
