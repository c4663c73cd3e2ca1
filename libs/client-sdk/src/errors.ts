import type { FieldError, Problem } from './types';

/** An answer of Settle that is not a success, with its RFC 9457 problem details. */
export class SettleProblemError extends Error {
  readonly status: number;
  /** The problem's code: the last segment of `type`, e.g. `validation`, `not-found`, `transition-not-allowed`. */
  readonly code: string;
  readonly errors: FieldError[];

  /** From a 429's (or 503's) Retry-After header: how many seconds to wait before trying again. */
  readonly retryAfterSeconds?: number;

  constructor(readonly problem: Problem, retryAfter?: string | null) {
    super(`${problem.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'SettleProblemError';
    this.status = problem.status;
    this.code = problem.type.split('/').pop() ?? problem.type;
    this.errors = problem.errors ?? [];
    if (retryAfter && /^\d+$/.test(retryAfter)) this.retryAfterSeconds = Number(retryAfter);
  }

  /** The problem of one field, if the answer named it. */
  fieldError(field: string): FieldError | undefined {
    return this.errors.find((e) => e.field === field);
  }
}

/** Settle could not be reached, or did not answer in time. */
export class SettleNetworkError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'SettleNetworkError';
  }
}
