// Contracts of the incident lifecycle: the activities the incident orchestration calls to open, assess and
// move an incident, and the operator event it listens for. Names are stored in history: never rename.
import { z } from 'zod';
import { FINAL_TIMEOUT_OUTCOMES } from '../catalog/EffectivePolicy';
import { incidentAlertSummarySchema } from '../correlation/summariseIncidentAlerts';
import { activationDecisionSchema } from '../criteria/ActivationEvaluation';
import { abortRequestSchema } from '../incident/abort';
import { incidentDrillSchema } from '../incident/IncidentDrill';
import { INCIDENT_STATUSES } from '../incident/IncidentStatus';
import { activityContract } from './ActivityContract';

const instant = z.iso.datetime({ precision: 3 });

/** What the orchestration needs of the workload's policy; fixed when the incident opens (kept in history). */
export const incidentPolicySchema = z.object({
  observationWindowSeconds: z.number().int().nonnegative(),
  groupingWindowSeconds: z.number().int().positive(),
  quorum: z.number().int().positive(),
  /** Absent in older histories: one rejection rejects. */
  rejectionsToReject: z.number().int().positive().optional(),
  approverRoles: z.array(z.string()),
  approvalDeadlineSeconds: z.number().int().positive(),
  /** Who is asked, level by level (first the approver roles, then each escalation); absent in older histories. */
  approvalLevels: z
    .array(z.object({ roles: z.array(z.string()).min(1), timeoutSeconds: z.number().int().positive() }))
    .min(1)
    .optional(),
  finalTimeoutOutcome: z.enum(FINAL_TIMEOUT_OUTCOMES),
  /** How validation after failover probes the secondary; absent in histories older than validation. */
  validation: z
    .object({
      checks: z.number().int().nonnegative(),
      passesRequired: z.number().int().positive(),
      intervalSeconds: z.number().positive(),
      deadlineSeconds: z.number().positive(),
      timeoutSeconds: z.number().positive(),
    })
    .optional(),
  /** A drill's approval gate: `skip` when the workload lets its drills run unapproved (absent for live incidents). */
  drillApproval: z.enum(['required', 'skip']).optional(),
});
export type IncidentPolicy = z.infer<typeof incidentPolicySchema>;

export const openIncidentActivity = activityContract(
  'openIncident',
  z.object({
    incidentId: z.string().min(1),
    workloadId: z.string().min(1),
    detectedAt: instant,
    /** Opens a drill (mode `drill`) instead of a live incident. */
    drill: incidentDrillSchema.optional(),
  }),
  z.object({
    status: z.enum(INCIDENT_STATUSES),
    policy: incidentPolicySchema,
    /** Recorded before it was raised; absent in results recorded before the incident returned it. */
    abortRequested: abortRequestSchema.optional(),
  }),
);

/** Reads the incident's alerts, evaluates the workload's activation criteria and records the result. */
export const assessIncidentActivity = activityContract(
  'assessIncident',
  z.object({ incidentId: z.string().min(1), at: instant }),
  z.object({
    version: z.number().int().nonnegative(),
    windowOpen: z.boolean(),
    summary: incidentAlertSummarySchema,
    decision: activationDecisionSchema,
    reasons: z.array(z.string()),
  }),
);

export const transitionIncidentActivity = activityContract(
  'transitionIncident',
  z.object({
    incidentId: z.string().min(1),
    to: z.enum(INCIDENT_STATUSES),
    at: instant,
    /** Deterministic (from the orchestration), so running the activity twice writes one timeline entry. */
    entryId: z.string().min(1),
    message: z.string().min(1),
    actor: z.string().min(1).optional(),
  }),
  z.object({ status: z.enum(INCIDENT_STATUSES), changed: z.boolean() }),
);

/** Raised to the incident orchestration by the operator actions API. */
export const OPERATOR_ACTION_EVENT = 'operator-action';
export const operatorActionEventSchema = z.object({
  action: z.literal('abort'),
  actor: z.string().min(1),
  at: instant,
  comment: z.string().max(2000).optional(),
});
export type OperatorActionEvent = z.infer<typeof operatorActionEventSchema>;

/** Appends one entry to the incident's timeline (idempotent by entry id). */
export const recordTimelineActivity = activityContract(
  'recordTimeline',
  z.object({
    incidentId: z.string().min(1),
    entry: z.object({
      id: z.string().min(1),
      at: instant,
      type: z.string().min(1),
      message: z.string().min(1),
      actor: z.string().min(1).optional(),
    }),
  }),
  z.object({ recorded: z.boolean() }),
);

/**
 * Tells the workload's people how a failover ended (recovered, failed, aborted) with the RTO achieved,
 * through one channel. Reads everything from the incident record, which is final by then.
 */
export const sendIncidentOutcomeActivity = activityContract(
  'sendIncidentOutcome',
  z.object({ incidentId: z.string().min(1), channel: z.enum(['email', 'teams']) }),
  z.object({ delivered: z.enum(['email', 'teams', 'outbox', 'skipped']), detail: z.string() }),
);
