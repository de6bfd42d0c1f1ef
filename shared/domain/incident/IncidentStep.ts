// The state of one runbook step within an incident, as the failover workflow advances it.
import { z } from 'zod';
import { dryRunDescriptionSchema } from '../drill/dryRun/dryRunDescriptionSchema';
import { STEP_TYPES } from '../runbook/runbookStepSchema';

const utcInstant = z.iso.datetime({ precision: 3 });

/** `waiting`: a manual step waiting for an operator to confirm it. */
export const STEP_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'waiting'] as const;
export const stepStatusSchema = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const incidentStepSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  type: z.enum(STEP_TYPES),
  status: stepStatusSchema,
  /** Attempts made so far (http calls, probe rounds, confirmations asked), operator retries included. */
  attempts: z.number().int().nonnegative(),
  startedAt: utcInstant.optional(),
  endedAt: utcInstant.optional(),
  /** The last failure, in words; never a secret or a raw response body. */
  error: z.string().optional(),
  /** What the last attempt found, in words (e.g. `202 in 41 ms`, `3 of 3 probe passes`). */
  detail: z.string().optional(),
  /** The operator who confirmed, skipped or retried it last. */
  actor: z.string().optional(),
  /**
   * The runbook orchestration numbers every change it makes to a step; a change is applied only when its
   * number is higher than this, so an activity that runs twice (or late) cannot move a step backwards.
   */
  revision: z.number().int().nonnegative(),
  /** For a step inside a parallel group: the group's id, the branch's position in it (from 0) and name. */
  group: z
    .object({ id: z.string().min(1), branch: z.number().int().nonnegative(), branchName: z.string().min(1) })
    .optional(),
  /** In a dry-run: what the step would have sent and asked, and how long it would take (it ran nothing). */
  dryRun: dryRunDescriptionSchema.optional(),
  /** The step that undoes it (its `rollback:` in the runbook), so an incident says what a rollback can undo. */
  rollback: z.object({ id: z.string().min(1), name: z.string().min(1) }).optional(),
  /** For a rollback step: the failover step it undoes. */
  undoes: z.string().min(1).optional(),
});
export type IncidentStep = z.infer<typeof incidentStepSchema>;
