// What the workload's people are told, every `notificationCadence`, while a failover runs: where it is, the
// step it is on and the RTO budget left. The final message (IncidentOutcomeFacts) tells how it ended.
import { z } from 'zod';
import { tierSchema } from '../catalog/Tier';
import { notificationRecipientSchema } from './ApprovalDecidedFacts';
import { linkUrlSchema, notificationSafeIdSchema } from './ApprovalRequestFacts';
import { outcomeStepSchema } from './IncidentOutcomeFacts';

/** The statuses of a failover under way. */
export const FAILOVER_PHASES = ['failing-over', 'paused', 'validating'] as const;
export type FailoverPhase = (typeof FAILOVER_PHASES)[number];

export const progressUpdateFactsSchema = z.object({
  incidentId: notificationSafeIdSchema,
  workloadId: z.string().min(1),
  workloadName: z.string().min(1),
  tier: tierSchema,
  /** Which update of this incident it is, from 1. */
  sequence: z.number().int().positive(),
  phase: z.enum(FAILOVER_PHASES),
  /** The running RTO clock: negative `remainingSeconds` once the target has passed. */
  rto: z.object({
    targetSeconds: z.number().int().positive(),
    elapsedSeconds: z.number().int().nonnegative(),
    remainingSeconds: z.number().int(),
  }),
  /** The runbook's steps in order (none before the runbook has listed them). */
  steps: z.array(outcomeStepSchema),
  /** The step the runbook is on, or paused before; absent between steps and while validating. */
  currentStepId: z.string().min(1).optional(),
  statusUrl: linkUrlSchema.optional(),
  recipients: z.array(notificationRecipientSchema).min(1),
});
export type ProgressUpdateFacts = z.infer<typeof progressUpdateFactsSchema>;
