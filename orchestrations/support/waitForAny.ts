// Waits for the first of a durable timer and named external events, cancelling the timer when an event
// wins (a live timer would keep the instance waiting after it has moved on).
import type * as df from 'durable-functions';

export type WaitOutcome<E extends string> =
  { readonly kind: 'timeout' } | { readonly kind: E; readonly payload: unknown };

export function* waitForAny<E extends string>(
  context: df.OrchestrationContext,
  until: Date,
  events: readonly E[],
): Generator<df.Task, WaitOutcome<E>, unknown> {
  const timer = context.df.createTimer(until);
  const waits = events.map((name) => ({ name, task: context.df.waitForExternalEvent(name) }));
  const winner = yield context.df.Task.any([timer, ...waits.map((w) => w.task)]);
  const event = waits.find((w) => w.task === winner);
  if (event === undefined) {
    return { kind: 'timeout' };
  }
  timer.cancel();
  return { kind: event.name, payload: event.task.result };
}

export function secondsAfter(context: df.OrchestrationContext, seconds: number): Date {
  return new Date(context.df.currentUtcDateTime.getTime() + seconds * 1000);
}
