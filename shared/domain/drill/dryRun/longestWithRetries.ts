// How long a step that is retried can take at worst: what a dry-run expects of it.
import { retryDelaySeconds } from '../../runbook/retryDelay';
import type { RetryPolicy } from '../../runbook/retryPresets';

/** The longest a step retried by `retry` can take: every attempt timing out and every backoff in between. */
export function longestWithRetries(timeoutSeconds: number, retry: RetryPolicy): number {
  let total = timeoutSeconds * retry.maxAttempts;
  for (let failed = 1; failed < retry.maxAttempts; failed++) total += retryDelaySeconds(retry, failed);
  return total;
}
