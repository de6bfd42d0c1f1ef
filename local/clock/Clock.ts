// The runtime's notion of now: the wall clock, or a clock tests move by hand (durable timers fire on it).

export interface Clock {
  now(): number;
  /** True when time only moves through `advance`; the runtime then re-checks timers on every move. */
  readonly isManual: boolean;
  onAdvance(listener: () => void): void;
}

export class SystemClock implements Clock {
  readonly isManual = false;
  now(): number {
    return Date.now();
  }
  onAdvance(): void {
    // The wall clock moves by itself; the runtime arms real timeouts instead.
  }
}

export class ManualClock implements Clock {
  readonly isManual = true;
  private listeners: (() => void)[] = [];
  constructor(private current: number = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  onAdvance(listener: () => void): void {
    this.listeners.push(listener);
  }

  advance(ms: number): void {
    if (ms < 0) {
      throw new RangeError('A clock only moves forward.');
    }
    this.current += ms;
    this.listeners.forEach((l) => l());
  }
}
