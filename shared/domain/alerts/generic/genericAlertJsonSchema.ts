// The JSON Schema published at schemas/generic-alert.schema.json, generated from the zod schema so they cannot drift.
import { z } from 'zod';
import { genericAlertPayloadSchema } from './genericAlert';

export const GENERIC_ALERT_JSON_SCHEMA_PATH = 'schemas/generic-alert.schema.json';

/** Describes what senders may send, hence the input side of the schema. */
export function genericAlertJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(genericAlertPayloadSchema, { target: 'draft-2020-12', io: 'input' });
}
