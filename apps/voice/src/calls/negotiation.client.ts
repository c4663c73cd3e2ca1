import type { RestructuringKind } from '@settle/negotiation';
import type { OfferedPlan, OptionsQuery } from './domain/plan-choice';

/** The account a call negotiates about. */
export interface NegotiatedAccount {
  tenantId: string;
  externalAccountRef: string;
  caseId: string;
  jurisdiction: string;
}

export interface AgreedPlan {
  planId: string;
  lenderPlanRef: string | null;
  kind: RestructuringKind;
  plan: OfferedPlan;
}

/** A refusal or failure of the negotiation service, with its problem type (not-offered, lender-unavailable…). */
export class NegotiationError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** The negotiation service as the agent uses it: live options, and an agreement written back to the lender. */
export interface PlanNegotiation {
  options(account: NegotiatedAccount, query: OptionsQuery): Promise<OfferedPlan[]>;
  agree(account: NegotiatedAccount, query: OptionsQuery, kind: RestructuringKind, idempotencyKey: string): Promise<AgreedPlan>;
}

interface ApiPlan {
  instalments: { dueDate: string; amount: { amountMinor: number; currency: string } }[];
  total: { amountMinor: number; currency: string };
  fee: { amountMinor: number; currency: string };
}

/**
 * HTTP client of the negotiation service (`POST /v1/negotiation/options`, `POST /v1/agreements`).
 * The lender's platform is asked within `budgetMs` (the caller is on the phone); the HTTP call gets
 * that budget plus a margin for the service itself.
 */
export class HttpPlanNegotiation implements PlanNegotiation {
  constructor(
    private readonly baseUrl: string,
    private readonly budgetMs: number,
    private readonly token?: string,
  ) {}

  async options(account: NegotiatedAccount, query: OptionsQuery): Promise<OfferedPlan[]> {
    const answer = await this.post<{ options: { kind: RestructuringKind; plan: ApiPlan }[] }>('/v1/negotiation/options', { ...account, ...query, source: 'voice', budgetMs: this.budgetMs });
    return answer.options.map((o) => offeredPlan(o.kind, o.plan));
  }

  async agree(account: NegotiatedAccount, query: OptionsQuery, kind: RestructuringKind, idempotencyKey: string): Promise<AgreedPlan> {
    const answer = await this.post<{ planId: string; lenderPlanRef: string | null; kind: RestructuringKind; plan: ApiPlan }>(
      '/v1/agreements',
      { ...account, ...query, source: 'voice', kind, budgetMs: this.budgetMs },
      { 'idempotency-key': idempotencyKey },
    );
    return { planId: answer.planId, lenderPlanRef: answer.lenderPlanRef, kind: answer.kind, plan: offeredPlan(answer.kind, answer.plan) };
  }

  private async post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
        body: JSON.stringify(body),
        // Twice the lender budget: an agreement asks the lender for options, then writes the plan back.
        signal: AbortSignal.timeout(this.budgetMs * 2 + 1_000),
      });
    } catch (error) {
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      throw new NegotiationError(timedOut ? 504 : 503, timedOut ? 'negotiation-timeout' : 'negotiation-unavailable', timedOut ? 'the negotiation service did not answer in time' : 'the negotiation service is unreachable');
    }
    const text = await res.text();
    if (res.ok) return JSON.parse(text) as T;
    let type = 'negotiation-error';
    let detail = `the negotiation service answered ${res.status}`;
    try {
      const problem = JSON.parse(text) as { type?: string; detail?: string };
      if (typeof problem.type === 'string') type = problem.type.replace(/^.*\/problems\//, '');
      if (typeof problem.detail === 'string') detail = problem.detail;
    } catch {
      // not problem+json: the status says enough
    }
    throw new NegotiationError(res.status, type, detail);
  }
}

function offeredPlan(kind: RestructuringKind, plan: ApiPlan): OfferedPlan {
  return {
    kind,
    currency: plan.total.currency,
    instalments: plan.instalments.map((i) => ({ dueDate: i.dueDate, amountMinor: i.amount.amountMinor })),
    totalMinor: plan.total.amountMinor,
    feeMinor: plan.fee.amountMinor,
  };
}
