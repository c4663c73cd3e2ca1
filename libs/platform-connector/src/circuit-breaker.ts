/*
 * A small circuit breaker (why not a library: see the commit that added it — the few lines below
 * are all the behaviour Settle needs, with an injectable clock so the policy is unit-tested
 * without timers).
 *
 * closed → (failureThreshold consecutive failures) → open → (resetTimeoutMs) → half_open → one
 * trial call: success → closed, failure → open again. Only failures that say something about the
 * platform's health (5xx, 429, timeouts, network) count; a 404 or a 409 is an answer.
 */

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  failureThreshold: number;
  resetTimeoutMs: number;
  now?: () => number;
  onStateChange?: (from: CircuitState, to: CircuitState) => void;
}

export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) throw new RangeError('failureThreshold must be a positive integer');
    if (!(options.resetTimeoutMs > 0)) throw new RangeError('resetTimeoutMs must be positive');
    this.now = options.now ?? Date.now;
  }

  /** The state now (an open breaker whose timeout has passed reads as half_open). */
  get current(): CircuitState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.options.resetTimeoutMs) return 'half_open';
    return this.state;
  }

  /** When an open breaker lets a trial call through. */
  get retryAt(): Date {
    return new Date(this.openedAt + this.options.resetTimeoutMs);
  }

  /** May a call go out now? In half_open only one trial at a time is let through. */
  tryAcquire(): boolean {
    const s = this.current;
    if (s === 'closed') return true;
    if (s === 'open') return false;
    if (this.state === 'open') this.transition('half_open');
    if (this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.failures = 0;
    this.trialInFlight = false;
    if (this.state !== 'closed') this.transition('closed');
  }

  /** A failure that counts against the platform's health. */
  onFailure(): void {
    this.trialInFlight = false;
    if (this.state === 'half_open') return this.open();
    this.failures += 1;
    if (this.state === 'closed' && this.failures >= this.options.failureThreshold) this.open();
  }

  /** An attempt that ended without saying anything about health (a 4xx, an abort): frees a trial slot. */
  onNeutral(): void {
    if (this.state === 'half_open') {
      this.trialInFlight = false;
    }
  }

  private open(): void {
    this.openedAt = this.now();
    this.failures = 0;
    this.transition('open');
  }

  private transition(to: CircuitState): void {
    const from = this.state;
    this.state = to;
    if (from !== to) this.options.onStateChange?.(from, to);
  }
}
