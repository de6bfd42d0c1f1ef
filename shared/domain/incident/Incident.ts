// The stored incident: one workload's alerts under one correlation key, and where it is in the lifecycle.
import { z } from 'zod';
import { severitySchema } from '../alerts/Severity';
import { tierSchema } from '../catalog/Tier';
import { alertRefSchema } from '../correlation/summariseIncidentAlerts';
import { activationDecisionSchema } from '../criteria/ActivationEvaluation';
import { probeResultSchema } from '../criteria/ActivationFacts';
import { abortRequestSchema } from './abort';
import { earlierPhaseSchema, followUpSchema } from './followUp';
import { incidentApprovalSchema } from './IncidentApproval';
import { incidentDrillSchema } from './IncidentDrill';
import { incidentModeSchema } from './IncidentMode';
import { incidentRunbookSchema } from './IncidentRunbook';
import { incidentStatusSchema, terminalStatusSchema } from './IncidentStatus';
import { incidentStepSchema } from './IncidentStep';
import { runbookControlLogSchema } from './runbookControlLog';

/** UTC instants are always written the way `Date.prototype.toISOString` writes them (they sort as text). */
const utcInstant = z.iso.datetime({ precision: 3 });

/** The latest activation-criteria evaluation, as approvers and operators read it. */
export const incidentActivationSchema = z.object({
  decision: activationDecisionSchema,
  reasons: z.array(z.string()),
  evaluatedAt: utcInstant,
});
export type IncidentActivation = z.infer<typeof incidentActivationSchema>;

export const incidentSchema = z.object({
  id: z.string().min(1),
  workloadId: z.string().min(1),
  workloadName: z.string().min(1),
  tier: tierSchema,
  mode: incidentModeSchema,
  /** Present exactly when `mode` is `drill`: the rehearsal's kind (drill or dry-run), who started it and why. */
  drill: incidentDrillSchema.optional(),
  status: incidentStatusSchema,
  /** The worst severity seen; absent until an alert says. */
  severity: severitySchema.optional(),
  /** Starts the RTO clock. */
  detectedAt: utcInstant,
  observingSince: utcInstant.optional(),
  /** When failover started (approval granted). */
  activatedAt: utcInstant.optional(),
  /** Stops the RTO clock of a successful recovery. */
  recoveredAt: utcInstant.optional(),
  /** When the incident reached a terminal status. */
  endedAt: utcInstant.optional(),
  rtoTargetSeconds: z.number().int().positive(),
  activation: incidentActivationSchema.optional(),
  /** The primary's latest health probe results, fed to the activation criteria (a few per probe). */
  primaryProbes: z.array(probeResultSchema).optional(),
  approval: incidentApprovalSchema.optional(),
  /** The runbook being (or last) run: set when it starts. */
  runbook: incidentRunbookSchema.optional(),
  steps: z.array(incidentStepSchema),
  alerts: z.object({
    count: z.number().int().nonnegative(),
    latest: z.array(alertRefSchema),
  }),
  outcome: z.object({ status: terminalStatusSchema, reason: z.string() }).optional(),
  /**
   * Written by the actions API before it signals the incident orchestration, so a step about to call its
   * target, and every fresh execution of an orchestration, sees the abort whatever became of the signal.
   */
  abortRequested: abortRequestSchema.optional(),
  /** The runbook's operator controls, recorded before they are raised (shared/domain/incident/runbookControlLog.ts). */
  controls: runbookControlLogSchema.optional(),
  /**
   * The follow-up phase an operator started after the failover ended (failback, rollback): its own request,
   * times and outcome. `endedAt`, `recoveredAt` and `outcome` above stay the failover's (its RTO).
   */
  followUp: followUpSchema.optional(),
  /** What earlier phases ran (the failover's runbook, steps, approval and abort), kept when a follow-up started. */
  earlierPhases: z.array(earlierPhaseSchema).optional(),
  /** Optimistic concurrency: set by the store, 1 on creation, one more with every write. */
  version: z.number().int().positive(),
});
export type Incident = z.infer<typeof incidentSchema>;

/** An incident before the store has versioned it: what `IncidentStore.create` takes. */
export const newIncidentSchema = incidentSchema.omit({ version: true });
export type NewIncident = z.infer<typeof newIncidentSchema>;
