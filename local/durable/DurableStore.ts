// Persistence for the local Durable runtime: instances, history, per-instance inboxes, activity work items and
// durable timers, all in the embedded database so that one transaction commits an episode's every effect.
import {
  commitWithoutWaitingForDisk,
  type EmbeddedDatabase,
} from '../../shared/adapters/sqlite/openEmbeddedDatabase';
import type { HistoryEvent } from './historyEvents';
import type { InstanceState } from './InstanceState';

export type RuntimeStatus = 'Pending' | 'Running' | 'Completed' | 'Failed' | 'Terminated' | 'Suspended';

export const terminalStatuses: readonly RuntimeStatus[] = ['Completed', 'Failed', 'Terminated'];

export function isTerminal(status: RuntimeStatus): boolean {
  return terminalStatuses.includes(status);
}

export interface InstanceRecord {
  readonly instanceId: string;
  readonly name: string;
  readonly executionId: string;
  readonly runtimeStatus: RuntimeStatus;
  /** JSON text. */
  readonly input: string;
  readonly output: string | null;
  readonly customStatus: string | null;
  readonly createdAt: number;
  readonly lastUpdatedAt: number;
  readonly parent?: { instanceId: string; executionId: string; taskId: number };
  readonly state: InstanceState;
}

export interface InboxEntry {
  readonly id: number;
  readonly event: HistoryEvent;
}

export interface WorkItem {
  readonly id: number;
  readonly instanceId: string;
  readonly executionId: string;
  readonly taskId: number;
  readonly name: string;
  readonly input: unknown;
  readonly attempt: number;
}

export interface DueTimer {
  readonly instanceId: string;
  readonly executionId: string;
  readonly timerId: number;
  readonly fireAt: number;
}

export interface InstanceQuery {
  readonly runtimeStatus?: readonly RuntimeStatus[];
  readonly createdFrom?: number;
  readonly createdTo?: number;
  readonly instanceIdPrefix?: string;
  readonly top: number;
  /** Exclusive lower bound on the (createdAt, instanceId) ordering key. */
  readonly after?: { createdAt: number; instanceId: string };
}

interface InstanceRow {
  instance_id: string;
  name: string;
  execution_id: string;
  runtime_status: RuntimeStatus;
  input: string;
  output: string | null;
  custom_status: string | null;
  created_at: number;
  last_updated_at: number;
  parent_instance_id: string | null;
  parent_execution_id: string | null;
  parent_task_id: number | null;
  state: string;
}

interface WorkRow {
  id: number;
  instance_id: string;
  execution_id: string;
  task_id: number;
  name: string;
  input: string;
  attempt: number;
}

export class DurableStore {
  /** Ids of work items a worker in this process is running. */
  private readonly claimed = new Set<number>();

