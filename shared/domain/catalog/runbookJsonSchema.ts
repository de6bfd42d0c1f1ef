// The JSON Schema published at schemas/catalog-runbook.schema.json, generated from the zod schema so they cannot drift.
import { z } from 'zod';
import { runbookSchema } from '../runbook/Runbook';
import { retryInputSchema, retrySchema } from '../runbook/retrySchema';

export const RUNBOOK_JSON_SCHEMA_PATH = 'schemas/catalog-runbook.schema.json';

/** Describes what authors write, hence the input side of the schema (durations as text, defaults optional). */
export function runbookJsonSchema(): Record<string, unknown> {
  const retryJson = z.toJSONSchema(retryInputSchema, { target: 'draft-2020-12', io: 'input' });
  delete retryJson.$schema;
  return z.toJSONSchema(runbookSchema, {
    target: 'draft-2020-12',
    io: 'input',
    // `retry` parses a bare preset name as `{ preset: name }`; editors should see both forms it accepts.
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === retrySchema) {
        for (const key of Object.keys(jsonSchema)) {
          delete jsonSchema[key];
        }
        Object.assign(jsonSchema, retryJson);
      }
    },
  });
}
