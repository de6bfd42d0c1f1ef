// Rewrites the catalog's JSON Schemas (schemas/catalog-*.schema.json) from the zod schemas:
// `npx tsx scripts/generateCatalogSchema.ts`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { RUNBOOK_JSON_SCHEMA_PATH, runbookJsonSchema } from '../shared/domain/catalog/runbookJsonSchema';
import { WORKLOAD_JSON_SCHEMA_PATH, workloadJsonSchema } from '../shared/domain/catalog/workloadJsonSchema';

const SCHEMAS: readonly (readonly [string, () => Record<string, unknown>])[] = [
  [WORKLOAD_JSON_SCHEMA_PATH, workloadJsonSchema],
  [RUNBOOK_JSON_SCHEMA_PATH, runbookJsonSchema],
];

async function main(): Promise<void> {
  for (const [relative, generate] of SCHEMAS) {
    const target = path.join(__dirname, '..', relative);
    // Formatted like the rest of the repository so `prettier --check` stays green after a regeneration.
    const options = (await resolveConfig(target)) ?? {};
    const text = await format(JSON.stringify(generate()), { ...options, filepath: target });
    await writeFile(target, text, 'utf8');
    console.log(`wrote ${relative}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
