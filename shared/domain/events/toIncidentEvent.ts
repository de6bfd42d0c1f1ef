// Turns a timeline entry, as it is first recorded, into the incident event published for it.
import { createHash } from 'node:crypto';
import type { Incident } from '../incident/Incident';
import { rtoClock } from '../incident/rtoClock';
import type { TimelineEntry } from '../incident/TimelineEntry';
import { INCIDENT_EVENT_SOURCE, INCIDENT_EVENT_TYPE_PREFIX, type IncidentEvent } from './IncidentEvent';

/** The incident's fields an event carries (what the store has at hand when it writes the entry). */
export type IncidentEventHead = Pick<
  Incident,
  | 'id'
  | 'workloadId'
  | 'workloadName'
  | 'tier'
  | 'mode'
  | 'drill'
  | 'status'
  | 'severity'
  | 'detectedAt'
  | 'activatedAt'
  | 'recoveredAt'
  | 'endedAt'
  | 'rtoTargetSeconds'
>;

const SEQUENCE_DIGITS = 10;

/**
 * A status change is published as the status it reached (`io.lifeboat.incident.recovered`); every other
 * entry as what happened (`io.lifeboat.incident.step-started`).
 */
export function incidentChange(entry: Pick<TimelineEntry, 'type'>, status: Incident['status']): string {
  // Timeline types are kebab-case by convention; anything else is made to fit an event type name.
  return entry.type === 'status-changed' ? status : entry.type.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/** A UUID-shaped hash of the incident and entry ids: re-running the writer gives the same id. */
export function incidentEventId(incidentId: string, timelineEntryId: string): string {
  const hex = createHash('sha256').update(`${incidentId}\n${timelineEntryId}`, 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `sequence`: the entry's position among the incident's events, from 1. */
export function toIncidentEvent(
  head: IncidentEventHead,
  entry: TimelineEntry,
  sequence: number,
): IncidentEvent {
  const change = incidentChange(entry, head.status);
  return {
    specversion: '1.0',
    id: incidentEventId(head.id, entry.id),
    source: INCIDENT_EVENT_SOURCE,
    type: `${INCIDENT_EVENT_TYPE_PREFIX}${change}`,
    subject: head.id,
    time: entry.at,
    datacontenttype: 'application/json',
    sequence: String(sequence).padStart(SEQUENCE_DIGITS, '0'),
    data: {
      incidentId: head.id,
      change,
      timelineEntryId: entry.id,
      message: entry.message,
      ...(entry.actor !== undefined ? { actor: entry.actor } : {}),
      workloadId: head.workloadId,
      workloadName: head.workloadName,
      tier: head.tier,
      mode: head.mode,
      ...(head.drill !== undefined ? { drill: head.drill.kind } : {}),
      status: head.status,
      ...(head.severity !== undefined ? { severity: head.severity } : {}),
      detectedAt: head.detectedAt,
      ...(head.activatedAt !== undefined ? { activatedAt: head.activatedAt } : {}),
      ...(head.recoveredAt !== undefined ? { recoveredAt: head.recoveredAt } : {}),
      rto: rtoClock(head, new Date(entry.at)),
      ...(entry.data !== undefined ? { facts: entry.data } : {}),
    },
  };
}
