// The runbook an incident is running: which one, where it is, and why it is paused (what operators act on).
import { z } from 'zod';

const utcInstant = z.iso.datetime({ precision: 3 });

/** `rollback`: the rollback steps of a failover's completed steps, in reverse order (rollbackPlan.ts). */
export const RUNBOOK_PURPOSES = ['failover', 'failback', 'rollback'] as const;
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
  /**
   * step-failed inside parallel branches: every failed step waiting for retry-step or skip-step, while the
   * other branches go on (`stepId` is the first of them).
   */
  steps: z.array(z.string().min(1)).optional(),
});
export type RunbookPause = z.infer<typeof runbookPauseSchema>;

export const incidentRunbookSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  purpose: runbookPurposeSchema,
  paused: runbookPauseSchema.optional(),
});
export type IncidentRunbook = z.infer<typeof incidentRunbookSchema>;

/**
 * The step the runbook is on, derived from the steps rather than stored beside them: the one running or
 * waiting for confirmation, else the failed step it is paused on; none between steps and after the last.
 */
export function currentStepId(
  runbook: Pick<IncidentRunbook, 'paused'>,
  steps: readonly { readonly id: string; readonly status: string }[],
): string | undefined {
  const active = steps.find((step) => step.status === 'running' || step.status === 'waiting');
  if (active !== undefined) return active.id;
  return runbook.paused?.reason === 'step-failed' ? runbook.paused.stepId : undefined;
}

/** The failed steps a pause waits on (several when parallel branches failed), for retry-step and skip-step. */
export function pausedStepIds(paused: RunbookPause | undefined): string[] {
  if (paused?.reason !== 'step-failed') return [];
  return paused.steps ?? (paused.stepId === undefined ? [] : [paused.stepId]);
}
