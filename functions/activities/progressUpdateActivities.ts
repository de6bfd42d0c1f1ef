// The activities of progress updates: where an incident's failover is (or that it is no longer under way),
// and one update through one channel. Safe to run twice: an update's id is the incident and its sequence
// (the outbox rewrites the same file; SMTP resends under the same Message-ID).
import { container } from '../../shared/container';
import {
  readFailoverPhaseActivity,
  sendProgressUpdateActivity,
} from '../../shared/domain/contracts/progressUpdateContracts';
import type { Incident } from '../../shared/domain/incident/Incident';
import { currentStepId } from '../../shared/domain/incident/IncidentRunbook';
import { rtoClock } from '../../shared/domain/incident/rtoClock';
import { toOutcomeStep } from '../../shared/domain/notifications/base/stepView';
import { FAILOVER_PHASES, type FailoverPhase } from '../../shared/domain/notifications/kinds/progressUpdate';
import { asIncidentMessage } from '../../shared/domain/notifications/base/markDrill';
import { buildMessage } from '../../shared/domain/notifications/messageKinds';
import { registerActivity } from './registerActivity';
import { workloadChannel } from './workloadChannel';
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
  const target = workloadChannel(c, incident.workloadId, channelName);
  if ('skipped' in target) {
    return { delivered: 'skipped' as const, detail: target.skipped };
  }
  const { workload, channel } = target;
  const clock = rtoClock(incident, c.now());
  const stepId =
    incident.runbook === undefined
      ? undefined
      : (currentStepId(incident.runbook, incident.steps) ?? incident.runbook.paused?.stepId);
  const notification = buildMessage(
    'progress-update',
    {
      incidentId: incident.id,
      workloadId: workload.id,
      workloadName: workload.name,
      tier: workload.tier,
      sequence,
      phase,
      // Unclamped: an update after the target has passed says by how much.
      rto: {
        targetSeconds: clock.targetSeconds,
        elapsedSeconds: clock.elapsedSeconds,
        remainingSeconds: clock.targetSeconds - clock.elapsedSeconds,
      },
      steps: incident.steps.map(toOutcomeStep),
      ...(stepId === undefined ? {} : { currentStepId: stepId }),
      statusUrl: `${c.publicBaseUrl()}/api/console/incidents/${encodeURIComponent(incident.id)}`,
      recipients: workloadRecipients(workload),
    },
    c.messageTemplates(),
  );
  const receipt = await channel.send(asIncidentMessage(notification, incident));
  return { delivered: receipt.channel, detail: `${receipt.delivered} message(s) for ${notification.id}` };
});
