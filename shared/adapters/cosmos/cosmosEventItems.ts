// The incident-event outbox's items in an incident's partition of the `incidents` container: one item per
// event, built by the incident store when it commits the timeline entry the event is for (the event rides
// in the head's `pending` until it is an item of its own), then marked published by the publisher.
import { z } from 'zod';
import { incidentEventSchema, type IncidentEvent } from '../../domain/events/IncidentEvent';
import { cosmosItemId } from './cosmosItemId';

export const eventItemSchema = z.object({
  id: z.string(),
  incidentId: z.string().min(1),
  kind: z.literal('event'),
  eventId: z.string().min(1),
  /** Record order: increasing per incident, and across incidents as far as the writers' clocks agree. */
  order: z.number().int().positive(),
  published: z.boolean(),
  publishedAt: z.iso.datetime({ precision: 3 }).optional(),
  event: incidentEventSchema,
  _etag: z.string().optional(),
});
export type EventItem = z.infer<typeof eventItemSchema>;

export function eventItemId(eventId: string): string {
  return `event:${cosmosItemId(eventId)}`;
}

export function eventItem(incidentId: string, event: IncidentEvent, order: number): EventItem {
  return {
    id: eventItemId(event.id),
    incidentId,
    kind: 'event',
    eventId: event.id,
    order,
    published: false,
    event,
  };
}

/**
 * Orders for `count` events of one commit: after `floor` (the incident's last), after every order this
 * process handed out, and near the wall clock in microseconds (2^53 lasts until the year 2255). Two
 * instances may hand out the same order; listings break the tie by event id.
 */
export function nextEventOrders(count: number, floor: number): number[] {
  const first = Math.max(Date.now() * 1000, lastOrder + 1, floor + 1);
  lastOrder = first + count - 1;
  return Array.from({ length: count }, (_, i) => first + i);
}
let lastOrder = 0;
