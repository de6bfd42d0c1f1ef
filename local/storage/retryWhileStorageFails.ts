// Retries one write that must not be given up (an activity's result, a message's settlement) for as long as
// the database cannot write, waiting the runtime's shared backoff between attempts. Other errors, and the
// runtime stopping, end it: what was not written is redone after the next start (at-least-once).
import { setTimeout as sleep } from 'node:timers/promises';
import { isStorageFailure } from '../../shared/adapters/sqlite/storageFailure';
import type { WriteFailureBackoff } from './WriteFailureBackoff';

export async function retryWhileStorageFails<T>(
  write: () => T | Promise<T>,
  backoff: WriteFailureBackoff,
  work: string,
  stopped: AbortSignal,
): Promise<T> {
  for (;;) {
    try {
      const value = await write();
      backoff.succeeded();
      return value;
    } catch (err) {
      if (!isStorageFailure(err) || stopped.aborted) {
        throw err;
      }
      const delay = backoff.failed(err, work);
      await sleep(delay, undefined, { signal: stopped }).catch(() => undefined);
      if (stopped.aborted) {
        throw err;
      }
    }
  }
}
