// Starts an incident's progress updates when its failover starts, from the activity that records it (an
// orchestration cannot start an instance it does not wait for without a new action in its history, which
// would break the replay of incidents already failing over). Starting twice is harmless: a running instance
// is left alone, and one that already finished finds the failover over at its first look and stops.
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import {
  PROGRESS_UPDATES_ORCHESTRATION,
  progressUpdatesInstanceId,
  type ProgressUpdatesInput,
} from '../../shared/domain/contracts/progressUpdateContracts';
import { durableInstanceApi } from '../durable/durableInstanceApi';

const RUNNING = new Set<string>([
  df.OrchestrationRuntimeStatus.Running,
  df.OrchestrationRuntimeStatus.Pending,
]);

export async function startProgressUpdates(
  context: InvocationContext,
  incidentId: string,
  cadenceSeconds: number,
): Promise<void> {
  const instanceId = progressUpdatesInstanceId(incidentId);
  const status = await durableInstanceApi(context).runtimeStatus(instanceId);
  if (status !== undefined && RUNNING.has(status)) {
    return;
  }
  const input: ProgressUpdatesInput = { incidentId, cadenceSeconds, sent: 0 };
  await df.getClient(context).startNew(PROGRESS_UPDATES_ORCHESTRATION, { instanceId, input });
}
