// The JSON Schema published at schemas/incident-event.schema.json, generated from the zod schema so they
// cannot drift.
import { z } from 'zod';
import { incidentEventSchema } from './IncidentEvent';

export const INCIDENT_EVENT_JSON_SCHEMA_PATH = 'schemas/incident-event.schema.json';

/** Describes what consumers receive, hence the output side of the schema. */
export function incidentEventJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(incidentEventSchema, { target: 'draft-2020-12', io: 'output' }),
    $id: 'https://lifeboat.example/schemas/incident-event.schema.json',
    title: 'Lifeboat incident event (CloudEvents 1.0, structured JSON)',
  };
}