  constructor(readonly db: EmbeddedDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS df_instances (
        instance_id TEXT PRIMARY KEY, name TEXT NOT NULL, execution_id TEXT NOT NULL, runtime_status TEXT NOT NULL,
        input TEXT NOT NULL, output TEXT, custom_status TEXT, created_at INTEGER NOT NULL, last_updated_at INTEGER NOT NULL,
        parent_instance_id TEXT, parent_execution_id TEXT, parent_task_id INTEGER, state TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS df_instances_created ON df_instances (created_at, instance_id);
      CREATE TABLE IF NOT EXISTS df_history (
        instance_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY (instance_id, seq));
      CREATE TABLE IF NOT EXISTS df_inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, execution_id TEXT NOT NULL, event TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS df_inbox_instance ON df_inbox (instance_id, id);
      CREATE TABLE IF NOT EXISTS df_work (
        id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, execution_id TEXT NOT NULL, task_id INTEGER NOT NULL,
        name TEXT NOT NULL, input TEXT NOT NULL, attempt INTEGER NOT NULL, claimed INTEGER NOT NULL DEFAULT 0);
      -- claimed: unused since claims are kept in memory; kept so data directories of earlier versions open.
      CREATE TABLE IF NOT EXISTS df_timers (
        instance_id TEXT NOT NULL, execution_id TEXT NOT NULL, timer_id INTEGER NOT NULL, fire_at INTEGER NOT NULL,
        PRIMARY KEY (instance_id, execution_id, timer_id));
      CREATE INDEX IF NOT EXISTS df_timers_due ON df_timers (fire_at);
    `);
  }

  /** One transaction, committed as `synchronous = FULL` (the connection's setting): it survives a power cut. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * One transaction of the engine's own progress (an episode's effects, an activity's result, a timer
   * firing), committed without waiting for the disk: it survives kill -9 like any other, and after a power
   * cut the engine may find itself a little further back, from where it re-runs the same work (activities
   * run at least once and their side effects carry idempotency keys). Nothing anyone outside was told about
   * depends on it: that was committed as FULL, which makes everything before it durable as well.
   */
  progressTransaction<T>(fn: () => T): T {
    return commitWithoutWaitingForDisk(this.db, fn);
  }

  getInstance(instanceId: string): InstanceRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM df_instances WHERE instance_id = ?`).get(instanceId) as
      InstanceRow | undefined;
    return row && toInstance(row);
  }

  putInstance(instance: InstanceRecord): void {
    this.db
      .prepare(
        `INSERT INTO df_instances (instance_id, name, execution_id, runtime_status, input, output, custom_status,
           created_at, last_updated_at, parent_instance_id, parent_execution_id, parent_task_id, state)
         VALUES (@instance_id, @name, @execution_id, @runtime_status, @input, @output, @custom_status,
           @created_at, @last_updated_at, @parent_instance_id, @parent_execution_id, @parent_task_id, @state)
         ON CONFLICT (instance_id) DO UPDATE SET name = excluded.name, execution_id = excluded.execution_id,
           runtime_status = excluded.runtime_status, input = excluded.input, output = excluded.output,
           custom_status = excluded.custom_status, created_at = excluded.created_at,
           last_updated_at = excluded.last_updated_at, parent_instance_id = excluded.parent_instance_id,
           parent_execution_id = excluded.parent_execution_id, parent_task_id = excluded.parent_task_id,
           state = excluded.state`,
      )
      .run({
        instance_id: instance.instanceId,
        name: instance.name,
        execution_id: instance.executionId,
        runtime_status: instance.runtimeStatus,
        input: instance.input,
        output: instance.output,
        custom_status: instance.customStatus,
        created_at: instance.createdAt,
        last_updated_at: instance.lastUpdatedAt,
        parent_instance_id: instance.parent?.instanceId ?? null,
        parent_execution_id: instance.parent?.executionId ?? null,
        parent_task_id: instance.parent?.taskId ?? null,
        state: JSON.stringify(instance.state),
      });
  }

