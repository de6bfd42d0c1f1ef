// Port: the outbox of incident events. The incident store adds an event in the same atomic write as each
// timeline entry it records for the first time (so an event exists exactly for the changes that were
// recorded); a publisher sends what is unpublished to the incident-events topic and marks it published.
import type { IncidentEvent } from '../domain/events/IncidentEvent';
import type { Page } from './Page';

export interface PublishedIncidentEvent {
  readonly event: IncidentEvent;
  /** When the publisher had the topic accept it. */
  readonly publishedAt: string;
}

export interface PublishedEventQuery {
  /** One incident's events; all incidents' otherwise. */
  readonly incidentId?: string;
  /** A positive integer. */
  readonly limit: number;
  readonly continuationToken?: string;
}

export interface IncidentEventOutbox {
  /**
   * Events not yet marked published, in the order they were recorded (per incident: by `sequence`), at
   * most `limit` (a positive integer; ValidationError otherwise).
   */
  unpublished(limit: number): Promise<IncidentEvent[]>;
  /** Marks events published at `at`. Idempotent: an id already published keeps its first time; unknown ids are ignored. */
  markPublished(eventIds: readonly string[], at: string): Promise<void>;
  /** Published events in the order they were recorded, paged. A token from another listing: ValidationError. */
  published(query: PublishedEventQuery): Promise<Page<PublishedIncidentEvent>>;
}
