// What the workload's people are told when a failover ends (recovered, failed or aborted by an operator):
// the final message of a DR activation, with the RTO achieved against the target.
import { z } from 'zod';
import { tierSchema } from '../catalog/Tier';
import { stepStatusSchema, type IncidentStep } from '../incident/IncidentStep';
import { notificationRecipientSchema } from './ApprovalDecidedFacts';
import { linkUrlSchema, notificationSafeIdSchema } from './ApprovalRequestFacts';

/** The terminal statuses a failover that started can end in. */
export const INCIDENT_OUTCOMES = ['recovered', 'failed', 'aborted'] as const;
export type IncidentOutcome = (typeof INCIDENT_OUTCOMES)[number];

export const outcomeStepSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  status: stepStatusSchema,
  attempts: z.number().int().nonnegative(),
  /** The last failure, in words: shown literally, never as markup. */
  error: z.string().optional(),
  /** The branch of a parallel group the step is in, by name: messages show it beside the step. */
  branch: z.string().min(1).optional(),
});
export type OutcomeStep = z.infer<typeof outcomeStepSchema>;

/** A step's record on the incident as messages show it. */
export function toOutcomeStep(step: IncidentStep): OutcomeStep {
  return {
    id: step.id,
    name: step.name,
    status: step.status,
    attempts: step.attempts,
    ...(step.error ? { error: step.error } : {}),
    ...(step.group ? { branch: step.group.branchName } : {}),
  };
}

/** A step's name in a message: a step inside a parallel group says its branch first. */
export function outcomeStepName(step: OutcomeStep): string {
  return step.branch === undefined ? step.name : `[${step.branch}] ${step.name}`;
}

export const incidentOutcomeFactsSchema = z.object({
  incidentId: notificationSafeIdSchema,
  workloadId: z.string().min(1),
  workloadName: z.string().min(1),
  tier: tierSchema,
  outcome: z.enum(INCIDENT_OUTCOMES),
  /** Why the incident ended this way, in words ("step promote-db failed", the operator's comment...). */
  reason: z.string(),
  /** The stopped RTO clock; `met` is set once recovered (derived from the seconds when absent). */
  rto: z.object({
    targetSeconds: z.number().int().positive(),
    elapsedSeconds: z.number().int().nonnegative(),
    met: z.boolean().optional(),
  }),
  /** `RTO 15m: recovered in 8m 56s, met with 6m 4s to spare` (describeRto), shown as it is. */
  rtoVerdict: z.string(),
  /** The runbook's steps in order; empty when none was recorded (aborted before the runbook started). */
  steps: z.array(outcomeStepSchema),
  /** Display name of the operator who aborted; shown for the `aborted` outcome only. */
  abortedBy: z.string().min(1).optional(),
  statusUrl: linkUrlSchema.optional(),
  recipients: z.array(notificationRecipientSchema).min(1),
});
export type IncidentOutcomeFacts = z.infer<typeof incidentOutcomeFactsSchema>;
