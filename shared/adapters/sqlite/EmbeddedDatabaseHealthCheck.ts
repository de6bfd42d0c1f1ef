// Readiness of the embedded database: it must take writes, not just answer reads. A full disk still serves
// reads, so the check writes one row itself and also reports the failures that other writers saw recently
// (the intake's enqueues, the local runtime's loops), which a small probe write can slip past.
import type { HealthCheck, HealthCheckResult } from '../../ports/HealthCheck';
import { recentWriteFailure } from './embeddedWriteHealth';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';
import { storageFailureCode } from './storageFailure';

/**
 * How long a failed write keeps the database unhealthy when no write has committed since. The runtime's
 * loops retry at least every few seconds while writes fail, so a lasting fault keeps renewing it.
 */
export const WRITE_FAILURE_REPORTED_FOR_MS = 30_000;

export class EmbeddedDatabaseHealthCheck implements HealthCheck {
  readonly name = 'embedded-database';
  private probeTableReady = false;

  constructor(
    private readonly db: () => EmbeddedDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  check(): Promise<HealthCheckResult> {
    let db: EmbeddedDatabase;
    try {
      db = this.db();
      this.probeWrite(db);
    } catch (err) {
      return Promise.resolve(this.unhealthy(describe(err)));
    }
    const failure = recentWriteFailure(db, WRITE_FAILURE_REPORTED_FOR_MS, this.now());
    if (failure !== undefined) {
      const seconds = Math.max(0, Math.round((this.now() - failure.since) / 1000));
      return Promise.resolve(
        this.unhealthy(`writes have been failing for ${seconds} s (${failure.code}); reads still work`),
      );
    }
    return Promise.resolve({ name: this.name, ok: true });
  }

  private probeWrite(db: EmbeddedDatabase): void {
    if (!this.probeTableReady) {
      db.exec(
        'CREATE TABLE IF NOT EXISTS embedded_health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), written_at INTEGER NOT NULL)',
      );
      this.probeTableReady = true;
    }
    db.prepare(
      'INSERT INTO embedded_health_probe (id, written_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at',
    ).run(this.now());
  }

  private unhealthy(detail: string): HealthCheckResult {
    return { name: this.name, ok: false, detail };
  }
}

/** SQLite's own words and code ("database or disk is full (SQLITE_FULL)"): no paths, no stacks. */
function describe(err: unknown): string {
  const { message, code } = (err ?? {}) as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' ? (message.split('\n')[0] ?? message) : 'the database failed';
  const failure = typeof code === 'string' ? `${text} (${code})` : text;
  return storageFailureCode(err) !== undefined ? `${failure}; reads may still work` : failure;
}
