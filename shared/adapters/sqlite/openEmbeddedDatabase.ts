// Opens the one embedded database file that holds the local runtime's state and the app's embedded stores.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type EmbeddedDatabase = Database.Database;

export const embeddedDatabaseFileName = 'lifeboat.db';

/**
 * WAL + synchronous=FULL: a committed transaction survives kill -9 and power loss; readers never block
 * the writer. Several connections to the same file in one process are fine.
 */
export function openEmbeddedDatabase(dataDir: string): EmbeddedDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, embeddedDatabaseFileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  cacheStatements(db);
  return db;
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
