// How the incident orchestration hears an abort (and its other events): every wait of every phase goes
// through one IncidentWaits per execution, so an abort is read the same way wherever the incident is (what it
// then stops per phase: shared/domain/incident/abort.ts).
//
// durable-functions hands a raised event to the newest open waitForExternalEvent of its name, also to one
// whose race already ended (TaskOrchestrationExecutor pops `openEvents[name]`); only when none is open is the
// event kept for the next wait. So an abort that arrives while the incident runs an activity lands on the
// wait of an earlier race, and would be lost if nothing read that wait again. IncidentWaits remembers every
// wait it opened and reads them all before it waits again.
import type * as df from 'durable-functions';
import {
  OPERATOR_ACTION_EVENT,
  operatorActionEventSchema,
} from '../../shared/domain/contracts/incidentLifecycleContracts';
import { abortOf, type Abort } from '../../shared/domain/incident/abort';
import type { WaitOutcome } from '../support/waitForAny';

export type Aborted = { readonly kind: 'abort' } & Abort;

/** The abort an operator-action event carries; undefined for anything else raised under its name. */
export function abortFromEvent(payload: unknown): Abort | undefined {
  const event = operatorActionEventSchema.safeParse(payload);
  return event.success ? abortOf(event.data) : undefined;
}

interface OpenedWait {
  readonly name: string;
  readonly task: df.Task;
  taken: boolean;
}

export class IncidentWaits {
  private readonly opened: OpenedWait[] = [];

  constructor(private readonly context: df.OrchestrationContext) {}

  /** Waits until `until` for one of `events`, unless an abort comes first (or came while it did other work). */
  *until<E extends string>(
    until: Date,
    events: readonly E[],
  ): Generator<df.Task, WaitOutcome<E> | Aborted, unknown> {
    for (;;) {
      const abort = this.takeAbort();
      if (abort) return abort;
      const event = this.takeEvent(events);
      if (event) return event;
      const timer = this.context.df.createTimer(until);
      const waits = [...events, OPERATOR_ACTION_EVENT].map((name) => this.open(name));
      const winner = yield this.context.df.Task.any([timer, ...waits]);
      if (winner === timer) {
        return { kind: 'timeout' };
      }
      timer.cancel(); // a live timer would keep the instance waiting after it moved on
    }
  }

  /**
   * Awaits `task` (a sub-orchestration), unless an abort comes first; once scheduled, the task goes on either
   * way. An abort already heard returns before `task` is scheduled (`scheduled: false`: nothing was started).
   * A task joins one race only, so anything raised under the abort event's name ends the race as an abort
   * (only the actions API raises it, and it raises nothing else).
   */
  *race(
    task: df.Task,
  ): Generator<df.Task, { readonly kind: 'done' } | (Aborted & { readonly scheduled: boolean }), unknown> {
    const heard = this.takeAbort();
    if (heard) return { ...heard, scheduled: false };
    const wait = this.open(OPERATOR_ACTION_EVENT);
    const first = yield this.context.df.Task.any([task, wait]);
    if (first === task) {
      return { kind: 'done' };
    }
    const abort = this.takeAbort() ?? { kind: 'abort', ...abortOf({ actor: 'operator' }) };
    return { ...abort, scheduled: true };
  }

  /** Waits for an abort, however long it takes. */
  *nextAbort(): Generator<df.Task, Abort, unknown> {
    for (;;) {
      const abort = this.takeAbort();
      if (abort) return abort;
      yield this.open(OPERATOR_ACTION_EVENT);
    }
  }

  private open(name: string): df.Task {
    const task = this.context.df.waitForExternalEvent(name);
    this.opened.push({ name, task, taken: false });
    return task;
  }

  /** The first abort among the events delivered to any wait opened so far; other operator events are spent. */
  private takeAbort(): Aborted | undefined {
    for (const wait of this.delivered(OPERATOR_ACTION_EVENT)) {
      wait.taken = true;
      const abort = abortFromEvent(wait.task.result);
      if (abort) return { kind: 'abort', ...abort };
    }
    return undefined;
  }

  /** The oldest event of `events` delivered and not yet taken; others stay for a wait that asks for them. */
  private takeEvent<E extends string>(events: readonly E[]): WaitOutcome<E> | undefined {
    for (const name of events) {
      const [wait] = this.delivered(name);
      if (wait) {
        wait.taken = true;
        return { kind: name, payload: wait.task.result };
      }
    }
    return undefined;
  }

  private delivered(name: string): OpenedWait[] {
    return this.opened.filter((w) => w.name === name && !w.taken && w.task.isCompleted);
  }
}
