// Regression (issue 21): a database that cannot write is a transient fault for callers and an unhealthy
// database for /api/health. `PRAGMA max_page_count` makes SQLite itself answer SQLITE_FULL ("database or disk
// is full") for any write that needs a new page, and raising it again is space coming back.
import { EmbeddedDatabaseHealthCheck } from '../../../../shared/adapters/sqlite/EmbeddedDatabaseHealthCheck';
import { EmbeddedMessageSender } from '../../../../shared/adapters/sqlite/EmbeddedMessageSender';
import { EmbeddedQueue } from '../../../../shared/adapters/sqlite/EmbeddedQueue';
import { recentWriteFailure } from '../../../../shared/adapters/sqlite/embeddedWriteHealth';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { isStorageFailure, storageFailureCode } from '../../../../shared/adapters/sqlite/storageFailure';
import { TransientError } from '../../../../shared/errors';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';

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

/** No new page fits: the file is "full" at its current size. */
function fillDisk(): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
}

function freeSpace(): void {
  db.pragma('max_page_count = 4294967294');
}

const bigBody = { padding: 'x'.repeat(64 * 1024) };

it('classifies SQLITE_FULL and SQLITE_IOERR as storage failures, and nothing else', () => {
  db.exec('CREATE TABLE t (x TEXT NOT NULL)');
  fillDisk();
  let full: unknown;
  try {
    db.prepare('INSERT INTO t VALUES (?)').run('y'.repeat(64 * 1024));
  } catch (err) {
    full = err;
  }
  expect(storageFailureCode(full)).toBe('SQLITE_FULL');
  expect(isStorageFailure({ code: 'SQLITE_IOERR_WRITE' })).toBe(true);
  freeSpace();
  let constraint: unknown;
  try {
    db.prepare('INSERT INTO t VALUES (NULL)').run();
  } catch (err) {
    constraint = err;
  }
  expect((constraint as { code: string }).code).toBe('SQLITE_CONSTRAINT_NOTNULL');
  expect(isStorageFailure(constraint)).toBe(false);
  expect(isStorageFailure(new Error('disk I/O error'))).toBe(false);
});

it('rejects a send on a full disk with a TransientError, then sends once space returns', async () => {
  const queue = new EmbeddedQueue(db);
  queue.declareQueue('alerts');
  const sender = new EmbeddedMessageSender(queue);
  fillDisk();
  const failed = sender.send('alerts', [{ messageId: 'm1', body: bigBody }]);
  await expect(failed).rejects.toBeInstanceOf(TransientError);
  await expect(failed).rejects.toThrow(/Sending to 'alerts' failed: .*SQLITE_FULL.*retryable/);
  freeSpace();
  await sender.send('alerts', [{ messageId: 'm1', body: bigBody }]);
  expect(queue.receive('alerts', 10, 60_000).map((m) => m.messageId)).toEqual(['m1']);
});

it('reports the database unhealthy while writes fail, and healthy once one commits again', async () => {
  const check = new EmbeddedDatabaseHealthCheck(() => db);
  expect(await check.check()).toEqual({ name: 'embedded-database', ok: true });

  // Another writer (the intake) fails: the probe's one-row update still fits, the failure is reported.
  const queue = new EmbeddedQueue(db);
  queue.declareQueue('alerts');
  fillDisk();
  await expect(
    new EmbeddedMessageSender(queue).send('alerts', [{ messageId: 'm1', body: bigBody }]),
  ).rejects.toThrow();
  expect(recentWriteFailure(db, 30_000)?.code).toBe('SQLITE_FULL');
  const unhealthy = await check.check();
  expect(unhealthy).toMatchObject({ ok: false, detail: expect.stringContaining('SQLITE_FULL') });

  freeSpace();
  await new EmbeddedMessageSender(queue).send('alerts', [{ messageId: 'm2', body: bigBody }]);
  expect(await check.check()).toEqual({ name: 'embedded-database', ok: true });
});

it('fails its own probe write on a full disk even when nobody else wrote', async () => {
  fillDisk(); // before the probe's table exists: creating it needs a page
  const result = await new EmbeddedDatabaseHealthCheck(() => db).check();
  expect(result).toEqual({
    name: 'embedded-database',
    ok: false,
    detail: 'database or disk is full (SQLITE_FULL); reads may still work',
  });
});

it('forgets a failure that nothing renewed within the reporting window', async () => {
  const queue = new EmbeddedQueue(db);
  queue.declareQueue('alerts');
  fillDisk();
  await expect(
    new EmbeddedMessageSender(queue).send('alerts', [{ messageId: 'm1', body: bigBody }]),
  ).rejects.toThrow();
  freeSpace();
  let now = Date.now();
  const check = new EmbeddedDatabaseHealthCheck(
    () => db,
    () => now,
  );
  expect((await check.check()).ok).toBe(false);
  now += 31_000;
  expect((await check.check()).ok).toBe(true);
});
