// Opens the one embedded database file that holds the local runtime's state and the app's embedded stores.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type EmbeddedDatabase = Database.Database;

export const embeddedDatabaseFileName = 'lifeboat.db';

/**
 * WAL + synchronous=FULL: a committed transaction survives kill -9 and power loss (except those committed
 * through `commitWithoutWaitingForDisk`, which survive kill -9); readers never block the writer. Several
 * connections to the same file in one process are fine.
 */
export function openEmbeddedDatabase(dataDir: string): EmbeddedDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, embeddedDatabaseFileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  // Checkpoint when the log reaches about 40 MB rather than 4 MB: a checkpoint copies each changed page once
  // however often it changed, and waits for the disk twice, so rarer checkpoints cost far less per commit
  // when the same records are rewritten step after step.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');
  cacheStatements(db);
  return db;
}

/**
 * Runs one transaction committed with `synchronous = NORMAL`, then puts the connection back to FULL: the
 * commit survives kill -9 but not necessarily a power cut. The log is one file for every connection and is
 * replayed in order, so a power cut can only undo a tail of commits, never one in the middle, and the next
 * FULL commit on any connection makes everything before it durable too. For writes whose loss a re-run
 * repairs (see `UpdateOptions`, `DurableStore.progressTransaction`).
 */
export function commitWithoutWaitingForDisk<T>(db: EmbeddedDatabase, work: () => T, mode?: 'immediate'): T {
  // Through `prepare`, which keeps the compiled statement (`db.pragma` compiles it anew on every call).
  db.prepare('PRAGMA synchronous = NORMAL').run();
  try {
    const transaction = db.transaction(work);
    return mode === 'immediate' ? transaction.immediate() : transaction();
  } finally {
    db.prepare('PRAGMA synchronous = FULL').run();
  }
}

/**
 * Compiling SQL costs more than running these small statements, and every hot path prepares its
 * statements inline for readability: keep one compiled statement per SQL text on this connection. Safe
 * because no caller changes a statement's mode (pluck, raw, expand, safeIntegers) or iterates one lazily.
 */
function cacheStatements(db: EmbeddedDatabase): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<typeof compile>>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement === undefined) {
      statement = compile(source);
      cache.set(source, statement);
    }
    return statement;
  }) as typeof db.prepare;
}
