import { Inject, Injectable } from '@nestjs/common';
import type { Money } from '@settle/contracts';
import type { RestructuringKind } from '@settle/negotiation';
import { SERVICE_CONFIG } from '@settle/service-kit';
import { IngestConfig } from '../ingest.config';

/** One restructuring as the negotiation service offers it (POST /v1/negotiation/options). */
export interface OfferedOption {
  kind: RestructuringKind;
  plan: { instalments: { dueDate: string; amount: Money }[]; total: Money; fee: Money };
  feeAddedMinor: number;
  extensionDays: number;
  discountMinor?: number;
}

export interface OptionsAnswer {
  options: OfferedOption[];
  humanReview: { required: boolean; requested: boolean };
}

export interface AgreementAnswer {
  planId: string;
  kind: RestructuringKind;
  status: string;
  plan: OfferedOption['plan'];
  replayed: boolean;
}

/** The account a plans page negotiates about. */
export interface PlanLinkAccount {
  tenantId: string;
  externalAccountRef: string;
  caseId: string;
}

/**
 * The negotiation service did not give what was asked: `status` is its HTTP status (or 503/504 when
 * it could not be reached or did not answer in time), `type` its problem type (not-offered,
 * lender-unavailable, negotiation-timeout…). The plans page turns it into a page for the debtor.
 */
export class NegotiationFailure extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * Ingest's client of the negotiation service, for the plans page: live options and agreements with
 * source `plan_link`. The credential is ADMIN_TOKEN (as for the scheduler's internal API); a call
 * gives up after NEGOTIATION_TIMEOUT_MS and asks the lender's platform within a quarter of that.
 */
@Injectable()
export class NegotiationClient {
  private readonly budgetMs: number;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: IngestConfig) {
    this.budgetMs = Math.max(50, Math.floor(config.NEGOTIATION_TIMEOUT_MS / 4));
  }

  options(account: PlanLinkAccount): Promise<OptionsAnswer> {
    return this.post<OptionsAnswer>('/v1/negotiation/options', { ...account, source: 'plan_link', budgetMs: this.budgetMs });
  }

  agree(account: PlanLinkAccount, kind: RestructuringKind, idempotencyKey: string): Promise<AgreementAnswer> {
    return this.post<AgreementAnswer>('/v1/agreements', { ...account, source: 'plan_link', kind, budgetMs: this.budgetMs }, { 'idempotency-key': idempotencyKey });
  }

  private async post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const token = this.config.ADMIN_TOKEN;
    let res: Response;
    try {
      res = await fetch(`${this.config.NEGOTIATION_URL.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.NEGOTIATION_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      throw timedOut
        ? new NegotiationFailure(504, 'negotiation-timeout', `the negotiation service did not answer within ${this.config.NEGOTIATION_TIMEOUT_MS} ms`)
        : new NegotiationFailure(503, 'negotiation-unavailable', 'the negotiation service is unreachable');
    }
    const text = await res.text();
    if (res.ok) {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new NegotiationFailure(502, 'negotiation-error', `the negotiation service answered ${res.status} without JSON`);
      }
    }
    const problem = parseProblem(text);
    throw new NegotiationFailure(
      res.status,
      problem?.type?.replace(/^.*\/problems\//, '') ?? 'negotiation-error',
      problem?.detail ?? `the negotiation service answered ${res.status}`,
      typeof problem?.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : undefined,
    );
  }
}

function parseProblem(text: string): { type?: string; detail?: string; retryAfterSeconds?: unknown } | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as { type?: string; detail?: string; retryAfterSeconds?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
