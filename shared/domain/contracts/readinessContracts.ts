// The approval gate's readiness check: run fresh when approval is asked and again before an automatic
// activation, so approvers see the secondary as it is now and the guard rail decides on current facts.
import { z } from 'zod';
import { READINESS_STATES } from '../readiness/ReadinessResult';
import { activityContract } from './ActivityContract';

const utcInstant = z.iso.datetime({ precision: 3 });

/** The readiness approvers are shown; `unknown` when it could not be evaluated (said in `reasons`). */
export const readinessSnapshotSchema = z.object({
  state: z.enum([...READINESS_STATES, 'unknown']),
  reasons: z.array(z.string()),
  evaluatedAt: utcInstant,
  /** The secondary region's display name, e.g. "North Europe". */
  secondary: z.string().min(1),
  rpoExposure: z
    .object({
      text: z.string().min(1),
      lagSeconds: z.number().nonnegative(),
      rpoSeconds: z.number().nonnegative(),
      withinRpo: z.boolean(),
      measuredAt: utcInstant,
    })
    .optional(),
});
export type ReadinessSnapshot = z.infer<typeof readinessSnapshotSchema>;

/**
 * Evaluates the incident's workload now and records it (history, and the owners told of a change). Never
 * fails for what the checks find, nor for a store that cannot record: the snapshot then says `unknown`.
 */
export const assessReadinessActivity = activityContract(
  'assessReadiness',
  z.object({ incidentId: z.string().min(1) }),
  readinessSnapshotSchema,
);
