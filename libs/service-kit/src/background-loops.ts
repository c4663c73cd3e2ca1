import type { Logger } from 'pino';

/**
 * Periodic work of a service (timers, sweeps). Each loop runs one pass at a time; stopping waits
 * for the pass in flight, so shutdown never cuts a pass in half.
 */
export class BackgroundLoops {
  private readonly loops: { name: string; intervalMs: number; pass: () => Promise<unknown> }[] = [];
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly logger: Logger) {}

  every(name: string, intervalMs: number, pass: () => Promise<unknown>): void {
    this.loops.push({ name, intervalMs, pass });
    if (this.running) this.schedule(this.loops[this.loops.length - 1], 0);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const loop of this.loops) this.schedule(loop, 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all(this.inFlight);
  }

  private schedule(loop: (typeof this.loops)[number], delay: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.running) return;
      const run = loop
        .pass()
        .catch((err) => this.logger.error({ err, loop: loop.name }, 'background pass failed'))
        .then(() => {
          this.inFlight.delete(run);
          if (this.running) this.schedule(loop, loop.intervalMs);
        });
      this.inFlight.add(run);
    }, delay);
    this.timers.add(timer);
  }
}
