// Calls an activity through its contract: input validated before it is scheduled, output validated when
// it comes back, so a contract drift fails loudly instead of corrupting the orchestration's state.
import type * as df from 'durable-functions';
import type { z } from 'zod';
import type { ActivityContract } from '../../shared/domain/contracts/ActivityContract';
import { STORE_ACTIVITY_RETRY } from './retryPolicies';

export function* callActivity<I extends z.ZodType, O extends z.ZodType>(
  context: df.OrchestrationContext,
  contract: ActivityContract<I, O>,
  input: z.input<I>,
  retry: df.RetryOptions = STORE_ACTIVITY_RETRY,
): Generator<df.Task, z.output<O>, unknown> {
  // The input was checked when the call was first scheduled; replaying it (every episode, for every
  // earlier call) would only repeat that work.
  const checked: unknown = context.df.isReplaying ? input : contract.input.parse(input);
  const result: unknown = yield context.df.callActivityWithRetry(contract.name, retry, checked);
  return contract.output.parse(result);
}
