// One runtime per data directory. The lock is an exclusive SQLite lock on `runtime.lock` (an fcntl lock):
// the kernel drops it the moment its holder dies, so a runtime killed with kill -9 (even one its parent has
// not reaped yet) never blocks the next start, and a live one always does. `runtime.pid` only names the
// holder in the refusal.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'runtime.lock';
export const HOLDER_FILE = 'runtime.pid';

const heldInThisProcess = new Set<string>();
const RELEASE_GRACE_MS = 1000;

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  // The directory may not exist yet when every generated secret is supplied (nothing else creates it).
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  if (heldInThisProcess.has(file)) {
    throw new Error(`The data directory ${dataDir} is already in use by a runtime in this process.`);
  }
  const lock = acquire(file, dataDir);
  writeFileSync(path.join(dir, HOLDER_FILE), `${process.pid}\n`);
  heldInThisProcess.add(file);
  return {
    release() {
      heldInThisProcess.delete(file);
      // The files stay: deleting them after the lock is released could delete the next holder's.
      lock.close();
    },
  };
}

function acquire(file: string, dataDir: string): Database.Database {
  for (let attempt = 1; ; attempt++) {
    // A second to let a dying holder go: a killed process's main thread can show as a zombie while its other
    // threads still close its files (and its lock) for a moment; a live holder is refused after it.
    const db = new Database(file, { timeout: RELEASE_GRACE_MS });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      // Exclusive locking mode keeps the lock of the first transaction that writes until the connection closes.
      db.exec('BEGIN EXCLUSIVE');
      db.exec(
        'CREATE TABLE IF NOT EXISTS runtime_lock (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL)',
      );
      db.prepare('INSERT OR REPLACE INTO runtime_lock (id, pid) VALUES (1, ?)').run(process.pid);
      db.exec('COMMIT');
      return db;
    } catch (err) {
      db.close();
      const code = (err as { code?: unknown }).code;
      if (code === 'SQLITE_BUSY') {
        throw new Error(inUseMessage(dataDir));
      }
      if (code === 'SQLITE_NOTADB' && attempt === 1) {
        takeOverLegacyPidFile(file, dataDir);
        continue;
      }
      throw err;
    }
  }
}

function inUseMessage(dataDir: string): string {
  const pid = readPid(path.join(path.resolve(dataDir), HOLDER_FILE));
  const holder = pid === undefined ? 'another runtime' : `another runtime (pid ${pid})`;
  const stop =
    pid === undefined ? 'Stop that runtime' : `Stop that runtime (Ctrl+C where it runs, or kill ${pid})`;
  return `The data directory ${dataDir} is in use by ${holder}, which is still running. ${stop}, or set LIFEBOAT_DATA_DIR to another directory.`;
}

/**
 * Runtimes before the kernel-held lock wrote their pid into `runtime.lock` as text. Such a file is taken over
 * when that process is gone (or is a zombie), and refused while it runs.
 */
function takeOverLegacyPidFile(file: string, dataDir: string): void {
  const pid = readPid(file);
  if (pid !== undefined && pid !== process.pid && isRunning(pid)) {
    throw new Error(
      `The data directory ${dataDir} is in use by an earlier runtime (pid ${pid}), which is still running. Stop it (kill ${pid}), or set LIFEBOAT_DATA_DIR to another directory.`,
    );
  }
  rmSync(file, { force: true });
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie (killed, waiting for its parent to reap it): `kill(pid, 0)` succeeds on both. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (macOS): kill(pid, 0) is all there is
  }
}
