// Lifeboat's custom metrics (Application Insights customMetrics when telemetry is on; no-ops otherwise).
// Recorded where the fact becomes true once — a transition that changed the incident, an accepted request —
// so an activity that runs twice does not count twice.
import { metrics } from '@opentelemetry/api';
import type { Incident } from '../domain/incident/Incident';
import type { IncidentStatus } from '../domain/incident/IncidentStatus';
import { rtoClock } from '../domain/incident/rtoClock';
import { WORKLOAD_ID } from './telemetryAttributes';

const meter = () => metrics.getMeter('lifeboat');
const instruments = (() => {
  let made: ReturnType<typeof make> | undefined;
  const make = () => ({
    alertsAccepted: meter().createCounter('lifeboat.alerts.accepted', {
      description: 'Alerts accepted by the intake',
    }),
    timeToApprovalRequest: meter().createHistogram('lifeboat.incident.time_to_approval_request', {
      description: 'From detection to asking for approval',
      unit: 's',
    }),
    timeToDecision: meter().createHistogram('lifeboat.incident.time_to_decision', {
      description: 'From detection to the approval decision (failover started, or rejected)',
      unit: 's',
    }),
    stepDuration: meter().createHistogram('lifeboat.step.duration', {
      description: 'Runbook step calls, by step type and outcome',
      unit: 'ms',
    }),
    rtoAchieved: meter().createHistogram('lifeboat.incident.rto_achieved', {
      description: 'Detection to recovery; attribute met says whether it was within the target',
      unit: 's',
    }),
    rtoTarget: meter().createHistogram('lifeboat.incident.rto_target', {
      description: 'The RTO target of each recovered incident, beside rto_achieved',
      unit: 's',
    }),
  });
  // Made on first use: the SDK (useAzureMonitor, or a test's provider) registers itself before that.
  return () => (made ??= make());
})();

export function recordAlertsAccepted(count: number, format: string): void {
  instruments().alertsAccepted.add(count, { 'lifeboat.alert.format': format });
}

export function recordStepCall(durationMs: number, stepType: string, outcome: string): void {
  instruments().stepDuration.record(durationMs, {
    'lifeboat.step.type': stepType,
    'lifeboat.step.outcome': outcome,
  });
}

/** For a transition that changed the incident (now `incident`) from `from` to `to` at `at`. */
export function recordTransition(
  incident: Incident,
  from: IncidentStatus,
  to: IncidentStatus,
  at: string,
): void {
  const sinceDetection = Math.max(0, (Date.parse(at) - Date.parse(incident.detectedAt)) / 1000);
  const attributes = { [WORKLOAD_ID]: incident.workloadId, 'lifeboat.incident.mode': incident.mode };
  if (to === 'awaiting-approval') instruments().timeToApprovalRequest.record(sinceDetection, attributes);
  // A decision ends the wait for approval (failing-over again after a pause is no decision).
  if (from === 'awaiting-approval' && (to === 'failing-over' || to === 'rejected')) {
    instruments().timeToDecision.record(sinceDetection, { ...attributes, 'lifeboat.decision': to });
  }
  if (to === 'recovered') {
    const rto = rtoClock(incident, new Date(at));
    const withMet = { ...attributes, 'lifeboat.rto.met': rto.met === true };
    instruments().rtoAchieved.record(rto.elapsedSeconds, withMet);
    instruments().rtoTarget.record(rto.targetSeconds, withMet);
  }
}
