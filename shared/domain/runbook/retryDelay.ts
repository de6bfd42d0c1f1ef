// How long a step waits before its next attempt: the policy's exponential backoff, or the target's
// Retry-After when that is longer, within the policy's longest interval.
import type { RetryPolicy } from './retryPresets';

/** `failedAttempt`: the attempt of this round that just failed, from 1. */
export function retryDelaySeconds(
  policy: RetryPolicy,
  failedAttempt: number,
  retryAfterSeconds?: number,
): number {
  const backoff = Math.min(
    policy.firstIntervalSeconds * policy.backoffCoefficient ** (failedAttempt - 1),
    policy.maxIntervalSeconds,
  );
  // A target may ask for more time than the backoff, never for more than the policy allows at all: a
  // Retry-After of an hour must not stall a failover.
  const asked = Math.min(retryAfterSeconds ?? 0, policy.maxIntervalSeconds);
  return Math.max(backoff, asked);
}
