// The group commit on a real embedded database: one transaction per group, each write resolved only once
// committed, a failing write undone alone, a failed commit undoing the group, and kill -9 after a resolve.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { GroupCommit, groupCommitFor } from '../../../../shared/adapters/sqlite/GroupCommit';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { tempDataDir } from '../../../local/support/testRuntime';

/** A scheduler the test runs by hand, so that "the same turn" is explicit. */
class ManualFlush {
  private pending: (() => void) | undefined;
  readonly schedule = (flush: () => void): void => {
    this.pending = flush;
  };
  run(): void {
    const flush = this.pending;
    this.pending = undefined;
    flush?.();
  }
}

function rows(db: EmbeddedDatabase): number[] {
  return (db.prepare(`SELECT id FROM writes ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
}

describe('GroupCommit', () => {
  let dataDir: string;
  let db: EmbeddedDatabase;
  let reader: EmbeddedDatabase;
  let flush: ManualFlush;
  let group: GroupCommit;
  const insert = (id: number) => () => db.prepare(`INSERT INTO writes (id) VALUES (?)`).run(id).changes;

  beforeEach(() => {
    dataDir = tempDataDir();
    db = openEmbeddedDatabase(dataDir);
    db.exec(`CREATE TABLE writes (id INTEGER PRIMARY KEY)`);
    reader = openEmbeddedDatabase(dataDir);
    flush = new ManualFlush();
    group = new GroupCommit(db, flush.schedule);
  });
  afterEach(() => {
    reader.close();
    db.close();
  });

  it('runs the writes of one turn in one transaction and resolves each only after the commit', async () => {
    let resolved = 0;
    const writes = [1, 2, 3].map((id) => group.run(insert(id)).then((changes) => (resolved += changes)));
    expect(group.waiting).toBe(3);
    await Promise.resolve();
    expect(resolved).toBe(0);
    expect(rows(reader)).toEqual([]);

    let seenDuringFlush: number[] = [];
    void group.run(() => {
      // Another connection sees nothing of the group while it is open.
      seenDuringFlush = rows(reader);
      return 0;
    });
    flush.run();
    await Promise.all(writes);

    expect(seenDuringFlush).toEqual([]);
    expect(resolved).toBe(3);
    expect(rows(reader)).toEqual([1, 2, 3]);
    expect(group.waiting).toBe(0);
  });

  it('rejects only the write that throws, undoing its own changes, and commits the others', async () => {
    const first = group.run(insert(1));
    const failing = group.run(() => {
      insert(2)();
      throw new Error('half done');
    });
    const duplicate = group.run(insert(1));
    const last = group.run(insert(3));
    flush.run();

    await expect(first).resolves.toBe(1);
    await expect(failing).rejects.toThrow('half done');
    // Errors from the native driver come from another realm than jest's workers: match the message.
    await expect(duplicate).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/UNIQUE constraint failed/),
    );
    await expect(last).resolves.toBe(1);
    expect(rows(reader)).toEqual([1, 3]);
  });

  it('rejects every write of the group when the commit fails, and keeps none of them', async () => {
    db.exec(`
      CREATE TABLE parents (id INTEGER PRIMARY KEY);
      CREATE TABLE children (id INTEGER PRIMARY KEY,
        parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);
    `);
    const plain = group.run(insert(1));
    // Checked only at COMMIT: the statement succeeds, the commit does not.
    const orphan = group.run(() => db.prepare(`INSERT INTO children (id, parent) VALUES (1, 42)`).run());
    flush.run();

    await expect(plain).rejects.toHaveProperty('message', expect.stringMatching(/FOREIGN KEY/));
    await expect(orphan).rejects.toHaveProperty('message', expect.stringMatching(/FOREIGN KEY/));
    expect(rows(reader)).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  it('shares one group commit between every adapter on a connection', () => {
    expect(groupCommitFor(db)).toBe(groupCommitFor(db));
    expect(groupCommitFor(db)).not.toBe(groupCommitFor(reader));
  });

  it('flushes by itself after pending I/O when left to its default schedule', async () => {
    const own = groupCommitFor(db);
    await Promise.all([own.run(insert(7)), own.run(insert(8))]);
    expect(rows(reader)).toEqual([7, 8]);
  });
});

it('keeps every write whose promise resolved when the process is killed with SIGKILL right after', async () => {
  const dataDir = tempDataDir();
  const count = 50;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'support/groupCommitCrashChild.ts'), dataDir, String(count)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('committed')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before committing`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;

  const db = openEmbeddedDatabase(dataDir);
  try {
    const { n } = db.prepare(`SELECT COUNT(*) AS n FROM crash_writes`).get() as { n: number };
    expect(n).toBe(count);
  } finally {
    db.close();
  }
});
