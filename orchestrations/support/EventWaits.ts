// Waits for external events without losing one that arrives while the orchestration does something else.
//
// durable-functions hands a raised event to the newest open waitForExternalEvent of its name, also to one
// whose race already ended (TaskOrchestrationExecutor pops `openEvents[name]`); only when none is open is
// the event kept for the next wait. A wait that lost its race to a timer or another event stays open, so an
// event raised while the orchestration runs an activity lands there and is lost if nothing reads it again.
// EventWaits remembers every wait it opened and reads them all before it waits again. One per execution.
import type * as df from 'durable-functions';
import type { WaitOutcome } from './waitForAny';

export interface Delivered<E extends string> {
  readonly kind: E;
  readonly payload: unknown;
}

interface OpenedWait {
  readonly name: string;
  readonly task: df.Task;
  taken: boolean;
}

export class EventWaits {
  private readonly opened: OpenedWait[] = [];

  constructor(private readonly context: df.OrchestrationContext) {}

  /**
   * The first of `events` already delivered (earlier names first: they matter more), else waits until
   * `until` for one of them.
   */
  *until<E extends string>(until: Date, events: readonly E[]): Generator<df.Task, WaitOutcome<E>, unknown> {
    const delivered = this.take(events);
    if (delivered) return delivered;
    const timer = this.context.df.createTimer(until);
    const waits = events.map((name) => this.open(name));
    const winner = yield this.context.df.Task.any([timer, ...waits]);
    if (winner === timer) {
      return { kind: 'timeout' };
    }
    timer.cancel(); // a live timer would keep the instance waiting after it moved on
    return this.take(events) ?? { kind: 'timeout' };
  }

  /**
   * Awaits `task` unless `event` comes first (or came already: then `task` is not scheduled). A task joins one
   * race only: the caller decides what to do with a task that goes on.
   */
  *race<E extends string>(
    task: df.Task,
    event: E,
  ): Generator<
    df.Task,
    { readonly kind: 'done' } | (Delivered<E> & { readonly scheduled: boolean }),
    unknown
  > {
    const delivered = this.take([event]);
    if (delivered) return { ...delivered, scheduled: false };
    const wait = this.open(event);
    const first = yield this.context.df.Task.any([task, wait]);
    if (first === task) {
      return { kind: 'done' };
    }
    return { ...(this.take([event]) ?? { kind: event, payload: wait.result }), scheduled: true };
  }

  /** The next `event`, however long it takes. */
  *next<E extends string>(event: E): Generator<df.Task, Delivered<E>, unknown> {
    for (;;) {
      const delivered = this.take([event]);
      if (delivered) return delivered;
      yield this.open(event);
    }
  }

  /** The first of `events` delivered to any wait opened so far and not yet taken, oldest first per name. */
  take<E extends string>(events: readonly E[]): Delivered<E> | undefined {
    for (const name of events) {
      const wait = this.opened.find((w) => w.name === name && !w.taken && w.task.isCompleted);
      if (wait) {
        wait.taken = true;
        return { kind: name, payload: wait.task.result };
      }
    }
    return undefined;
  }

  private open(name: string): df.Task {
    const task = this.context.df.waitForExternalEvent(name);
    this.opened.push({ name, task, taken: false });
    return task;
  }
}
