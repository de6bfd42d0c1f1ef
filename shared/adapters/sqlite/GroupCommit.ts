// Group commit for the embedded database: writes submitted in the same turn of the event loop run in one
// transaction, so that many concurrent requests share one durable commit (one fsync) instead of one each.
import { recordWriteFailure, recordWriteSuccess } from './embeddedWriteHealth';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';

/** Runs the group later in the same process; `setImmediate` lets every pending I/O callback submit first. */
export type FlushScheduler = (flush: () => void) => void;

interface PendingWrite {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

interface Statement {
  run(): unknown;
}

interface GroupStatements {
  readonly begin: Statement;
  readonly commit: Statement;
  readonly rollback: Statement;
  readonly savepoint: Statement;
  readonly release: Statement;
  readonly rollbackTo: Statement;
}

const scheduleAfterPendingIo: FlushScheduler = (flush) => {
  setImmediate(flush);
};

export class GroupCommit {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  private compiled: GroupStatements | undefined;

  constructor(
    private readonly db: EmbeddedDatabase,
    private readonly schedule: FlushScheduler = scheduleAfterPendingIo,
  ) {}

  /**
   * Runs `work` (synchronous SQLite statements) in the next group transaction and resolves with its result
   * only once that transaction is committed, so a resolved write is durable. A write that throws is rolled
   * back alone and rejects alone; a failed commit rejects every write of the group, and none happened.
   * `work` must touch nothing but the database: it may run again after a rollback (see `flush`).
   */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.schedule(() => this.flush());
      }
    });
  }

  /** Writes waiting for the next commit. */
  get waiting(): number {
    return this.pending.length;
  }

  private flush(): void {
    const group = this.pending;
    this.pending = [];
    this.scheduled = false;
    if (group.length === 0) {
      return;
    }
    let outcomes: readonly Outcome[];
    try {
      // Usually every write succeeds, so they run plainly (a savepoint per write costs as much as the write).
      // When one throws, the group is undone and run again with a savepoint around each write, so that only
      // the failing one is undone.
      outcomes = this.commitGroup(group, false) ?? this.commitGroup(group, true) ?? [];
    } catch (error) {
      // A full disk or an I/O error makes the health check report the database unhealthy.
      recordWriteFailure(this.db, error);
      for (const write of group) write.reject(error);
      return;
    }
    recordWriteSuccess(this.db);
    group.forEach((write, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok === true) write.resolve(outcome.value);
      else write.reject(outcome?.ok === false ? outcome.error : new Error('The write was not run.'));
    });
  }

  /**
   * One transaction over the group. Without isolation, answers undefined (rolled back) as soon as a write
   * throws; with it, commits whatever succeeded. Throws, rolled back, when the transaction itself fails.
   */
  private commitGroup(group: readonly PendingWrite[], isolateEachWrite: boolean): Outcome[] | undefined {
    const { begin, commit, rollback } = this.statements;
    begin.run();
    try {
      const outcomes: Outcome[] = [];
      for (const write of group) {
        const outcome = isolateEachWrite ? this.inSavepoint(write) : this.plainly(write);
        if (!this.db.inTransaction) {
          // SQLite ended the transaction on a serious error (disk full, I/O): nothing of the group stands.
          throw outcome.ok ? new Error('The group transaction ended unexpectedly.') : outcome.error;
        }
        if (!outcome.ok && !isolateEachWrite) {
          rollback.run();
          return undefined;
        }
        outcomes.push(outcome);
      }
      commit.run();
      return outcomes;
    } catch (error) {
      if (this.db.inTransaction) rollback.run();
      throw error;
    }
  }

  private plainly(write: PendingWrite): Outcome {
    try {
      return { ok: true, value: write.work() };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private inSavepoint(write: PendingWrite): Outcome {
    const { savepoint, release, rollbackTo } = this.statements;
    savepoint.run();
    try {
      const value = write.work();
      release.run();
      return { ok: true, value };
    } catch (error) {
      if (this.db.inTransaction) {
        rollbackTo.run();
        release.run();
      }
      return { ok: false, error };
    }
  }

  private get statements(): GroupStatements {
    this.compiled ??= {
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      commit: this.db.prepare('COMMIT'),
      rollback: this.db.prepare('ROLLBACK'),
      savepoint: this.db.prepare('SAVEPOINT group_write'),
      release: this.db.prepare('RELEASE group_write'),
      rollbackTo: this.db.prepare('ROLLBACK TO group_write'),
    };
    return this.compiled;
  }
}

const perConnection = new WeakMap<EmbeddedDatabase, GroupCommit>();

/**
 * The connection's one group commit: every adapter on a connection shares it, so the intake's enqueues
 * and the correlator's records of one turn of the event loop commit together.
 */
export function groupCommitFor(db: EmbeddedDatabase): GroupCommit {
  let group = perConnection.get(db);
  if (group === undefined) {
    group = new GroupCommit(db);
    perConnection.set(db, group);
  }
  return group;
}
