// The stable contracts of a follow-up phase of a finished incident (failback, rollback): the orchestration
// that runs it, one instance per incident and phase (followUpInstanceId), and the activity that opens it.
// Names are stored in history: never rename.
import { z } from 'zod';
import { drillKindSchema } from '../incident/IncidentDrill';
import { abortRequestSchema } from '../incident/abort';
import { FOLLOW_UP_PHASES, INCIDENT_STATUSES } from '../incident/IncidentStatus';
import { activityContract } from './ActivityContract';

const id = z.string().min(1);
const seconds = z.number().int().positive();

export const FOLLOW_UP_ORCHESTRATION = 'incidentFollowUp';

export const followUpInputSchema = z.object({
  incidentId: id,
  workloadId: id,
  phase: z.enum(FOLLOW_UP_PHASES),
  seq: z.number().int().positive(),
});
export type FollowUpInput = z.infer<typeof followUpInputSchema>;

const gateSchema = z.object({
  /** The workload's primary health checks: none means the gate cannot be passed. */
  checks: z.number().int().nonnegative(),
  passesRequired: seconds,
  intervalSeconds: seconds,
  deadlineSeconds: seconds,
  timeoutSeconds: z.number().positive(),
});

/** What a failback needs, fixed in history for the life of the phase (as the failover's policy is). */
export const failbackPlanSchema = z.object({
  primaryRegion: id,
  secondaryRegion: id,
  readiness: gateSchema,
  approval: z.object({
    approverRoles: z.array(z.string().min(1)).min(1),
    quorum: seconds,
    timeoutSeconds: seconds,
  }),
  /** The primary's health checks after the failback runbook, as validation of the secondary after a failover. */
  validation: gateSchema,
  /** A drill's failback whose workload lets drills skip approval (drills.approval: skip). */
  skipApproval: z.literal(true).optional(),
});
export type FailbackPlan = z.infer<typeof failbackPlanSchema>;

/** Reads the phase as the actions API recorded it; fails (permanently) when the incident has none. */
export const openFollowUpActivity = activityContract(
  'openFollowUp',
  z.object({ incidentId: id, phase: z.enum(FOLLOW_UP_PHASES) }),
  z.object({
    status: z.enum(INCIDENT_STATUSES),
    /** Recorded since the phase was requested: its event may have been lost. */
    abortRequested: abortRequestSchema.optional(),
    failback: failbackPlanSchema.optional(),
    /** The phase of a drill: its runbook uses the drill overrides (or, dry-run, is only described). */
    drill: drillKindSchema.optional(),
  }),
);

/** The message that says how a failback or rollback ended, through one channel (after the phase ended). */
export const sendFollowUpOutcomeActivity = activityContract(
  'sendFollowUpOutcome',
  z.object({
    incidentId: id,
    channel: z.enum(['email', 'teams']),
    phase: z.enum(FOLLOW_UP_PHASES),
    seq: z.number().int().positive(),
  }),
  z.object({ delivered: z.enum(['email', 'teams', 'outbox', 'skipped']), detail: z.string() }),
);

/**
 * A round-trip drill's failback, started once its failover recovered, as an operator's request would be
 * (recorded on the incident, then its own orchestration). Refused (with the reason on the timeline) when the
 * incident cannot fail back.
 */
export const startDrillFailbackActivity = activityContract(
  'startDrillFailback',
  z.object({ incidentId: id, at: z.iso.datetime({ precision: 3 }) }),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('started'), instanceId: z.string().min(1) }),
    z.object({ kind: z.literal('refused'), reason: z.string().min(1) }),
  ]),
);
