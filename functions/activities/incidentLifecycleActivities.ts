// Activities of the incident lifecycle: open the incident record, assess it against the workload's
// activation criteria, move it between statuses, record approval state. All are safe to run twice.
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { container } from '../../shared/container';
import { findWorkload } from '../../shared/domain/catalog/Catalog';
import { approvalDeadlineSeconds } from '../../shared/domain/catalog/EffectivePolicy';
import { compilePolicy } from '../../shared/domain/catalog/compilePolicy';
import { validationPlan } from '../../shared/domain/catalog/validationPlan';
import type { Workload } from '../../shared/domain/catalog/Workload';
import {
  APPROVAL_CANCEL_EVENT,
  cancelApprovalActivity,
  recordApprovalActivity,
} from '../../shared/domain/contracts/approvalContracts';
import {
  assessIncidentActivity,
  OPERATOR_ACTION_EVENT,
  openIncidentActivity,
  transitionIncidentActivity,
} from '../../shared/domain/contracts/incidentLifecycleContracts';
import { summariseIncidentAlerts } from '../../shared/domain/correlation/summariseIncidentAlerts';
import type { ProbeResult } from '../../shared/domain/criteria/ActivationFacts';
import type { ActivationEvaluation } from '../../shared/domain/criteria/ActivationEvaluation';
import { deriveAlertStates } from '../../shared/domain/criteria/deriveAlertStates';
import { evaluateActivation } from '../../shared/domain/criteria/evaluateActivation';
import { recentProbeResults } from '../../shared/domain/criteria/recentProbeResults';
import { usesPrimaryProbes } from '../../shared/domain/criteria/usesPrimaryProbes';
import {
  canTransition,
  INCIDENT_STATUSES,
  isTerminal,
  type IncidentStatus,
} from '../../shared/domain/incident/IncidentStatus';
import {
  abortRequestedEntry,
  withAbortRequested,
  type AbortRequest,
} from '../../shared/domain/incident/abort';
import { drillLabel } from '../../shared/domain/incident/IncidentDrill';
import {
  DRILL_YIELD_ACTOR,
  drillActivationReasons,
  yieldedToLiveReason,
} from '../../shared/domain/drill/drillActivation';
import { describeRto } from '../../shared/domain/incident/describeRto';
import {
  describeRollbackCoverage,
  failoverSteps,
  rollbackCoverage,
} from '../../shared/domain/incident/followUp';
import { followUpEndText } from '../../shared/domain/incident/followUpOutcome';
import type { Incident } from '../../shared/domain/incident/Incident';
import { rtoClock } from '../../shared/domain/incident/rtoClock';
import { ConflictError, NonRetryableError, NotFoundError } from '../../shared/errors';
import { recordTransition } from '../../shared/telemetry/lifeboatMetrics';
import { raiseToInstance } from './raiseToInstance';
import { healthCheckRequest, probeEach } from './probeChecks';
import { registerActivity } from './registerActivity';
import { startProgressUpdates } from './startProgressUpdates';

/** An assessment waits this long for the primary at most: a dead region often does not answer at all. */
const PRIMARY_PROBE_TIMEOUT_MS = 5_000;
/** POST /api/drills admits one open drill per workload; a few more cover a race between two starts. */
const MAX_OPEN_DRILLS = 10;

function workloadOf(workloadId: string): Workload {
  const workload = findWorkload(container().catalog(), workloadId);
  if (workload === undefined) {
    throw new NonRetryableError(`Workload '${workloadId}' is not in the catalog.`);
  }
  return workload;
}

