// The RTO clock: time since detection against the workload's recovery time objective.
import { z } from 'zod';
import type { Incident } from './Incident';
import { isTerminal } from './IncidentStatus';

const MS_PER_SECOND = 1000;

export const rtoClockSchema = z.object({
  targetSeconds: z.number().int().nonnegative(),
  /** Whole seconds from detection to recovery, to the end, or (while running) to now. */
  elapsedSeconds: z.number().int().nonnegative(),
  /** Present once recovered: whether recovery came within the target. */
  met: z.boolean().optional(),
  /** Present while the clock runs (not terminal): seconds left before the target is missed, 0 when overdue. */
  remainingSeconds: z.number().int().nonnegative().optional(),
});
export type RtoClock = z.infer<typeof rtoClockSchema>;

export function rtoClock(
  incident: Pick<Incident, 'status' | 'detectedAt' | 'recoveredAt' | 'endedAt' | 'rtoTargetSeconds'>,
  // A follow-up phase (failback, rollback) runs after the failover ended: the clock stays stopped where it did.
  now: Date,
): RtoClock {
  const stoppedAt = incident.recoveredAt ?? incident.endedAt;
  const endMs = stoppedAt === undefined ? now.getTime() : Date.parse(stoppedAt);
  // A clock behind the detector's (or a detection stamped in the future) reads as no time elapsed.
  const elapsedSeconds = Math.max(0, Math.floor((endMs - Date.parse(incident.detectedAt)) / MS_PER_SECOND));
  const targetSeconds = incident.rtoTargetSeconds;
  return {
    targetSeconds,
    elapsedSeconds,
    ...(incident.recoveredAt !== undefined ? { met: elapsedSeconds <= targetSeconds } : {}),
    ...(isTerminal(incident.status) || incident.endedAt !== undefined
      ? {}
      : { remainingSeconds: Math.max(0, targetSeconds - elapsedSeconds) }),
  };
}
