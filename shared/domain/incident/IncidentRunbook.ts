// The runbook an incident is running: which one, where it is, and why it is paused (what operators act on).
import { z } from 'zod';

const utcInstant = z.iso.datetime({ precision: 3 });

export const RUNBOOK_PURPOSES = ['failover', 'failback'] as const;
export const runbookPurposeSchema = z.enum(RUNBOOK_PURPOSES);
export type RunbookPurpose = z.infer<typeof runbookPurposeSchema>;

/**
 * `step-failed`: a step failed after its retries and its on-failure policy is `pause` (retry-step or
 * skip-step continue); `operator`: an operator paused between steps (resume continues).
 */
export const PAUSE_REASONS = ['step-failed', 'operator'] as const;

export const runbookPauseSchema = z.object({
  reason: z.enum(PAUSE_REASONS),
  /** The failed step (step-failed), or the next step to run (operator). */
  stepId: z.string().min(1).optional(),
  actor: z.string().min(1).optional(),
  at: utcInstant,
});
export type RunbookPause = z.infer<typeof runbookPauseSchema>;

export const incidentRunbookSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  purpose: runbookPurposeSchema,
  /** The step running, waiting or failed now; absent before the first step and after the last. */
  currentStepId: z.string().min(1).optional(),
  paused: runbookPauseSchema.optional(),
});
export type IncidentRunbook = z.infer<typeof incidentRunbookSchema>;
