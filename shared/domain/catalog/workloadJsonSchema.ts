// The JSON Schema published at schemas/catalog-workload.schema.json, generated from the zod schema so they cannot drift.
import { z } from 'zod';
import { workloadSchema } from './Workload';

export const WORKLOAD_JSON_SCHEMA_PATH = 'schemas/catalog-workload.schema.json';

/** Describes what authors write, hence the input side of the schema (durations as text, defaults optional). */
export function workloadJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(workloadSchema, { target: 'draft-2020-12', io: 'input' });
}
