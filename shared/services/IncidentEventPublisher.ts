// Drains the incident-event outbox to the incident-events topic: oldest first, each event sent with its
// id as the message id (the topic's duplicate detection drops a repeat), then marked published. An event
// is marked only after the topic accepted it, so a bus outage delays events and never loses one.
import { INCIDENT_EVENTS_TOPIC } from '../domain/contracts/queues';
import { INCIDENT_EVENT_CONTENT_TYPE, type IncidentEvent } from '../domain/events/IncidentEvent';
import type { Logger } from '../logging';
import type { IncidentEventOutbox } from '../ports/IncidentEventOutbox';
import type { MessageSender, OutboundMessage } from '../ports/MessageSender';

/** Events per send: well under a 256 KB batch for events of a few KB. */
export const PUBLISH_BATCH_SIZE = 50;

export interface IncidentEventPublisherDeps {
  readonly outbox: IncidentEventOutbox;
  readonly sender: MessageSender;
  readonly now: () => Date;
  readonly log: Logger;
  readonly batchSize?: number;
}

export class IncidentEventPublisher {
  private running: Promise<number> | undefined;
  private again = false;

  constructor(private readonly deps: IncidentEventPublisherDeps) {}

  /**
   * Publishes until nothing is left and resolves with how many it published; rejects when the bus or the
   * store fails (what was sent before stays published). One drain runs at a time: a call during a drain
   * joins it and makes it look once more, so events recorded meanwhile go out in order and once.
   */
  drain(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drainAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drainAll(): Promise<number> {
    let published = 0;
    const batchSize = this.deps.batchSize ?? PUBLISH_BATCH_SIZE;
    for (;;) {
      this.again = false;
      const events = await this.deps.outbox.unpublished(batchSize);
      if (events.length > 0) {
        await this.deps.sender.send(INCIDENT_EVENTS_TOPIC, events.map(toMessage));
        await this.deps.outbox.markPublished(
          events.map((e) => e.id),
          this.deps.now().toISOString(),
        );
        published += events.length;
      }
      if (events.length < batchSize && !this.again) {
        break;
      }
    }
    if (published > 0) {
      this.deps.log.info('Incident events published', { count: published, topic: INCIDENT_EVENTS_TOPIC });
    }
    return published;
  }
}

/** Structured CloudEvents over AMQP: the whole event as the body, its type as the subject. */
export function toMessage(event: IncidentEvent): OutboundMessage {
  return {
    messageId: event.id,
    body: event,
    contentType: INCIDENT_EVENT_CONTENT_TYPE,
    subject: event.type,
    correlationId: event.subject,
    // For subscription filters (SQL filters read application properties).
    applicationProperties: {
      eventType: event.type,
      incidentId: event.data.incidentId,
      workloadId: event.data.workloadId,
      mode: event.data.mode,
      tier: event.data.tier,
    },
  };
}