  queryInstances(query: InstanceQuery): InstanceRecord[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.runtimeStatus && query.runtimeStatus.length > 0) {
      where.push(`runtime_status IN (${query.runtimeStatus.map(() => '?').join(',')})`);
      params.push(...query.runtimeStatus);
    }
    if (query.createdFrom !== undefined) {
      where.push('created_at >= ?');
      params.push(query.createdFrom);
    }
    if (query.createdTo !== undefined) {
      where.push('created_at <= ?');
      params.push(query.createdTo);
    }
    if (query.instanceIdPrefix) {
      where.push('substr(instance_id, 1, ?) = ?');
      params.push(query.instanceIdPrefix.length, query.instanceIdPrefix);
    }
    if (query.after) {
      where.push('(created_at > ? OR (created_at = ? AND instance_id > ?))');
      params.push(query.after.createdAt, query.after.createdAt, query.after.instanceId);
    }
    const sql = `SELECT * FROM df_instances ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY created_at, instance_id LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, query.top) as InstanceRow[];
    return rows.map(toInstance);
  }

  deleteInstance(instanceId: string): boolean {
    for (const table of ['df_history', 'df_inbox', 'df_work', 'df_timers']) {
      this.db.prepare(`DELETE FROM ${table} WHERE instance_id = ?`).run(instanceId);
    }
    return this.db.prepare(`DELETE FROM df_instances WHERE instance_id = ?`).run(instanceId).changes > 0;
  }

  getHistory(instanceId: string): HistoryEvent[] {
    const rows = this.db
      .prepare(`SELECT event FROM df_history WHERE instance_id = ? ORDER BY seq`)
      .all(instanceId) as { event: string }[];
    return rows.map((r) => JSON.parse(r.event) as HistoryEvent);
  }

  /** The instance's ExecutionStarted event (input, name, the trace it continues), once it is in history. */
  executionStarted(instanceId: string): HistoryEvent | undefined {
    const row = this.db
      .prepare(
        `SELECT event FROM df_history WHERE instance_id = ? AND json_extract(event, '$.EventType') = 0 ORDER BY seq LIMIT 1`,
      )
      .get(instanceId) as { event: string } | undefined;
    return row ? (JSON.parse(row.event) as HistoryEvent) : undefined;
  }

  appendHistory(instanceId: string, events: readonly HistoryEvent[]): void {
    const next = this.db
      .prepare(`SELECT COALESCE(MAX(seq), -1) + 1 AS next FROM df_history WHERE instance_id = ?`)
      .get(instanceId) as { next: number };
    const insert = this.db.prepare(`INSERT INTO df_history (instance_id, seq, event) VALUES (?, ?, ?)`);
    events.forEach((e, i) =>
      insert.run(instanceId, next.next + i, JSON.stringify({ ...e, IsPlayed: false })),
    );
  }

  clearHistory(instanceId: string): void {
    this.db.prepare(`DELETE FROM df_history WHERE instance_id = ?`).run(instanceId);
  }

  enqueueEvent(instanceId: string, executionId: string, event: HistoryEvent): void {
    this.db
      .prepare(`INSERT INTO df_inbox (instance_id, execution_id, event) VALUES (?, ?, ?)`)
      .run(instanceId, executionId, JSON.stringify(event));
  }

  inbox(instanceId: string, executionId: string): InboxEntry[] {
    const rows = this.db
      .prepare(`SELECT id, event FROM df_inbox WHERE instance_id = ? AND execution_id = ? ORDER BY id`)
      .all(instanceId, executionId) as { id: number; event: string }[];
    return rows.map((r) => ({ id: r.id, event: JSON.parse(r.event) as HistoryEvent }));
  }

  deleteInboxEntries(ids: readonly number[]): void {
    const del = this.db.prepare(`DELETE FROM df_inbox WHERE id = ?`);
    ids.forEach((id) => del.run(id));
  }

  /** Instances with inbox events that may run an episode now. */
  instancesWithWork(limit: number): string[] {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT i.instance_id AS id FROM df_inbox b JOIN df_instances i
           ON i.instance_id = b.instance_id AND i.execution_id = b.execution_id
         WHERE i.runtime_status IN ('Pending', 'Running') ORDER BY b.id LIMIT ?`,
      )
      .all(limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  addWorkItem(item: Omit<WorkItem, 'id'>): void {
    this.db
      .prepare(
        `INSERT INTO df_work (instance_id, execution_id, task_id, name, input, attempt) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        item.instanceId,
        item.executionId,
        item.taskId,
        item.name,
        JSON.stringify(item.input ?? null),
        item.attempt,
      );
  }

  /**
   * Claims up to `max` work items no worker holds. Claims live in memory, not in the database: they do not
   * survive a restart anyway (after a crash everything unfinished runs again, at-least-once), and keeping
   * them out of the file saves a durable commit per activity.
   */
  claimWorkItems(max: number): WorkItem[] {
    if (max <= 0) {
      return [];
    }
    const rows = this.db
      .prepare(`SELECT * FROM df_work ORDER BY id LIMIT ?`)
      .all(max + this.claimed.size) as WorkRow[];
    const items: WorkItem[] = [];
    for (const r of rows) {
      if (items.length >= max) {
        break;
      }
      if (this.claimed.has(r.id)) {
        continue;
      }
      this.claimed.add(r.id);
      items.push({
        id: r.id,
        instanceId: r.instance_id,
        executionId: r.execution_id,
        taskId: r.task_id,
        name: r.name,
        input: JSON.parse(r.input) as unknown,
        attempt: r.attempt,
      });
    }
    return items;
  }

  /** Whether a work item is waiting for a worker. */
  hasUnclaimedWork(): boolean {
    const rows = this.db.prepare(`SELECT id FROM df_work ORDER BY id LIMIT ?`).all(this.claimed.size + 1) as {
      id: number;
    }[];
    return rows.some((r) => !this.claimed.has(r.id));
  }

  /**
   * Takes a claim back after the transaction that deleted the item failed (a full disk): the item stays with
   * the worker that is retrying its completion instead of being run a second time meanwhile.
   */
  keepClaim(id: number): void {
    this.claimed.add(id);
  }

  deleteWorkItem(id: number): boolean {
    this.claimed.delete(id);
    return this.db.prepare(`DELETE FROM df_work WHERE id = ?`).run(id).changes > 0;
  }

  /** Work left unfinished by the previous run, which runs again now (at-least-once). */
  unfinishedWorkCount(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM df_work`).get() as { n: number }).n;
  }

  addTimer(timer: DueTimer): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO df_timers (instance_id, execution_id, timer_id, fire_at) VALUES (?, ?, ?, ?)`,
      )
      .run(timer.instanceId, timer.executionId, timer.timerId, timer.fireAt);
  }

  deleteTimer(instanceId: string, executionId: string, timerId: number): void {
    this.db
      .prepare(`DELETE FROM df_timers WHERE instance_id = ? AND execution_id = ? AND timer_id = ?`)
      .run(instanceId, executionId, timerId);
  }

  deleteInstanceWork(instanceId: string): void {
    this.db.prepare(`DELETE FROM df_timers WHERE instance_id = ?`).run(instanceId);
    // Items a worker holds stay until it reports: their results are then dropped as stale.
    this.db
      .prepare(`DELETE FROM df_work WHERE instance_id = ? AND id NOT IN (SELECT value FROM json_each(?))`)
      .run(instanceId, JSON.stringify([...this.claimed]));
  }

  dueTimers(now: number): DueTimer[] {
    const rows = this.db.prepare(`SELECT * FROM df_timers WHERE fire_at <= ? ORDER BY fire_at`).all(now) as {
      instance_id: string;
      execution_id: string;
      timer_id: number;
      fire_at: number;
    }[];
    return rows.map((r) => ({
      instanceId: r.instance_id,
      executionId: r.execution_id,
      timerId: r.timer_id,
      fireAt: r.fire_at,
    }));
  }

  nextTimerAt(): number | undefined {
    const row = this.db.prepare(`SELECT MIN(fire_at) AS at FROM df_timers`).get() as { at: number | null };
    return row.at ?? undefined;
  }
}

function toInstance(row: InstanceRow): InstanceRecord {
  return {
    instanceId: row.instance_id,
    name: row.name,
    executionId: row.execution_id,
    runtimeStatus: row.runtime_status,
    input: row.input,
    output: row.output,
    customStatus: row.custom_status,
    createdAt: row.created_at,
    lastUpdatedAt: row.last_updated_at,
    ...(row.parent_instance_id !== null && row.parent_execution_id !== null && row.parent_task_id !== null
      ? {
          parent: {
            instanceId: row.parent_instance_id,
            executionId: row.parent_execution_id,
            taskId: row.parent_task_id,
          },
        }
      : {}),
    state: JSON.parse(row.state) as InstanceState,
  };
}
