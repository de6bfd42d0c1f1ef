// Progress updates of one incident's failover: waits a notificationCadence, and if the failover is still
// under way tells the workload's people where it is (every channel, a failing channel on the timeline),
// then continues as new for the next one. Once the incident has ended it stops: the final message says how.
import type * as df from 'durable-functions';
import {
  progressUpdatesInputSchema,
  readFailoverPhaseActivity,
  sendProgressUpdateActivity,
  type ProgressUpdatesInput,
} from '../shared/domain/contracts/progressUpdateContracts';
import { callActivity } from './support/callActivity';
import { sendThroughChannels } from './support/sendThroughChannels';
import { secondsAfter } from './support/waitForAny';

/** Resolves with the number of updates sent once the failover has ended; with nothing when it goes on. */
export function* progressUpdatesOrchestrator(
  context: df.OrchestrationContext,
): Generator<df.Task, { sent: number } | undefined, unknown> {
  const input = progressUpdatesInputSchema.parse(context.df.getInput());
  yield context.df.createTimer(secondsAfter(context, input.cadenceSeconds));
  const { phase } = yield* callActivity(context, readFailoverPhaseActivity, { incidentId: input.incidentId });
  if (phase === null) {
    return { sent: input.sent };
  }
  const sequence = input.sent + 1;
  yield* sendThroughChannels(context, {
    incidentId: input.incidentId,
    activity: sendProgressUpdateActivity.name,
    input: (channel) =>
      sendProgressUpdateActivity.input.parse({ incidentId: input.incidentId, channel, sequence }),
    entryId: `progress-update-${sequence}`,
    what: `progress update ${sequence}`,
  });
  const next: ProgressUpdatesInput = { ...input, sent: sequence };
  context.df.continueAsNew(next);
  return undefined;
}
