// The local runtime's shared backoff for writes that fail (issue 21): growing waits, one log line per fault
// (repeated every 30 s while it lasts), a line when writes succeed again, and retries that end on stop.
import { memoryLogger } from '../../../../local/RuntimeLogger';
import { retryWhileStorageFails } from '../../../../local/storage/retryWhileStorageFails';
import {
  WRITE_FAILURE_LOG_INTERVAL_MS,
  WRITE_RETRY_MAX_DELAY_MS,
  WriteFailureBackoff,
} from '../../../../local/storage/WriteFailureBackoff';
import { recentWriteFailure } from '../../../../shared/adapters/sqlite/embeddedWriteHealth';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';

/** What better-sqlite3 throws on a full disk: an error with SQLite's result code. */
function diskFull(): Error {
  return Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
}

let dir: string;
let db: EmbeddedDatabase;

beforeEach(() => {
  dir = tempDataDir();
  db = openEmbeddedDatabase(dir);
});

afterEach(() => {
  db.close();
  removeDir(dir);
});

it('doubles the wait per failure in a row up to the cap, and starts over after a success', () => {
  let now = 1_000_000;
  const backoff = new WriteFailureBackoff(db, memoryLogger(), () => now);
  const delays = Array.from({ length: 9 }, () => backoff.failed(diskFull(), 'timers'));
  expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  expect(backoff.waiting).toBe(true);
  now += WRITE_RETRY_MAX_DELAY_MS;
  expect(backoff.waiting).toBe(false);
  backoff.succeeded();
  expect(backoff.failed(diskFull(), 'timers')).toBe(100);
});

it('logs a fault once, again after the interval, and its end once', () => {
  let now = 1_000_000;
  const log = memoryLogger();
  const backoff = new WriteFailureBackoff(db, log, () => now);
  for (let i = 0; i < 20; i++) backoff.failed(diskFull(), 'timers');
  now += WRITE_FAILURE_LOG_INTERVAL_MS;
  backoff.failed(diskFull(), 'receiving queue messages');
  backoff.succeeded();
  backoff.succeeded();
  expect(log.lines.map((l) => l.split(' {')[0])).toEqual([
    'error The embedded database cannot write; background work waits and retries',
    'error The embedded database cannot write; background work waits and retries',
    'info Background writes succeed again',
  ]);
  expect(log.lines[1]).toContain('"failuresInARow":21');
});

it('marks the database as failing writes for the health check until a write succeeds', () => {
  const backoff = new WriteFailureBackoff(db, memoryLogger());
  backoff.failed(diskFull(), 'timers');
  expect(recentWriteFailure(db, 30_000)?.code).toBe('SQLITE_FULL');
  backoff.succeeded();
  expect(recentWriteFailure(db, 30_000)).toBeUndefined();
});

it('retries a write while the disk is full and returns its result once it commits', async () => {
  const backoff = new WriteFailureBackoff(db, memoryLogger());
  let attempts = 0;
  const result = await retryWhileStorageFails(
    () => {
      attempts++;
      if (attempts < 3) throw diskFull();
      return 'written';
    },
    backoff,
    'a result',
    new AbortController().signal,
  );
  expect(result).toBe('written');
  expect(attempts).toBe(3);
  expect(backoff.waiting).toBe(false);
});

it('does not retry other errors, and gives up when the runtime stops', async () => {
  const backoff = new WriteFailureBackoff(db, memoryLogger());
  const constraint = Object.assign(new Error('UNIQUE constraint failed'), {
    code: 'SQLITE_CONSTRAINT_UNIQUE',
  });
  let attempts = 0;
  await expect(
    retryWhileStorageFails(
      () => {
        attempts++;
        throw constraint;
      },
      backoff,
      'a result',
      new AbortController().signal,
    ),
  ).rejects.toBe(constraint);
  expect(attempts).toBe(1);

  const stop = new AbortController();
  const full = diskFull();
  const retrying = retryWhileStorageFails(
    () => {
      throw full;
    },
    backoff,
    'a result',
    stop.signal,
  );
  stop.abort();
  await expect(retrying).rejects.toBe(full);
});
