// How the local runtime's background loops ride out a database that cannot write (full disk, a file-size
// limit, I/O errors): log, wait a growing delay, try again, and say so once writes succeed again. One per
// runtime, shared by every loop, so that one fault gives one story in the log, not one line per work item.
import type { EmbeddedDatabase } from '../../shared/adapters/sqlite/openEmbeddedDatabase';
import { recordWriteFailure, recordWriteSuccess } from '../../shared/adapters/sqlite/embeddedWriteHealth';
import { storageFailureCode } from '../../shared/adapters/sqlite/storageFailure';
import type { RuntimeLogger } from '../RuntimeLogger';

/** First wait after a failure; doubled per failure in a row up to the maximum. */
export const WRITE_RETRY_FIRST_DELAY_MS = 100;
export const WRITE_RETRY_MAX_DELAY_MS = 5_000;
/** While the same fault lasts, it is logged again at most this often. */
export const WRITE_FAILURE_LOG_INTERVAL_MS = 30_000;

export class WriteFailureBackoff {
  private failuresInARow = 0;
  private failingSince: number | undefined;
  private retryAt = 0;
  private lastLoggedAt = Number.NEGATIVE_INFINITY;
  private lastLoggedCode: string | undefined;

  constructor(
    private readonly db: EmbeddedDatabase,
    private readonly log: RuntimeLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether background work is waiting out a failure. */
  get waiting(): boolean {
    return this.remainingMs > 0;
  }

  /** Milliseconds until the next attempt may run (0 when none is pending). */
  get remainingMs(): number {
    return Math.max(0, this.retryAt - this.now());
  }

  /**
   * Records a failure of `work` and returns how long to wait before trying again. Storage failures are
   * expected to pass; anything else is a fault in the runtime, logged with its stack, and backed off too so
   * that it cannot spin.
   */
  failed(err: unknown, work: string): number {
    const now = this.now();
    this.failuresInARow++;
    this.failingSince ??= now;
    const delay = Math.min(
      WRITE_RETRY_MAX_DELAY_MS,
      WRITE_RETRY_FIRST_DELAY_MS * 2 ** Math.min(this.failuresInARow - 1, 16),
    );
    this.retryAt = Math.max(this.retryAt, now + delay);
    recordWriteFailure(this.db, err, now);
    const code = storageFailureCode(err);
    if (
      code === undefined ||
      code !== this.lastLoggedCode ||
      now - this.lastLoggedAt >= WRITE_FAILURE_LOG_INTERVAL_MS
    ) {
      this.lastLoggedAt = now;
      this.lastLoggedCode = code;
      const ids = {
        work,
        failuresInARow: this.failuresInARow,
        failingForMs: now - this.failingSince,
        retryInMs: delay,
      };
      if (code !== undefined) {
        this.log.error('The embedded database cannot write; background work waits and retries', {
          ...ids,
          code,
        });
      } else {
        this.log.error('Background work failed; it waits and retries', {
          ...ids,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        });
      }
    }
    return delay;
  }

  /** A write committed: if work was failing, it is over. */
  succeeded(): void {
    recordWriteSuccess(this.db);
    if (this.failingSince === undefined) {
      return;
    }
    this.log.info('Background writes succeed again', {
      failuresInARow: this.failuresInARow,
      failedForMs: this.now() - this.failingSince,
    });
    this.failuresInARow = 0;
    this.failingSince = undefined;
    this.retryAt = 0;
    this.lastLoggedCode = undefined;
    this.lastLoggedAt = Number.NEGATIVE_INFINITY;
  }
}
