/**
 * Every service reads time through a Clock so tests and the demo can compress days of workflow
 * into seconds, and the demo's outcome does not depend on the hour at which it is run.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * Time that starts at `startAt` when the real clock read `realEpochMs` and then runs `factor`
 * times faster. Processes given the same spec agree on the time.
 */
export class ScaledClock implements Clock {
  constructor(
    private readonly startAt: Date,
    private readonly factor: number,
    private readonly realEpochMs: number,
  ) {}

  now(): Date {
    return new Date(this.startAt.getTime() + (Date.now() - this.realEpochMs) * this.factor);
  }
}

/** A clock that only moves when told to: for tests. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

export function clockFromSpec(spec: string): Clock {
  if (spec === 'system') return new SystemClock();
  const match = /^scaled:(.+?):(\d+(?:\.\d+)?)(?::(\d+))?$/.exec(spec);
  if (!match) throw new Error(`SETTLE_CLOCK: cannot read "${spec}"`);
  const startAt = new Date(match[1]);
  if (Number.isNaN(startAt.getTime())) throw new Error(`SETTLE_CLOCK: "${match[1]}" is not an ISO instant`);
  return new ScaledClock(startAt, Number(match[2]), match[3] ? Number(match[3]) : Date.now());
}
