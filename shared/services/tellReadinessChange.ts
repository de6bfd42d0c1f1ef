// Tells a change of readiness: the owners (the workload's `readiness.owners` role) through each channel the
// workload uses and the app has configured, and a CloudEvent on the workload-events topic. Each send is
// tried a few times; a channel that still fails is logged and does not hold back the other or the event.
// Ids are deterministic (evaluation + state), so a repeat is one message to mail clients and the topic.
import { peopleInRoles } from '../domain/catalog/contactsSchema';
import { WORKLOAD_EVENTS_TOPIC } from '../domain/contracts/queues';
import { readinessEvent } from '../domain/events/ReadinessEvent';
import type { MessageTemplates } from '../domain/notifications/base/MessageTemplates';
import { buildMessage } from '../domain/notifications/messageKinds';
import { rpoExposure } from '../domain/readiness/rpoExposure';
import { errorMessage } from '../errors';
import type { Logger } from '../logging';
import type { MessageSender } from '../ports/MessageSender';
import type { NotificationChannel } from '../ports/NotificationChannel';
import type { ReadinessChange } from './ReadinessEvaluator';

export const TELL_ATTEMPTS = 3;

export interface TellDeps {
  readonly channel: (name: 'email' | 'teams') => NotificationChannel | undefined;
  readonly templates: () => MessageTemplates;
  readonly sender: () => MessageSender;
  readonly publicBaseUrl: () => string;
  readonly log: Logger;
}

export async function tellReadinessChange(deps: TellDeps, change: ReadinessChange): Promise<void> {
  const { workload, result, previousState } = change;
  const ids = { workloadId: workload.id, evaluationId: result.id };
  const owners = peopleInRoles(workload.contacts, [workload.readiness.ownerRole]).map((p) => ({
    name: p.name,
    ...(p.email ? { email: p.email } : {}),
    ...(p.teamsUpn ? { teamsUpn: p.teamsUpn } : {}),
  }));
  if (owners.length === 0) {
    deps.log.warn(`Readiness changed but role "${workload.readiness.ownerRole}" has nobody to tell`, ids);
  } else {
    const notification = buildMessage(
      'readiness-changed',
      {
        incidentId: `readiness-${workload.id}`,
        workloadId: workload.id,
        workloadName: workload.name,
        tier: workload.tier,
        ...(previousState ? { previousState } : {}),
        state: result.state,
        evaluatedAt: result.evaluatedAt,
        evaluationId: result.id,
        reasons: result.reasons,
        ...(result.replication
          ? {
              rpoExposure: rpoExposure(
                workload.regions.secondary,
                result.replication,
                workload.rpoSeconds,
                new Date(result.evaluatedAt),
              ).text,
            }
          : {}),
        statusUrl: `${deps.publicBaseUrl()}/api/workloads/${encodeURIComponent(workload.id)}/readiness`,
        recipients: owners,
      },
      deps.templates(),
    );
    for (const name of ['email', 'teams'] as const) {
      const channel = workload.channels[name] ? deps.channel(name) : undefined;
      if (channel === undefined) continue;
      await attempt(deps.log, `readiness ${name} message`, ids, () => channel.send(notification));
    }
  }
  const event = readinessEvent(result, previousState);
  await attempt(deps.log, 'readiness event', ids, () =>
    deps.sender().send(WORKLOAD_EVENTS_TOPIC, [
      {
        messageId: event.id,
        body: event,
        contentType: 'application/cloudevents+json; charset=utf-8',
        subject: event.type,
        correlationId: workload.id,
        applicationProperties: { eventType: event.type, workloadId: workload.id },
      },
    ]),
  );
}

async function attempt(
  log: Logger,
  what: string,
  ids: Record<string, string>,
  send: () => Promise<unknown>,
): Promise<void> {
  for (let n = 1; ; n++) {
    try {
      await send();
      return;
    } catch (err) {
      if (n >= TELL_ATTEMPTS) {
        log.error(`The ${what} could not be sent`, { ...ids, error: errorMessage(err) });
        return;
      }
    }
  }
}
