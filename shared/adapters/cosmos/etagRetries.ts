// Optimistic concurrency on Cosmos DB: a read-modify-write retried, with jittered backoff, when another
// writer changed the item in between (412 on `ifMatch`, 409 on a racing create) — a bounded number of times.
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError } from '../../errors';
import { cosmosStatus } from './cosmosErrors';

/**
 * Enough attempts for the contention Lifeboat creates (a burst of correlators of one workload on several
 * instances); each instance already serialises its own writers per item, so only instances race.
 */
export const ETAG_RETRY_POLICY = { maxAttempts: 40, firstDelayMs: 2, maxDelayMs: 200 } as const;

/** `attempt` throws (412/409) or returns; on a lost race it is called again from a fresh read. */
export async function withEtagRetries<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  let delay: number = ETAG_RETRY_POLICY.firstDelayMs;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const status = cosmosStatus(err);
      if (status !== 412 && status !== 409) throw err;
      if (n >= ETAG_RETRY_POLICY.maxAttempts) {
        throw new ConflictError(`${what}: still contended after ${n} attempts; try again`, undefined, {
          cause: err,
        });
      }
      // Full jitter: racing writers spread out instead of colliding again in step.
      await sleep(Math.random() * delay);
      delay = Math.min(delay * 2, ETAG_RETRY_POLICY.maxDelayMs);
    }
  }
}
