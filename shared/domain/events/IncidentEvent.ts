// An incident lifecycle change as other systems receive it: a CloudEvents 1.0 event (structured JSON) on
// the incident-events topic. Its id is deterministic, so repeats are dropped by the topic and consumers.
import { z } from 'zod';
import { severitySchema } from '../alerts/Severity';
import { tierSchema } from '../catalog/Tier';
import { drillKindSchema } from '../incident/IncidentDrill';
import { incidentModeSchema } from '../incident/IncidentMode';
import { incidentStatusSchema } from '../incident/IncidentStatus';
import { rtoClockSchema } from '../incident/rtoClock';

const utcInstant = z.iso.datetime({ precision: 3 });

/** Every event type starts with this; the rest names the change (a status, or what happened). */
export const INCIDENT_EVENT_TYPE_PREFIX = 'io.lifeboat.incident.';

/** The CloudEvents `source` of every incident event. */
export const INCIDENT_EVENT_SOURCE = 'urn:lifeboat:incidents';

export const INCIDENT_EVENT_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

export const incidentEventDataSchema = z.object({
  incidentId: z.string().min(1),
  /** What changed: the status reached (`recovered`), or what happened (`step-started`, `approval-requested`). */
  change: z.string().min(1),
  /** The timeline entry the event was published from (`GET /api/incidents/{id}` lists it too). */
  timelineEntryId: z.string().min(1),
  message: z.string().describe('For people, as the timeline shows it.'),
  actor: z
    .string()
    .min(1)
    .optional()
    .describe('Who caused it (an approver, an operator); absent for Lifeboat.'),
  workloadId: z.string().min(1),
  workloadName: z.string().min(1),
  tier: tierSchema,
  mode: incidentModeSchema,
  /** For a drill (mode `drill`): `drill` (calls drill targets) or `dry-run` (calls nothing). */
  drill: drillKindSchema.optional(),
  /** The incident's status once the change was recorded. */
  status: incidentStatusSchema,
  severity: severitySchema.optional(),
  detectedAt: utcInstant,
  activatedAt: utcInstant.optional(),
  recoveredAt: utcInstant.optional(),
  /** The RTO clock at the time of the change. */
  rto: rtoClockSchema,
  /** Ids and facts of the change for tools (step id, attempt, decision...), as the timeline entry has them. */
  facts: z.record(z.string(), z.unknown()).optional(),
});
export type IncidentEventData = z.infer<typeof incidentEventDataSchema>;

export const incidentEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z
    .string()
    .min(1)
    .describe('Deterministic: the same change always has the same id. Drop repeats by it.'),
  source: z.literal(INCIDENT_EVENT_SOURCE),
  type: z
    .string()
    .regex(/^io\.lifeboat\.incident\.[a-z0-9-]+$/)
    .describe(`${INCIDENT_EVENT_TYPE_PREFIX}<change>, e.g. io.lifeboat.incident.recovered`),
  subject: z.string().min(1).describe('The incident id.'),
  time: utcInstant,
  datacontenttype: z.literal('application/json'),
  /** CloudEvents sequence extension: the change's position in its incident, zero-padded to sort as text. */
  sequence: z.string().regex(/^\d{10}$/),
  data: incidentEventDataSchema,
});
export type IncidentEvent = z.infer<typeof incidentEventSchema>;