registerActivity(
  openIncidentActivity,
  async ({ incidentId, workloadId, detectedAt, drill }, context) => {
    const workload = workloadOf(workloadId);
    const policy = compilePolicy(workload);
    const store = container().incidentStore();
    const { incident } = await store.create({
      id: incidentId,
      workloadId,
      workloadName: workload.name,
      tier: workload.tier,
      mode: drill === undefined ? 'live' : 'drill',
      ...(drill === undefined ? {} : { drill }),
      status: 'detected',
      detectedAt,
      rtoTargetSeconds: workload.rtoSeconds,
      steps: [],
      alerts: { count: 0, latest: [] },
      ...(drill === undefined
        ? {}
        : {
            activation: {
              decision: 'activate' as const,
              reasons: drillActivationReasons(drill, workload.activation),
              evaluatedAt: detectedAt,
            },
          }),
    });
    await store.appendTimeline(incidentId, [
      {
        id: 'status-detected',
        at: detectedAt,
        type: 'status-changed',
        message:
          drill === undefined
            ? `Incident detected for ${workload.name} (tier ${workload.tier}, RTO ${workload.rtoSeconds}s)`
            : `${drillLabel(drill.kind)} started for ${workload.name} by ${drill.requestedBy} (tier ${workload.tier}, RTO ${workload.rtoSeconds}s)${drill.scenario ? `: ${drill.scenario}` : ''}`,
      },
    ]);
    // A live incident wins over a drill of its workload: the drill is told to stop (recorded first, as aborts are).
    if (drill === undefined) await abortDrillsOf(context, workloadId, incidentId, detectedAt);
    return {
      status: incident.status,
      ...(incident.abortRequested ? { abortRequested: incident.abortRequested } : {}),
      policy: {
        observationWindowSeconds: policy.observationWindowSeconds,
        groupingWindowSeconds: policy.groupingWindowSeconds,
        quorum: policy.quorum,
        rejectionsToReject: policy.rejectionsToReject,
        approverRoles: [...policy.approverRoles],
        approvalDeadlineSeconds: approvalDeadlineSeconds(policy),
        approvalLevels: [
          { roles: [...policy.approverRoles], timeoutSeconds: policy.approvalTimeoutSeconds },
          ...policy.escalation.map((level) => ({
            roles: [...level.roles],
            timeoutSeconds: level.timeoutSeconds,
          })),
        ],
        finalTimeoutOutcome: policy.finalTimeoutOutcome,
        validation: validationPlan(
          drill?.kind === 'drill' && workload.drills.healthChecks
            ? { healthChecks: workload.drills.healthChecks }
            : workload,
        ),
        ...(drill === undefined ? {} : { drillApproval: workload.drills.approval }),
      },
    };
  },
  { extraInputs: [df.input.durableClient()] },
);

/** Every drill of the workload still open: recorded as aborted-by-request, then its orchestration is told. */
async function abortDrillsOf(
  context: InvocationContext,
  workloadId: string,
  liveIncidentId: string,
  at: string,
): Promise<void> {
  const store = container().incidentStore();
  const open = await store.list({
    workloadId,
    mode: 'drill',
    status: INCIDENT_STATUSES.filter((status) => !isTerminal(status)),
    limit: MAX_OPEN_DRILLS,
  });
  for (const drill of open.items) {
    const abort: AbortRequest = {
      actor: DRILL_YIELD_ACTOR,
      at,
      comment: yieldedToLiveReason(liveIncidentId),
    };
    await store.update(
      drill.id,
      (current) => withAbortRequested(current, abort),
      (_updated, changed) => (changed ? [abortRequestedEntry(abort)] : []),
    );
    await raiseToInstance(context, drill.id, OPERATOR_ACTION_EVENT, { action: 'abort', ...abort });
  }
}

registerActivity(assessIncidentActivity, async ({ incidentId, at }) => {
  const c = container();
  const read = await c.correlationStore().readIncidentAlerts(incidentId);
  if (read === undefined) {
    throw new NotFoundError(`No correlation window for incident '${incidentId}'.`);
  }
  const workload = workloadOf(read.workloadId);
  // Derived once for the summary and the criteria: it reads every notification of the incident.
  const alertStates = deriveAlertStates(read.alerts);
  const summary = summariseIncidentAlerts(read.alerts, alertStates);
  // The criteria may ask whether the primary's own probes confirm the outage: probe it now.
  const fresh = usesPrimaryProbes(workload.activation.activateWhen) ? await probePrimary(workload, at) : [];
  let evaluation: ActivationEvaluation | undefined;
  let changedDecision = false;
  // One read-modify-write: the criteria see the probe results as stored (a concurrent assessment's
  // included), and the record, its probes and the timeline entry change together.
  await c.incidentStore().update(
    incidentId,
    (current) => {
      const probes = recentProbeResults(current.primaryProbes ?? [], fresh);
      evaluation = evaluateActivation(
        workload.activation,
        {
          now: at,
          workload: {
            id: workload.id,
            primaryRegion: workload.regions.primary,
            services: workload.services,
          },
          alerts: [...read.alerts],
          probes,
        },
        alertStates,
      );
      const previous = current.activation;
      changedDecision =
        previous === undefined ||
        previous.decision !== evaluation.decision ||
        previous.reasons.join('\n') !== evaluation.reasons.join('\n');
      return {
        ...current,
        ...(summary.highestSeverity ? { severity: summary.highestSeverity } : {}),
        alerts: { count: summary.notifications, latest: summary.latest },
        activation: { decision: evaluation.decision, reasons: evaluation.reasons, evaluatedAt: at },
        ...(fresh.length > 0 ? { primaryProbes: probes } : {}),
      };
    },
    // Keyed by what was decided, so a repeat of the same assessment writes one entry.
    () =>
      changedDecision && evaluation
        ? [
            {
              id: `assessment-v${read.version}-${evaluation.decision}`,
              at,
              type: 'activation-evaluated',
              message: `Activation criteria: ${evaluation.decision} — ${evaluation.reasons.join('; ')}`,
            },
          ]
        : [],
  );
  if (evaluation === undefined) {
    throw new Error(`Incident '${incidentId}' was not assessed.`);
  }
  return {
    version: read.version,
    windowOpen: read.closedAt === undefined,
    summary,
    decision: evaluation.decision,
    reasons: evaluation.reasons,
  };
});

