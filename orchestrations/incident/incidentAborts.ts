// How the incident orchestration hears an abort (and its other events): every wait of every phase goes
// through one IncidentWaits per execution, so an abort is read the same way wherever the incident is (what it
// then stops per phase: shared/domain/incident/abort.ts).
// An abort that arrives while the incident runs an activity lands on the wait of an earlier race
// (orchestrations/support/EventWaits.ts says why): all of them are read again before each wait.
import type * as df from 'durable-functions';
import {
  OPERATOR_ACTION_EVENT,
  operatorActionEventSchema,
} from '../../shared/domain/contracts/incidentLifecycleContracts';
import { abortOf, type Abort } from '../../shared/domain/incident/abort';
import { EventWaits } from '../support/EventWaits';
import type { WaitOutcome } from '../support/waitForAny';

export type Aborted = { readonly kind: 'abort' } & Abort;

/** The abort an operator-action event carries; undefined for anything else raised under its name. */
export function abortFromEvent(payload: unknown): Abort | undefined {
  const event = operatorActionEventSchema.safeParse(payload);
  return event.success ? abortOf(event.data) : undefined;
}

/** Every wait of one execution of the incident orchestration (see EventWaits for why one is shared). */
export class IncidentWaits {
  private readonly events: EventWaits;

  constructor(context: df.OrchestrationContext) {
    this.events = new EventWaits(context);
  }

  /** Waits until `until` for one of `events`, unless an abort comes first (or came while it did other work). */
  *until<E extends string>(
    until: Date,
    events: readonly E[],
  ): Generator<df.Task, WaitOutcome<E> | Aborted, unknown> {
    for (;;) {
      const waited = yield* this.events.until(until, [OPERATOR_ACTION_EVENT, ...events]);
      if (!('payload' in waited) || waited.kind !== OPERATOR_ACTION_EVENT) {
        return waited as WaitOutcome<E>;
      }
      const abort = abortFromEvent(waited.payload);
      if (abort) return { kind: 'abort', ...abort };
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
    const raced = yield* this.events.race(task, OPERATOR_ACTION_EVENT);
    if (raced.kind === 'done') return raced;
    const abort = abortFromEvent(raced.payload) ?? abortOf({ actor: 'operator' });
    return { kind: 'abort', ...abort, scheduled: raced.scheduled };
  }

  /** Waits for an abort, however long it takes. */
  *nextAbort(): Generator<df.Task, Abort, unknown> {
    for (;;) {
      const abort = abortFromEvent((yield* this.events.next(OPERATOR_ACTION_EVENT)).payload);
      if (abort) return abort;
    }
  }
}
