// Progress updates while a failover runs: an orchestration per incident that, every notificationCadence,
// tells the workload's people where the failover is, until it ends. Names are stored in history: never
// rename.
import { z } from 'zod';
import { FAILOVER_PHASES } from '../notifications/kinds/progressUpdate';
import { activityContract } from './ActivityContract';
import { NOTIFICATION_CHANNELS } from './approvalContracts';

const id = z.string().min(1);

export const PROGRESS_UPDATES_ORCHESTRATION = 'progressUpdates';

/** One per incident: started when the failover starts, whoever starts it again finds it running. */
export function progressUpdatesInstanceId(incidentId: string): string {
  return `${incidentId}:progress-updates`;
}

export const progressUpdatesInputSchema = z.object({
  incidentId: id,
  cadenceSeconds: z.number().int().positive(),
  /** Updates sent so far (one per execution: it continues as new after each). */
  sent: z.number().int().nonnegative(),
});
export type ProgressUpdatesInput = z.infer<typeof progressUpdatesInputSchema>;

/** Where the incident's failover is; null once it is not under way (ended, or never started). */
export const readFailoverPhaseActivity = activityContract(
  'readFailoverPhase',
  z.object({ incidentId: id }),
  z.object({ phase: z.enum(FAILOVER_PHASES).nullable() }),
);

export const sendProgressUpdateActivity = activityContract(
  'sendProgressUpdate',
  z.object({
    incidentId: id,
    channel: z.enum(NOTIFICATION_CHANNELS),
    sequence: z.number().int().positive(),
  }),
  z.object({ delivered: z.enum(['email', 'teams', 'outbox', 'skipped']), detail: z.string() }),
);
