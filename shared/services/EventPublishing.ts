// Runs the incident-event publisher in the app's process: at once after a write recorded events (a
// nudge), and on a sweep every few seconds, which also retries after the bus was unreachable (backing
// off while it stays so). The outbox is the source of truth: stopping or crashing loses nothing, the
// next start publishes what is left.
import { errorMessage } from '../errors';
import type { Logger } from '../logging';
import type { IncidentEventPublisher } from './IncidentEventPublisher';

export const EVENT_SWEEP_INTERVAL_MS = 5_000;
/**
 * How long a nudge waits, so that the writes of a burst (a runbook step records two entries, a storm many)
 * go out in one drain: one read, one send and one mark instead of one each per write.
 */
export const EVENT_NUDGE_DELAY_MS = 100;
/** The longest wait between attempts while the bus keeps failing. */
export const EVENT_RETRY_MAX_DELAY_MS = 15_000;

export class EventPublishing {
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;
  private failures = 0;
  private current: Promise<void> | undefined;
  private nudged: NodeJS.Timeout | undefined;

  constructor(
    private readonly publisher: Pick<IncidentEventPublisher, 'drain'>,
    private readonly log: Logger,
    private readonly sweepIntervalMs = EVENT_SWEEP_INTERVAL_MS,
  ) {}

  /** Publishes what a previous run left, then keeps sweeping. Idempotent. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.run();
  }

  /** Events were recorded: publish them shortly, unless the bus is failing (then the backoff decides). */
  nudge(): void {
    if (!this.started || this.stopped || this.failures > 0 || this.nudged !== undefined) return;
    this.nudged = setTimeout(() => {
      this.nudged = undefined;
      if (!this.stopped) this.run();
    }, EVENT_NUDGE_DELAY_MS);
    this.nudged.unref();
  }

  /** Stops sweeping and waits for a drain in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.nudged);
    await this.current;
  }

  private run(): void {
    clearTimeout(this.timer);
    const drain = this.publisher.drain().then(
      () => {
        this.failures = 0;
      },
      (err: unknown) => {
        this.failures += 1;
        this.log.warn('Incident events could not be published; they stay in the outbox and are retried', {
          failures: this.failures,
          error: errorMessage(err),
        });
      },
    );
    const tracked = drain.finally(() => {
      if (this.current === tracked) this.current = undefined;
      this.schedule();
    });
    this.current = tracked;
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const delay =
      this.failures === 0
        ? this.sweepIntervalMs
        : Math.min(EVENT_RETRY_MAX_DELAY_MS, this.sweepIntervalMs * 2 ** (this.failures - 1));
    this.timer = setTimeout(() => this.run(), delay);
    // Never what keeps a process alive.
    this.timer.unref();
  }
}
