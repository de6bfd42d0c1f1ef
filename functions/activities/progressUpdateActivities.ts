// The activities of progress updates: where an incident's failover is (or that it is no longer under way),
// and one update through one channel. Safe to run twice: an update's id is the incident and its sequence
// (the outbox rewrites the same file; SMTP resends under the same Message-ID).
import { container } from '../../shared/container';
import { findWorkload } from '../../shared/domain/catalog/Catalog';
import {
  readFailoverPhaseActivity,
  sendProgressUpdateActivity,
} from '../../shared/domain/contracts/progressUpdateContracts';
import type { Incident } from '../../shared/domain/incident/Incident';
import { currentStepId } from '../../shared/domain/incident/IncidentRunbook';
import { buildProgressUpdateNotification } from '../../shared/domain/notifications/buildProgressUpdateNotification';
import { FAILOVER_PHASES, type FailoverPhase } from '../../shared/domain/notifications/ProgressUpdateFacts';
import { NonRetryableError } from '../../shared/errors';
import { registerActivity } from './registerActivity';
import { workloadRecipients } from './workloadRecipients';

function failoverPhase(incident: Incident | undefined): FailoverPhase | null {
  const status = incident?.status;
  return FAILOVER_PHASES.find((phase) => phase === status) ?? null;
}

registerActivity(readFailoverPhaseActivity, async ({ incidentId }) => ({
  phase: failoverPhase(await container().incidentStore().get(incidentId)),
}));

registerActivity(sendProgressUpdateActivity, async ({ incidentId, channel: channelName, sequence }) => {
  const c = container();
  const incident = await c.incidentStore().get(incidentId);
  const phase = failoverPhase(incident);
  if (incident === undefined || phase === null) {
    return { delivered: 'skipped' as const, detail: `the failover of ${incidentId} is not under way` };
  }
  const workload = findWorkload(c.catalog(), incident.workloadId);
  if (workload === undefined) {
    throw new NonRetryableError(`Workload '${incident.workloadId}' is not in the catalog.`);
  }
  if (!workload.channels[channelName]) {
    return { delivered: 'skipped' as const, detail: `${channelName} is turned off for ${workload.id}` };
  }
  const channel = c.notificationChannel(channelName);
  if (channel === undefined) {
    return { delivered: 'skipped' as const, detail: `no ${channelName} channel is configured` };
  }
  const elapsedSeconds = Math.max(
    0,
    Math.floor((c.now().getTime() - Date.parse(incident.detectedAt)) / 1000),
  );
  const stepId =
    incident.runbook === undefined
      ? undefined
      : (currentStepId(incident.runbook, incident.steps) ?? incident.runbook.paused?.stepId);
  const notification = buildProgressUpdateNotification(
    {
      incidentId: incident.id,
      workloadId: workload.id,
      workloadName: workload.name,
      tier: workload.tier,
      sequence,
      phase,
      rto: {
        targetSeconds: incident.rtoTargetSeconds,
        elapsedSeconds,
        remainingSeconds: incident.rtoTargetSeconds - elapsedSeconds,
      },
      steps: incident.steps.map((step) => ({
        id: step.id,
        name: step.name,
        status: step.status,
        attempts: step.attempts,
        ...(step.error ? { error: step.error } : {}),
      })),
      ...(stepId === undefined ? {} : { currentStepId: stepId }),
      statusUrl: `${c.publicBaseUrl()}/api/incidents/${encodeURIComponent(incident.id)}`,
      recipients: workloadRecipients(workload),
    },
    c.messageTemplates(),
  );
  const receipt = await channel.send(notification);
  return { delivered: receipt.channel, detail: `${receipt.delivered} message(s) for ${notification.id}` };
});
