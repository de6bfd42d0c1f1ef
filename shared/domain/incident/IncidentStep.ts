// The state of one runbook step within an incident, as the failover workflow advances it.
import { z } from 'zod';

const utcInstant = z.iso.datetime({ precision: 3 });

/** `waiting`: a manual step waiting for an operator to confirm it. */
export const STEP_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'waiting'] as const;
export const stepStatusSchema = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const incidentStepSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  status: stepStatusSchema,
  attempts: z.number().int().nonnegative(),
  startedAt: utcInstant.optional(),
  endedAt: utcInstant.optional(),
  /** The last failure, in words; never a secret or a raw response body. */
  error: z.string().optional(),
});
export type IncidentStep = z.infer<typeof incidentStepSchema>;
