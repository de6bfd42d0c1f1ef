// The incident's messages: the approval request to one escalation level (each approver with their own
// signed links), the approval's outcome to everyone asked, and how a failover ended with the RTO achieved,
// through one channel per call, so a failing channel is retried alone and never holds up the other. Safe to run twice: links are derived deterministically and the
// message ids are stable (the outbox rewrites the same file; SMTP resends under the same Message-ID).
import { container } from '../../shared/container';
import { contactKey, peopleInRoles } from '../../shared/domain/catalog/contactsSchema';
import { derivedNonce } from '../../shared/domain/approvalLinks/derivedNonce';
import { signApprovalLink } from '../../shared/domain/approvalLinks/signApprovalLink';
import { sendApprovalNotificationActivity } from '../../shared/domain/contracts/approvalContracts';
import { sendIncidentOutcomeActivity } from '../../shared/domain/contracts/incidentLifecycleContracts';
import { sendFollowUpOutcomeActivity } from '../../shared/domain/contracts/followUpContracts';
import {
  FOLLOW_UP_OUTCOMES,
  type FollowUpOutcome as FollowUpOutcomeStatus,
} from '../../shared/domain/notifications/kinds/followUpOutcome';
import { describeRto } from '../../shared/domain/incident/describeRto';
import type { Incident } from '../../shared/domain/incident/Incident';
import { rtoClock } from '../../shared/domain/incident/rtoClock';
import { toOutcomeStep } from '../../shared/domain/notifications/base/stepView';
import { asIncidentMessage } from '../../shared/domain/notifications/base/markDrill';
import { buildMessage } from '../../shared/domain/notifications/messageKinds';
import { NonRetryableError } from '../../shared/errors';
import { registerActivity } from './registerActivity';
import { workloadChannel } from './workloadChannel';
import { workloadRecipients } from './workloadRecipients';

/** The approval card and email show this many of the incident's latest alerts. */
const RECENT_ALERTS = 5;

registerActivity(sendApprovalNotificationActivity, async (input) => {
  const c = container();
  const incident = await c.incidentStore().get(input.incidentId);
  if (incident === undefined) {
    throw new NonRetryableError(`No incident '${input.incidentId}'.`);
  }
  const target = workloadChannel(c, incident.workloadId, input.channel);
  if ('skipped' in target) {
    return { delivered: 'skipped' as const, detail: target.skipped };
  }
  const { workload, channel } = target;

  const base = c.publicBaseUrl();
  const statusUrl = `${base}/api/console/incidents/${encodeURIComponent(incident.id)}`;
  const templates = c.messageTemplates();
  let notification;
  if (input.message.kind === 'approval-request') {
    const roles = input.levels[input.level - 1]?.roles ?? [];
    const people = peopleInRoles(workload.contacts, roles);
    if (people.length === 0) {
      return { delivered: 'skipped' as const, detail: `nobody holds ${roles.join(', ')} for ${workload.id}` };
    }
    const link = linkMaker(input, base);
    notification = buildMessage(
      'approval-request',
      {
        incidentId: incident.id,
        workloadId: workload.id,
        workloadName: workload.name,
        tier: workload.tier,
        ...(incident.severity ? { severity: incident.severity } : {}),
        rto: rtoBudget(incident, c.now()),
        reasons: incident.activation?.reasons ?? [],
        recentAlerts: incident.alerts.latest.slice(-RECENT_ALERTS).map((alert) => ({
          summary: alert.summary,
          severity: alert.severity,
          condition: alert.condition,
          at: alert.at,
        })),
        round: input.round,
        level: input.level,
        levelRoles: roles,
        quorum: { required: input.quorum, approvals: incident.approval?.quorum.approvals ?? 0 },
        deadline: input.deadline,
        statusUrl,
        approvers: people.map((person) => ({
          name: person.name,
          ...(person.email ? { email: person.email } : {}),
          ...(person.teamsUpn ? { teamsUpn: person.teamsUpn } : {}),
          approveUrl: link(contactKey(person), 'approve'),
          rejectUrl: link(contactKey(person), 'reject'),
        })),
        ...(input.readiness
          ? {
              readiness: {
                state: input.readiness.state,
                reasons: input.readiness.reasons,
                secondary: input.readiness.secondary,
                ...(input.readiness.rpoExposure
                  ? {
                      rpoExposure: {
                        text: input.readiness.rpoExposure.text,
                        withinRpo: input.readiness.rpoExposure.withinRpo,
                      },
                    }
                  : {}),
              },
            }
          : {}),
        ...(input.message.guardRail ? { guardRail: input.message.guardRail } : {}),
      },
      templates,
    );
  } else {
    const asked = input.levels.slice(0, input.level).flatMap((level) => level.roles);
    notification = buildMessage(
      'approval-decided',
      {
        incidentId: incident.id,
        workloadName: workload.name,
        round: input.round,
        outcome: input.message.outcome,
        reason: input.message.reason,
        statusUrl,
        recipients: peopleInRoles(workload.contacts, asked).map((person) => ({
          name: person.name,
          ...(person.email ? { email: person.email } : {}),
          ...(person.teamsUpn ? { teamsUpn: person.teamsUpn } : {}),
        })),
      },
      templates,
    );
  }
  const receipt = await channel.send(asIncidentMessage(notification, incident));
  return { delivered: receipt.channel, detail: `${receipt.delivered} message(s) for ${notification.id}` };
});

