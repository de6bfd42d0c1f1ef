// Host-side retry timing for CallActivityWithRetry / CallSubOrchestratorWithRetry, as the extension does it.
import type { RetryOptionsWire } from './orchestratorActions';

/**
 * Delay before attempt `failedAttempt + 1`: first × coefficient^(failedAttempt − 1), capped by the maximum
 * interval. Returns `undefined` when no further attempt is allowed (attempts or retry timeout exhausted).
 */
export function nextRetryDelayMs(
  options: RetryOptionsWire,
  failedAttempt: number,
  firstAttemptAt: number,
  now: number,
): number | undefined {
  if (failedAttempt >= options.maxNumberOfAttempts) {
    return undefined;
  }
  const coefficient = options.backoffCoefficient ?? 1;
  let delay = options.firstRetryIntervalInMilliseconds * Math.pow(coefficient, failedAttempt - 1);
  if (options.maxRetryIntervalInMilliseconds !== undefined && options.maxRetryIntervalInMilliseconds > 0) {
    delay = Math.min(delay, options.maxRetryIntervalInMilliseconds);
  }
  if (
    options.retryTimeoutInMilliseconds !== undefined &&
    options.retryTimeoutInMilliseconds > 0 &&
    now + delay - firstAttemptAt > options.retryTimeoutInMilliseconds
  ) {
    return undefined;
  }
  return Math.max(0, Math.round(delay));
}
