// What the status API shows of an incident (DESIGN `GET /api/incidents/{id}`), and the shorter list item.
import { z } from 'zod';
import { severitySchema } from '../alerts/Severity';
import { tierSchema } from '../catalog/Tier';
import { alertRefSchema } from '../correlation/summariseIncidentAlerts';
import { ACTIVATION_DECISIONS } from '../criteria/ActivationEvaluation';
import type { Incident } from './Incident';
import { APPROVAL_STATUSES, approvalDecisionSchema, approvalQuorumSchema } from './IncidentApproval';
import { incidentDrillSchema } from './IncidentDrill';
import { incidentModeSchema } from './IncidentMode';
import { incidentStatusSchema, terminalStatusSchema } from './IncidentStatus';
import { currentStepId, incidentRunbookSchema, type IncidentRunbook } from './IncidentRunbook';
import { incidentStepSchema } from './IncidentStep';
import {
  describeRollbackCoverage,
  earlierPhaseSchema,
  failoverSteps,
  followUpSchema,
  rollbackCoverage,
} from './followUp';
import { rtoClock, rtoClockSchema } from './rtoClock';
import type { TimelineEntry } from './TimelineEntry';

/**
 * Every key is always present so clients need no existence checks: before the criteria were first
 * evaluated the activation reads `pending`, before approval was asked for the approval reads
 * `not-requested` with an empty quorum, and an unknown severity is `null`.
 */
export const NO_ACTIVATION = { decision: 'pending', reasons: [] } as const;
export const NO_APPROVAL = {
  status: 'not-requested',
  quorum: { required: 0, approvals: 0, rejections: 0 },
  decisions: [],
} as const;

export const incidentViewSchema = z.object({
  id: z.string(),
  workloadId: z.string(),
  status: incidentStatusSchema,
  mode: incidentModeSchema,
  /** Present for a drill (mode `drill`): its kind (`drill` or `dry-run`), who started it and why. */
  drill: incidentDrillSchema.optional(),
  severity: severitySchema.nullable(),
  detectedAt: z.string(),
  activatedAt: z.string().optional(),
  recoveredAt: z.string().optional(),
  rto: rtoClockSchema,
  activation: z.object({
    decision: z.enum([...ACTIVATION_DECISIONS, NO_ACTIVATION.decision]),
    reasons: z.array(z.string()),
  }),
  approval: z.object({
    status: z.enum([...APPROVAL_STATUSES, NO_APPROVAL.status]),
    quorum: approvalQuorumSchema,
    decisions: z.array(approvalDecisionSchema),
  }),
  /** The runbook being run (the step it is on, why it is paused); null before failover. */
  runbook: incidentRunbookSchema.extend({ currentStepId: z.string().optional() }).nullable(),
  /** Revisions are the runbook's bookkeeping, not for readers. */
  steps: z.array(incidentStepSchema.omit({ revision: true })),
  alerts: z.object({ count: z.number().int().nonnegative(), latest: z.array(alertRefSchema) }),
  /** How it ended and why; absent while it is open. */
  outcome: z.object({ status: terminalStatusSchema, reason: z.string() }).optional(),
  /**
   * Which direction runs: `failover` until an operator starts a follow-up phase, then `failback` or
   * `rollback`, with the follow-up's own request, times and outcome (its duration is not the RTO).
   */
  direction: z.enum(['failover', 'failback', 'rollback']),
  followUp: followUpSchema.optional(),
  /** Earlier phases' runbooks and steps, kept when the follow-up started (the failover's, for the report). */
  earlierPhases: z
    .array(earlierPhaseSchema.extend({ steps: z.array(incidentStepSchema.omit({ revision: true })) }))
    .optional(),
  /**
   * What a rollback of the failover could undo, said as soon as its steps complete: the completed steps with a
   * rollback and those without one (to undo by hand). Absent before any failover step completed.
   */
  rollback: z
    .object({ undoable: z.array(z.string()), withoutRollback: z.array(z.string()), summary: z.string() })
    .optional(),
  /** Oldest first; entry ids and tool data stay internal. */
  timeline: z.array(
    z.object({ at: z.string(), type: z.string(), actor: z.string().optional(), message: z.string() }),
  ),
});
export type IncidentView = z.infer<typeof incidentViewSchema>;

