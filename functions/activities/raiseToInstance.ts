// Raises an event to another orchestration instance (orchestrations cannot do it themselves): how the incident
// passes an abort on to its runbook and cancels its approval. Decided by the host's status, never its text.
import type { InvocationContext } from '@azure/functions';
import { durableInstanceApi } from '../durable/durableInstanceApi';

/**
 * Whether it was delivered to a running instance: false when the instance never existed or has already
 * finished (there is nothing left to tell).
 */
export async function raiseToInstance(
  context: InvocationContext,
  instanceId: string,
  eventName: string,
  payload: unknown,
): Promise<boolean> {
  return (await durableInstanceApi(context).raiseEvent(instanceId, eventName, payload)) === 'delivered';
}
