// A test-only app for how failures are retried: activities registered the way the product registers them
// (registerActivity), called the way its orchestrations call them (callActivity), next to a bare activity
// that throws, which the engine retries like the Durable extension does whatever the error's type.
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { z } from 'zod';
import { registerActivity } from '../../../functions/activities/registerActivity';
import { activityContract } from '../../../shared/domain/contracts/ActivityContract';
import { NonRetryableError, TransientError, ValidationError } from '../../../shared/errors';
import { callActivity } from '../../../orchestrations/support/callActivity';

/** Attempts per activity, for assertions. */
export const attempts = new Map<string, number>();

function attempt(name: string): void {
  attempts.set(name, (attempts.get(name) ?? 0) + 1);
}

/** Five attempts, one second apart: enough for a retried failure to show as five. */
const FIVE_ATTEMPTS = (() => {
  const retry = new df.RetryOptions(1000, 5);
  retry.backoffCoefficient = 1;
  return retry;
})();

const failureKinds = ['non-retryable', 'validation', 'transient', 'none'] as const;
const failingActivity = activityContract(
  'failsAs',
  z.object({ kind: z.enum(failureKinds) }),
  z.object({ done: z.boolean() }),
);

registerActivity(failingActivity, async ({ kind }) => {
  attempt(`failsAs:${kind}`);
  await Promise.resolve();
  switch (kind) {
    case 'non-retryable':
      throw new NonRetryableError('the target rejected the request for good');
    case 'validation':
      throw new ValidationError('the stored record does not match its schema');
    case 'transient':
      throw new TransientError('the target is busy');
    case 'none':
      return { done: true };
  }
});

df.app.activity('bareThrowsNonRetryable', {
  handler: () => {
    attempt('bareThrowsNonRetryable');
    throw new NonRetryableError('thrown straight to the host');
  },
});

/** Calls `failsAs` with the kind it is given; `raw` sends an input the contract refuses. */
df.app.orchestration('callsFailing', function* (context: OrchestrationContext) {
  const input = context.df.getInput<{ kind: string; raw?: boolean }>();
  if (input.raw === true) {
    return (yield context.df.callActivityWithRetry('failsAs', FIVE_ATTEMPTS, {
      kind: input.kind,
    })) as unknown;
  }
  return yield* callActivity(
    context,
    failingActivity,
    { kind: input.kind as (typeof failureKinds)[number] },
    FIVE_ATTEMPTS,
  );
});

df.app.orchestration('callsBare', function* (context: OrchestrationContext) {
  return (yield context.df.callActivityWithRetry('bareThrowsNonRetryable', FIVE_ATTEMPTS, null)) as unknown;
});
