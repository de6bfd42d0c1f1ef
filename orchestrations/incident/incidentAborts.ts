// How the incident orchestration hears an abort: every wait of every phase goes through these, so an abort
// is read the same way wherever the incident is (what it then stops per phase: shared/domain/incident/abort.ts).
import type * as df from 'durable-functions';
import {
  OPERATOR_ACTION_EVENT,
  operatorActionEventSchema,
} from '../../shared/domain/contracts/incidentLifecycleContracts';
import { abortOf, type Abort } from '../../shared/domain/incident/abort';
import { waitForAny, type WaitOutcome } from '../support/waitForAny';

export type Aborted = { readonly kind: 'abort' } & Abort;

/** The abort an operator-action event carries; undefined for anything else raised under its name. */
export function abortFromEvent(payload: unknown): Abort | undefined {
  const event = operatorActionEventSchema.safeParse(payload);
  return event.success ? abortOf(event.data) : undefined;
}

/** Waits until `until` for one of `events`, unless an abort comes first. */
export function* waitUnlessAborted<E extends string>(
  context: df.OrchestrationContext,
  until: Date,
  events: readonly E[],
): Generator<df.Task, WaitOutcome<E> | Aborted, unknown> {
  for (;;) {
    const waited = yield* waitForAny(context, until, [...events, OPERATOR_ACTION_EVENT]);
    if (!('payload' in waited) || waited.kind !== OPERATOR_ACTION_EVENT) {
      return waited as WaitOutcome<E>;
    }
    const abort = abortFromEvent(waited.payload);
    if (abort) {
      return { kind: 'abort', ...abort };
    }
  }
}

/**
 * Awaits `task` (a sub-orchestration), unless an abort comes first; the task goes on either way. A task joins
 * one race only, so anything raised under the abort event's name ends the race as an abort (only the actions
 * API raises it, and it raises nothing else).
 */
export function* raceAbort(
  context: df.OrchestrationContext,
  task: df.Task,
): Generator<df.Task, { readonly kind: 'done' } | Aborted, unknown> {
  const wait = context.df.waitForExternalEvent(OPERATOR_ACTION_EVENT);
  const first = yield context.df.Task.any([task, wait]);
  if (first === task) {
    return { kind: 'done' };
  }
  return { kind: 'abort', ...(abortFromEvent(wait.result) ?? abortOf({ actor: 'operator' })) };
}

/** Waits for an abort, however long it takes. */
export function* nextAbort(context: df.OrchestrationContext): Generator<df.Task, Abort, unknown> {
  for (;;) {
    const abort = abortFromEvent(yield context.df.waitForExternalEvent(OPERATOR_ACTION_EVENT));
    if (abort) return abort;
  }
}
