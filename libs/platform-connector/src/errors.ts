/** Every failure of a platform call is one of these; `retryable` says whether trying again may help. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The platform answered with a non-2xx status. 5xx, 408 and 429 are retryable; other 4xx are not. */
export class PlatformHttpError extends PlatformError {
  constructor(
    readonly status: number,
    readonly detail: string,
    /** Milliseconds the platform asked us to wait (Retry-After), if it said. */
    readonly retryAfterMs?: number,
  ) {
    super(`lender platform answered ${status}${detail ? `: ${detail}` : ''}`, status >= 500 || status === 429 || status === 408);
  }
}

export class PlatformNotFoundError extends PlatformHttpError {}

/** The same idempotency key was used with a different plan. */
export class PlatformConflictError extends PlatformHttpError {}

/** One attempt took longer than the attempt timeout. */
export class PlatformTimeoutError extends PlatformError {
  constructor(readonly timeoutMs: number) {
    super(`lender platform did not answer within ${timeoutMs} ms`, true);
  }
}

/** The connection failed (refused, reset, DNS…). */
export class PlatformNetworkError extends PlatformError {
  constructor(cause: unknown) {
    super(`lender platform unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, true, { cause });
  }
}

/** The answer was not what the API promises (not JSON, wrong shape). */
export class PlatformProtocolError extends PlatformError {
  constructor(message: string) {
    super(`lender platform answered something unexpected: ${message}`, false);
  }
}

/** The circuit breaker is open: the platform failed repeatedly and is not called until `retryAt`. */
export class CircuitOpenError extends PlatformError {
  constructor(readonly retryAt: Date) {
    super(`lender platform circuit is open until ${retryAt.toISOString()}`, false);
  }
}

/** The caller's budget ran out (or its signal aborted) before an answer. */
export class PlatformBudgetExceededError extends PlatformError {
  constructor(
    readonly budgetMs: number,
    readonly attempts: number,
    readonly last?: PlatformError,
  ) {
    super(`lender platform call gave up after ${attempts} attempt(s) within its ${budgetMs} ms budget${last ? ` (last: ${last.message})` : ''}`, false, { cause: last });
  }
}
