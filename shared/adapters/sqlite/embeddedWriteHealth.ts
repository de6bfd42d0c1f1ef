// Whether writes to an embedded database file are failing, as seen by whoever writes to it: the app's
// group commits and the local runtime's background loops use separate connections to the same file, and
// the health check reads what both saw. Kept per file, in this process.
import path from 'node:path';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';
import { storageFailureCode } from './storageFailure';

export interface WriteFailure {
  /** When the latest failure happened (epoch ms). */
  readonly at: number;
  /** Since when writes have been failing without one succeeding in between (epoch ms). */
  readonly since: number;
  readonly code: string;
}

const latestFailure = new Map<string, WriteFailure>();

function fileOf(db: EmbeddedDatabase): string {
  return path.resolve(db.name);
}

/** Records a failed write when it is a storage failure (full disk, I/O); other errors say nothing of the disk. */
export function recordWriteFailure(db: EmbeddedDatabase, err: unknown, now = Date.now()): void {
  const code = storageFailureCode(err);
  if (code === undefined) {
    return;
  }
  const file = fileOf(db);
  const previous = latestFailure.get(file);
  latestFailure.set(file, { at: now, since: previous?.since ?? now, code });
}

/** A write committed: the file takes writes again. */
export function recordWriteSuccess(db: EmbeddedDatabase): void {
  latestFailure.delete(fileOf(db));
}

/** The failure that no committed write has cleared since, if it happened within `withinMs`. */
export function recentWriteFailure(
  db: EmbeddedDatabase,
  withinMs: number,
  now = Date.now(),
): WriteFailure | undefined {
  const failure = latestFailure.get(fileOf(db));
  return failure !== undefined && now - failure.at <= withinMs ? failure : undefined;
}
