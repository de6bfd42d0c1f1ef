// Calls an activity through its contract: input validated before it is scheduled, output validated when
// it comes back, so a contract drift fails loudly instead of corrupting the orchestration's state. A
// permanent failure the activity returned (see functions/activities/registerActivity.ts) becomes a
// NonRetryableError here, after exactly one attempt: the failure the caller sees.
import type * as df from 'durable-functions';
import type { z } from 'zod';
import type { ActivityContract } from '../../shared/domain/contracts/ActivityContract';
import { readPermanentFailure } from '../../shared/domain/contracts/PermanentFailure';
import { taskFailureMessage } from '../../shared/domain/contracts/taskFailureMessage';
import { NonRetryableError } from '../../shared/errors';
import { STORE_ACTIVITY_RETRY } from './retryPolicies';

export function* callActivity<I extends z.ZodType, O extends z.ZodType>(
  context: df.OrchestrationContext,
  contract: ActivityContract<I, O>,
  input: z.input<I>,
  retry: df.RetryOptions = STORE_ACTIVITY_RETRY,
): Generator<df.Task, z.output<O>, unknown> {
  const result: unknown = yield scheduleActivity(context, contract, input, retry);
  return activityResult(contract, result);
}

/** Schedules the call without awaiting it (to race it); read what it returns with `activityResult`. */
export function scheduleActivity<I extends z.ZodType, O extends z.ZodType>(
  context: { readonly df: Pick<df.OrchestrationContext['df'], 'isReplaying' | 'callActivityWithRetry'> },
  contract: ActivityContract<I, O>,
  input: z.input<I>,
  retry: df.RetryOptions = STORE_ACTIVITY_RETRY,
): df.Task {
  // The input was checked when the call was first scheduled; replaying it (every episode, for every
  // earlier call) would only repeat that work.
  const checked: unknown = context.df.isReplaying ? input : contract.input.parse(input);
  return context.df.callActivityWithRetry(contract.name, retry, checked);
}

/** What a completed call of `contract` returned; throws NonRetryableError for a permanent failure. */
export function activityResult<I extends z.ZodType, O extends z.ZodType>(
  contract: ActivityContract<I, O>,
  result: unknown,
): z.output<O> {
  const failure = readPermanentFailure(result);
  if (failure !== undefined) {
    throw new NonRetryableError(`Activity '${contract.name}' failed (not retried): ${failure.message}`);
  }
  return contract.output.parse(result);
}

/** Why a call failed, for a timeline entry: its permanent failure, or the error its last attempt threw. */
export function activityFailure(task: df.Task): string | undefined {
  if (task.isFaulted) {
    return taskFailureMessage(task.result);
  }
  return readPermanentFailure(task.result)?.message;
}
