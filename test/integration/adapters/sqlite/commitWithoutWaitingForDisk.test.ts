// A progress commit is a normal transaction that does not wait for the disk, and it never leaves the
// connection that way: the acknowledged commits after it (an accepted alert, an operator's action) still do.
import {
  commitWithoutWaitingForDisk,
  openEmbeddedDatabase,
} from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';

const FULL = 2;
const NORMAL = 1;

describe('commitWithoutWaitingForDisk', () => {
  const dir = tempDataDir();
  const db = openEmbeddedDatabase(dir);
  db.exec('CREATE TABLE t (v TEXT)');
  const synchronous = () => db.pragma('synchronous', { simple: true }) as number;

  afterAll(() => {
    db.close();
    removeDir(dir);
  });

  it('commits at synchronous=NORMAL and puts the connection back to FULL', () => {
    expect(synchronous()).toBe(FULL);
    let during: number | undefined;
    const result = commitWithoutWaitingForDisk(db, () => {
      during = synchronous();
      db.prepare('INSERT INTO t VALUES (?)').run('kept');
      return 'done';
    });
    expect(result).toBe('done');
    expect(during).toBe(NORMAL);
    expect(synchronous()).toBe(FULL);
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 'kept' }]);
  });

  it('rolls back a transaction that throws, and still puts the connection back to FULL', () => {
    expect(() =>
      commitWithoutWaitingForDisk(
        db,
        () => {
          db.prepare('INSERT INTO t VALUES (?)').run('lost');
          throw new Error('broken');
        },
        'immediate',
      ),
    ).toThrow('broken');
    expect(synchronous()).toBe(FULL);
    expect(db.prepare('SELECT v FROM t WHERE v = ?').all('lost')).toEqual([]);
  });
});
