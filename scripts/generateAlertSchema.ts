// Rewrites schemas/generic-alert.schema.json from the zod schema: `npx tsx scripts/generateAlertSchema.ts`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  GENERIC_ALERT_JSON_SCHEMA_PATH,
  genericAlertJsonSchema,
} from '../shared/domain/alerts/generic/genericAlertJsonSchema';

async function main(): Promise<void> {
  const target = path.join(__dirname, '..', GENERIC_ALERT_JSON_SCHEMA_PATH);
  // Formatted like the rest of the repository so `prettier --check` stays green after a regeneration.
  const options = (await resolveConfig(target)) ?? {};
  const text = await format(JSON.stringify(genericAlertJsonSchema()), { ...options, filepath: target });
  await writeFile(target, text, 'utf8');
  console.log(`wrote ${GENERIC_ALERT_JSON_SCHEMA_PATH}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
