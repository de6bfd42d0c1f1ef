// The body of POST /api/drills: which workload to rehearse, how (drill calls drill targets, dry-run calls
// nothing), and in the operator's words what is rehearsed and why.
import { z } from 'zod';
import { DRILL_KINDS, MAX_DRILL_TEXT } from '../incident/IncidentDrill';

export const startDrillRequestSchema = z.strictObject({
  workloadId: z.string().trim().min(1, { error: 'workloadId is required' }).max(100),
  mode: z.enum(DRILL_KINDS, { error: `mode must be one of ${DRILL_KINDS.join(', ')}` }),
  scenario: z.string().trim().min(1).max(MAX_DRILL_TEXT).optional(),
  comment: z.string().trim().min(1).max(MAX_DRILL_TEXT).optional(),
  /** Rehearse the round trip: fail back once the drill's failover recovered (the workload needs runbooks.failback). */
  failback: z.boolean().optional(),
});
export type StartDrillRequest = z.infer<typeof startDrillRequestSchema>;
