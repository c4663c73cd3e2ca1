/**
 * Counts misses (unknown link codes) per client in fixed windows. Once a client is over the limit
 * every lookup is refused, hits included: answering hits would still let it enumerate.
 */
export class MissLimiter {
  private readonly windows = new Map<string, { start: number; misses: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 100_000,
  ) {}

  /** Seconds until `client` may look links up again; 0 when it may now. */
  retryAfterSeconds(client: string): number {
    const window = this.current(client);
    return window && window.misses >= this.limit ? Math.ceil((window.start + this.windowMs - this.now()) / 1000) : 0;
  }

  miss(client: string): void {
    const window = this.current(client);
    if (window) {
      window.misses += 1;
      return;
    }
    if (this.windows.size >= this.maxClients) this.sweep();
    this.windows.set(client, { start: this.now(), misses: 1 });
  }

  private current(client: string): { start: number; misses: number } | undefined {
    const window = this.windows.get(client);
    if (window && this.now() - window.start < this.windowMs) return window;
    this.windows.delete(client);
    return undefined;
  }

  /** Bounds memory under a spread-out attack: expired windows go, and if that is not enough, the oldest. */
  private sweep(): void {
    for (const [client, window] of this.windows) if (this.now() - window.start >= this.windowMs) this.windows.delete(client);
    for (const client of this.windows.keys()) {
      if (this.windows.size < this.maxClients) break;
      this.windows.delete(client);
    }
  }
}
