// Named retry policies for activities: durations are constants, never inline numbers.
import * as df from 'durable-functions';

const SECOND_MS = 1000;

/** Store reads and writes: brief faults (throttling, failover) clear within seconds. */
export const STORE_ACTIVITY_RETRY = (() => {
  const retry = new df.RetryOptions(2 * SECOND_MS, 6);
  retry.backoffCoefficient = 2;
  retry.maxRetryIntervalInMilliseconds = 30 * SECOND_MS;
  return retry;
})();

/** Notification channels: ride out a blip of SMTP or Teams (5s, 10s, 20s), then give up and say so. */
export const NOTIFICATION_RETRY = (() => {
  const retry = new df.RetryOptions(5 * SECOND_MS, 4);
  retry.backoffCoefficient = 2;
  retry.maxRetryIntervalInMilliseconds = 30 * SECOND_MS;
  return retry;
})();
