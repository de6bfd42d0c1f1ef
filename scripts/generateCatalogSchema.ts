// Rewrites schemas/catalog-workload.schema.json from the zod schema: `npx tsx scripts/generateCatalogSchema.ts`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { WORKLOAD_JSON_SCHEMA_PATH, workloadJsonSchema } from '../shared/domain/catalog/workloadJsonSchema';

async function main(): Promise<void> {
  const target = path.join(__dirname, '..', WORKLOAD_JSON_SCHEMA_PATH);
  // Formatted like the rest of the repository so `prettier --check` stays green after a regeneration.
  const options = (await resolveConfig(target)) ?? {};
  const text = await format(JSON.stringify(workloadJsonSchema()), { ...options, filepath: target });
  await writeFile(target, text, 'utf8');
  console.log(`wrote ${WORKLOAD_JSON_SCHEMA_PATH}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