function linkMaker(
  input: { incidentId: string; round: number; deadline: string; channel: string },
  base: string,
): (approver: string, decision: 'approve' | 'reject') => string {
  const key = container().config.signingKey;
  if (key === undefined) {
    throw new NonRetryableError('LIFEBOAT_SIGNING_KEY is not set: approval links cannot be signed.');
  }
  // The links expire with the request: a decision after the deadline would not count anyway.
  const expiresAt = Math.ceil(Date.parse(input.deadline) / 1000);
  return (approver, decision) => {
    const claims = { incidentId: input.incidentId, round: input.round, approver, decision };
    const token = signApprovalLink({ ...claims, nonce: derivedNonce(key, claims), expiresAt }, key);
    return `${base}/api/approvals/${token}?via=${input.channel}`;
  };
}

function rtoBudget(incident: Incident, now: Date): { targetSeconds: number; remainingSeconds: number } {
  const clock = rtoClock(incident, now);
  return { targetSeconds: clock.targetSeconds, remainingSeconds: clock.targetSeconds - clock.elapsedSeconds };
}

registerActivity(sendIncidentOutcomeActivity, async ({ incidentId, channel: channelName }) => {
  const c = container();
  const incident = await c.incidentStore().get(incidentId);
  if (incident?.outcome === undefined) {
    throw new NonRetryableError(`Incident '${incidentId}' has not ended.`);
  }
  const outcome = incident.outcome.status;
  if (outcome !== 'recovered' && outcome !== 'failed' && outcome !== 'aborted') {
    return { delivered: 'skipped' as const, detail: `no failover message for a ${outcome} incident` };
  }
  const target = workloadChannel(c, incident.workloadId, channelName);
  if ('skipped' in target) {
    return { delivered: 'skipped' as const, detail: target.skipped };
  }
  const { workload, channel } = target;
  const clock = rtoClock(incident, c.now());
  const notification = buildMessage(
    'incident-outcome',
    {
      incidentId: incident.id,
      workloadId: workload.id,
      workloadName: workload.name,
      tier: workload.tier,
      outcome,
      reason: incident.outcome.reason,
      rto: {
        targetSeconds: clock.targetSeconds,
        elapsedSeconds: clock.elapsedSeconds,
        ...(clock.met === undefined ? {} : { met: clock.met }),
      },
      rtoVerdict: describeRto(clock),
      steps: incident.steps.map(toOutcomeStep),
      ...(outcome === 'aborted' && incident.abortRequested
        ? { abortedBy: incident.abortRequested.actor }
        : {}),
      statusUrl: `${c.publicBaseUrl()}/api/console/incidents/${encodeURIComponent(incident.id)}`,
      recipients: workloadRecipients(workload),
    },
    c.messageTemplates(),
  );
  const receipt = await channel.send(asIncidentMessage(notification, incident));
  return { delivered: receipt.channel, detail: `${receipt.delivered} message(s) for ${notification.id}` };
});

registerActivity(sendFollowUpOutcomeActivity, async ({ incidentId, channel: channelName, phase, seq }) => {
  const c = container();
  const incident = await c.incidentStore().get(incidentId);
  const followUp = incident?.followUp;
  if (incident === undefined || followUp?.phase !== phase || followUp.seq !== seq) {
    throw new NonRetryableError(`Incident '${incidentId}' has no ${phase} ${seq}.`);
  }
  if (followUp.outcome === undefined || followUp.endedAt === undefined) {
    throw new NonRetryableError(`The ${phase} of incident '${incidentId}' has not ended.`);
  }
  const outcome = followUp.outcome.status;
  if (!(FOLLOW_UP_OUTCOMES as readonly string[]).includes(outcome)) {
    return { delivered: 'skipped' as const, detail: `no ${phase} message for a ${outcome} phase` };
  }
  const target = workloadChannel(c, incident.workloadId, channelName);
  if ('skipped' in target) {
    return { delivered: 'skipped' as const, detail: target.skipped };
  }
  const { workload, channel } = target;
  const { primary, secondary } = workload.regions;
  const runsIn: Record<FollowUpOutcomeStatus, string> = {
    'failed-back': primary,
    'failback-failed': secondary,
    'rolled-back': primary,
    // Partly undone: the steps say what is left.
    'rollback-failed': `${secondary} in part, ${primary} in part`,
  };
  const notification = buildMessage(
    'follow-up-outcome',
    {
      incidentId: incident.id,
      workloadId: workload.id,
      workloadName: workload.name,
      tier: workload.tier,
      outcome: outcome as FollowUpOutcomeStatus,
      reason: followUp.outcome.reason,
      runsIn: runsIn[outcome as FollowUpOutcomeStatus],
      durationSeconds: Math.max(
        0,
        Math.floor((Date.parse(followUp.endedAt) - Date.parse(followUp.requestedAt)) / 1000),
      ),
      steps: incident.steps.map(toOutcomeStep),
      seq,
      statusUrl: `${c.publicBaseUrl()}/api/console/incidents/${encodeURIComponent(incident.id)}`,
      recipients: workloadRecipients(workload),
    },
    c.messageTemplates(),
  );
  const receipt = await channel.send(asIncidentMessage(notification, incident));
  return { delivered: receipt.channel, detail: `${receipt.delivered} message(s) for ${notification.id}` };
});
