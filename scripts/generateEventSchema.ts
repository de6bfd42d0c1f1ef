// Rewrites schemas/incident-event.schema.json from the zod schema: `npx tsx scripts/generateEventSchema.ts`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  INCIDENT_EVENT_JSON_SCHEMA_PATH,
  incidentEventJsonSchema,
} from '../shared/domain/events/incidentEventJsonSchema';

async function main(): Promise<void> {
  const target = path.join(__dirname, '..', INCIDENT_EVENT_JSON_SCHEMA_PATH);
  // Formatted like the rest of the repository so `prettier --check` stays green after a regeneration.
  const options = (await resolveConfig(target)) ?? {};
  const text = await format(JSON.stringify(incidentEventJsonSchema()), { ...options, filepath: target });
  await writeFile(target, text, 'utf8');
  console.log(`wrote ${INCIDENT_EVENT_JSON_SCHEMA_PATH}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
