// What a wait for a durable timer and named external events ends with (orchestrations wait through
// EventWaits, which does not lose an event that lands on the wait of an earlier race), and durable deadlines.
import type * as df from 'durable-functions';

export type WaitOutcome<E extends string> =
  { readonly kind: 'timeout' } | { readonly kind: E; readonly payload: unknown };

export function secondsAfter(context: df.OrchestrationContext, seconds: number): Date {
  return new Date(context.df.currentUtcDateTime.getTime() + seconds * 1000);
}