/** A list item: enough to pick an incident out; its detail and timeline are one `GET` away. */
export const incidentSummarySchema = z.object({
  id: z.string(),
  workloadId: z.string(),
  workloadName: z.string(),
  tier: tierSchema,
  status: incidentStatusSchema,
  mode: incidentModeSchema,
  drill: incidentDrillSchema.optional(),
  severity: severitySchema.nullable(),
  detectedAt: z.string(),
  activatedAt: z.string().optional(),
  recoveredAt: z.string().optional(),
  endedAt: z.string().optional(),
  rto: rtoClockSchema,
  alerts: z.object({ count: z.number().int().nonnegative() }),
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

export function toIncidentView(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  now: Date,
): IncidentView {
  const approval = incident.approval ?? NO_APPROVAL;
  return {
    id: incident.id,
    workloadId: incident.workloadId,
    status: incident.status,
    mode: incident.mode,
    ...(incident.drill === undefined ? {} : { drill: { ...incident.drill } }),
    severity: incident.severity ?? null,
    detectedAt: incident.detectedAt,
    ...(incident.activatedAt === undefined ? {} : { activatedAt: incident.activatedAt }),
    ...(incident.recoveredAt === undefined ? {} : { recoveredAt: incident.recoveredAt }),
    rto: rtoClock(incident, now),
    activation:
      incident.activation === undefined
        ? { decision: NO_ACTIVATION.decision, reasons: [] }
        : { decision: incident.activation.decision, reasons: [...incident.activation.reasons] },
    approval: {
      status: approval.status,
      quorum: { ...approval.quorum },
      decisions: approval.decisions.map((d) => ({ ...d })),
    },
    runbook: incident.runbook === undefined ? null : runbookView(incident.runbook, incident.steps),
    steps: incident.steps.map(({ revision: _revision, ...step }) => ({ ...step })),
    alerts: { count: incident.alerts.count, latest: incident.alerts.latest.map((a) => ({ ...a })) },
    ...(incident.outcome === undefined ? {} : { outcome: { ...incident.outcome } }),
    direction: incident.followUp?.phase ?? 'failover',
    ...(incident.followUp === undefined ? {} : { followUp: { ...incident.followUp } }),
    ...(incident.earlierPhases === undefined
      ? {}
      : {
          earlierPhases: incident.earlierPhases.map((phase) => ({
            ...phase,
            steps: phase.steps.map(({ revision: _revision, ...step }) => ({ ...step })),
          })),
        }),
    ...rollbackView(incident),
    timeline: timeline.map((entry) => ({
      at: entry.at,
      type: entry.type,
      ...(entry.actor === undefined ? {} : { actor: entry.actor }),
      message: entry.message,
    })),
  };
}

export function toIncidentSummary(incident: Incident, now: Date): IncidentSummary {
  return {
    id: incident.id,
    workloadId: incident.workloadId,
    workloadName: incident.workloadName,
    tier: incident.tier,
    status: incident.status,
    mode: incident.mode,
    ...(incident.drill === undefined ? {} : { drill: { ...incident.drill } }),
    severity: incident.severity ?? null,
    detectedAt: incident.detectedAt,
    ...(incident.activatedAt === undefined ? {} : { activatedAt: incident.activatedAt }),
    ...(incident.recoveredAt === undefined ? {} : { recoveredAt: incident.recoveredAt }),
    ...(incident.endedAt === undefined ? {} : { endedAt: incident.endedAt }),
    rto: rtoClock(incident, now),
    alerts: { count: incident.alerts.count },
  };
}

function runbookView(runbook: IncidentRunbook, steps: Incident['steps']): IncidentView['runbook'] {
  const stepId = currentStepId(runbook, steps);
  return { ...runbook, ...(stepId === undefined ? {} : { currentStepId: stepId }) };
}

function rollbackView(incident: Incident): Pick<IncidentView, 'rollback'> {
  const coverage = rollbackCoverage(failoverSteps(incident));
  const summary = describeRollbackCoverage(coverage);
  return summary === undefined
    ? {}
    : {
        rollback: {
          undoable: coverage.undoable.map((s) => s.id),
          withoutRollback: coverage.withoutRollback.map((s) => s.id),
          summary,
        },
      };
}
