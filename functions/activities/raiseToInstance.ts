// Raises an event to another orchestration instance through the durable client (orchestrations cannot
// do it themselves): how the incident passes an abort on to its runbook and cancels its approval.
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { errorMessage } from '../../shared/errors';

/** Whether it was delivered; false when the instance never existed (there is nothing to tell). */
export async function raiseToInstance(
  context: InvocationContext,
  instanceId: string,
  eventName: string,
  payload: unknown,
): Promise<boolean> {
  try {
    // Resolves also when the instance has already finished (410): nothing is left to stop.
    await df.getClient(context).raiseEvent(instanceId, eventName, payload);
    return true;
  } catch (err) {
    if (errorMessage(err).includes('404')) {
      return false;
    }
    throw err;
  }
}
