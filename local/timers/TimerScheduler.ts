// Timer triggers in the local runtime, on the runtime's clock, as the Functions host's timer listener runs
// them: each function's schedule status (last, next, lastUpdated) is kept in the embedded database; at start
// an occurrence missed while the runtime was down runs once, straight away, with `isPastDue` (however many
// were missed), `runOnStartup` runs once otherwise; one invocation of a function at a time; after each, the
// status moves on to the next occurrence after the one that ran.
import type { EmbeddedDatabase } from '../../shared/adapters/sqlite/openEmbeddedDatabase';
import type { Clock } from '../clock/Clock';
import type { TimerFunction } from '../host/FunctionCatalog';
import { NcrontabSchedule } from './NcrontabSchedule';

export interface ScheduleStatus {
  /** The last occurrence that ran (epoch ms); undefined before the first. */
  readonly last?: number;
  readonly next: number;
  readonly lastUpdated: number;
}

/** What the host hands a timer function (PascalCase, as its TimerInfo serialises; the library camelCases it). */
export interface TimerInvocation {
  readonly fn: TimerFunction;
  readonly isPastDue: boolean;
  readonly status: ScheduleStatus;
}

interface Pending {
  readonly fn: TimerFunction;
  readonly schedule: NcrontabSchedule;
  status: ScheduleStatus;
  /** Set at start for a missed occurrence or runOnStartup: runs at once, before the regular schedule. */
  startup?: 'past-due' | 'run-on-startup';
  running: boolean;
}

interface StatusRow {
  name: string;
  schedule: string;
  last: number | null;
  next: number;
  last_updated: number;
}

/** The host's DefaultDateTime for a status never recorded: Last and LastUpdated before any run. */
const NEVER = new Date(Date.UTC(1, 0, 1)).toISOString();

export class TimerScheduler {
  private readonly pending: Pending[] = [];

  constructor(
    private readonly db: EmbeddedDatabase,
    timers: readonly TimerFunction[],
    private readonly clock: Clock,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS timer_status (
      name TEXT PRIMARY KEY, schedule TEXT NOT NULL, last INTEGER, next INTEGER NOT NULL, last_updated INTEGER NOT NULL)`);
    const now = clock.now();
    for (const fn of timers) {
      const schedule = NcrontabSchedule.parse(fn.schedule);
      const row = db.prepare(`SELECT * FROM timer_status WHERE name = ?`).get(fn.name) as
        StatusRow | undefined;
      let status: ScheduleStatus;
      if (row === undefined) {
        status = { next: nextOrThrow(schedule, now, fn.name), lastUpdated: now };
        this.save(fn.name, schedule, status);
      } else if (row.schedule !== schedule.expression) {
        // The schedule changed while the runtime was down: the next occurrence is recomputed from when the
        // status was last written, as the host's monitor does, so a change cannot skip a due run.
        status = {
          ...(row.last === null ? {} : { last: row.last }),
          next: nextOrThrow(schedule, row.last_updated, fn.name),
          lastUpdated: now,
        };
        this.save(fn.name, schedule, status);
      } else {
        status = {
          ...(row.last === null ? {} : { last: row.last }),
          next: row.next,
          lastUpdated: row.last_updated,
        };
      }
      const pastDue = status.next <= now;
      const startup = pastDue ? 'past-due' : fn.runOnStartup ? 'run-on-startup' : undefined;
      this.pending.push({ fn, schedule, status, running: false, ...(startup ? { startup } : {}) });
    }
  }

  /** Invocations due now; each is marked running until `completed`. */
  takeDue(): TimerInvocation[] {
    const now = this.clock.now();
    const due: TimerInvocation[] = [];
    for (const p of this.pending) {
      if (p.running || (p.startup === undefined && p.status.next > now)) continue;
      p.running = true;
      due.push({ fn: p.fn, isPastDue: p.startup === 'past-due', status: p.status });
    }
    return due;
  }

  /** Whether an invocation is due and not running (the runtime is not idle then). */
  hasDue(): boolean {
    const now = this.clock.now();
    return this.pending.some((p) => !p.running && (p.startup !== undefined || p.status.next <= now));
  }

  /** The earliest next occurrence of a timer not running, for the runtime's wake-up. */
  nextAt(): number | undefined {
    const times = this.pending.filter((p) => !p.running).map((p) => (p.startup ? 0 : p.status.next));
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /**
   * Records the invocation that ran (whatever its outcome: a failed run does not stop the schedule). A
   * regular occurrence that fired a little early counts as its scheduled time, so the same occurrence
   * cannot run twice.
   */
  completed(invocation: TimerInvocation, invokedAt: number): void {
    const p = this.pending.find((x) => x.fn === invocation.fn);
    if (p === undefined) return;
    const regular = p.startup === undefined;
    const at = regular && p.status.next > invokedAt ? p.status.next : invokedAt;
    const next = p.schedule.nextAfter(at);
    delete p.startup;
    p.running = false;
    if (next === undefined) {
      this.pending.splice(this.pending.indexOf(p), 1);
      return;
    }
    p.status = { last: at, next, lastUpdated: at };
    this.save(p.fn.name, p.schedule, p.status);
  }

  private save(name: string, schedule: NcrontabSchedule, status: ScheduleStatus): void {
    this.db
      .prepare(
        `INSERT INTO timer_status (name, schedule, last, next, last_updated) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET schedule = excluded.schedule, last = excluded.last, next = excluded.next, last_updated = excluded.last_updated`,
      )
      .run(name, schedule.expression, status.last ?? null, status.next, status.lastUpdated);
  }
}

/** The trigger's binding data, as the host serialises TimerInfo. */
export function timerInfoJson(invocation: TimerInvocation): string {
  const iso = (ms: number | undefined) => (ms === undefined ? NEVER : new Date(ms).toISOString());
  return JSON.stringify({
    Schedule: { AdjustForDST: true },
    ScheduleStatus: {
      Last: iso(invocation.status.last),
      Next: iso(invocation.status.next),
      LastUpdated: iso(invocation.status.lastUpdated),
    },
    IsPastDue: invocation.isPastDue,
  });
}

function nextOrThrow(schedule: NcrontabSchedule, after: number, name: string): number {
  const next = schedule.nextAfter(after);
  if (next === undefined) {
    throw new Error(`Timer function "${name}" has a schedule that never occurs: "${schedule.expression}".`);
  }
  return next;
}