/** One round of the workload's primary health checks, as criteria facts stamped with the assessment time. */
async function probePrimary(workload: Workload, at: string): Promise<ProbeResult[]> {
  const results = await probeEach(
    container().healthProbe(),
    workload.healthChecks.primary.map((check) => healthCheckRequest(check, PRIMARY_PROBE_TIMEOUT_MS)),
  );
  return results.map((r) => ({ target: 'primary' as const, name: r.name, ok: r.ok, at, detail: r.reason }));
}

registerActivity(
  transitionIncidentActivity,
  async ({ incidentId, to, at, entryId, message, actor }, context) => {
    const store = container().incidentStore();
    let from: IncidentStatus | undefined;
    const updated = await store.update(
      incidentId,
      (current) => {
        from = current.status;
        if (current.status === to) {
          return undefined; // already there: a repeat of this activity
        }
        if (!canTransition(current.status, to)) {
          throw new ConflictError(
            `Incident '${incidentId}' cannot move from ${current.status} to ${to}.`,
            current,
          );
        }
        return {
          ...current,
          status: to,
          ...(to === 'observing' ? { observingSince: at } : {}),
          ...(to === 'failing-over' ? { activatedAt: at } : {}),
          ...(to === 'recovered' ? { recoveredAt: at } : {}),
          // A follow-up phase ends on its own record: endedAt and outcome stay the failover's (its RTO).
          ...(isTerminal(to)
            ? current.followUp
              ? { followUp: { ...current.followUp, endedAt: at, outcome: { status: to, reason: message } } }
              : { endedAt: at, outcome: { status: to, reason: message } }
            : {}),
        };
      },
      (result) => {
        const fullMessage =
          isTerminal(to) && result.status === to ? endText(result, message, to, at) : message;
        return [
          { id: entryId, at, type: 'status-changed', message: fullMessage, ...(actor ? { actor } : {}) },
        ];
      },
    );
    if (from !== undefined && from !== to && updated.status === to) recordTransition(updated, from, to, at);
    if (to === 'failing-over' && updated.status === to) {
      // Stakeholders hear how the failover goes every notificationCadence until it ends.
      const cadence = compilePolicy(workloadOf(updated.workloadId)).notificationCadenceSeconds;
      await startProgressUpdates(context, incidentId, cadence);
    }
    return { status: updated.status, changed: updated.status === to };
  },
  { extraInputs: [df.input.durableClient()] },
);

/**
 * How an end reads on the timeline. A failover's end is also an RTO verdict once it started, and a failed or
 * aborted one says what a rollback could undo; a follow-up's says how long it took.
 */
function endText(incident: Incident, message: string, to: IncidentStatus, at: string): string {
  if (incident.followUp !== undefined) {
    return `${message}. ${followUpEndText({ ...incident, followUp: incident.followUp }, to, at)}`;
  }
  if (incident.activatedAt === undefined) return message;
  const rto = `${message}. ${describeRto(rtoClock(incident, new Date(at)))}`;
  const coverage =
    to === 'failed' || to === 'aborted'
      ? describeRollbackCoverage(rollbackCoverage(failoverSteps(incident)))
      : undefined;
  return coverage ? `${rto}. Rollback: ${coverage}` : rto;
}

registerActivity(recordApprovalActivity, async ({ incidentId, approval, entry, at }) => {
  const store = container().incidentStore();
  let recorded = true;
  await store.update(
    incidentId,
    (current) => {
      // An approval that outlived its incident (aborted meanwhile) may only say it was cancelled.
      if (isTerminal(current.status) && approval.status !== 'cancelled') {
        recorded = false;
        return undefined;
      }
      return { ...current, approval };
    },
    () => (recorded ? [{ ...entry, at }] : []),
  );
  return { recorded };
});

registerActivity(
  cancelApprovalActivity,
  async ({ instanceId }, context) => ({
    delivered: await raiseToInstance(context, instanceId, APPROVAL_CANCEL_EVENT, {}),
  }),
  { extraInputs: [df.input.durableClient()] },
);
