import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  RUNBOOK_JSON_SCHEMA_PATH,
  runbookJsonSchema,
} from '../../../../../shared/domain/catalog/runbookJsonSchema';

const REPO_ROOT = path.join(__dirname, '..', '..', '..', '..', '..');

interface ObjectSchema {
  required: string[];
  additionalProperties: boolean;
  properties: Record<string, { anyOf?: unknown[]; description?: string; $ref?: string }>;
}

interface RunbookSchema {
  required: string[];
  additionalProperties: boolean;
  properties: { steps: { items: { oneOf: (ObjectSchema | { $ref: string })[] } } };
  $defs?: Record<string, ObjectSchema>;
}

/** The step types, with a shared one (steps refer to each other through `rollback`) read from `$defs`. */
function stepSchemas(schema: RunbookSchema): ObjectSchema[] {
  return schema.properties.steps.items.oneOf.map((step) =>
    '$ref' in step ? (schema.$defs?.[step.$ref.replace('#/$defs/', '')] as ObjectSchema) : step,
  );
}

describe('schemas/catalog-runbook.schema.json', () => {
  it('is what the zod schema generates (run `npx tsx scripts/generateCatalogSchema.ts` after changing it)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(path.join(REPO_ROOT, RUNBOOK_JSON_SCHEMA_PATH), 'utf8'),
    );
    expect(committed).toEqual(runbookJsonSchema());
  });

  it('describes the file as authors write it, one strict object per step type', () => {
    const schema = runbookJsonSchema() as unknown as RunbookSchema;
    expect(schema.required).toEqual(['kind', 'id', 'name', 'workload', 'steps']);
    expect(schema.additionalProperties).toBe(false);
    const steps = stepSchemas(schema);
    expect(steps).toHaveLength(13); // http, manual, wait, healthCheck, the eight Azure types, parallel
    for (const step of steps) {
      expect(step.additionalProperties).toBe(false);
      for (const [name, property] of Object.entries(step.properties)) {
        // `rollback` is itself a step: its description sits on the shared definition it refers to.
        const ref = (property as { $ref?: string }).$ref;
        const described = ref ? schema.$defs?.[ref.replace('#/$defs/', '')] : property;
        expect([name, typeof (described as { description?: unknown } | undefined)?.description]).toEqual([
          name,
          'string',
        ]);
      }
    }
  });

  it('offers both forms of retry: a preset name or overrides', () => {
    const schema = runbookJsonSchema() as unknown as RunbookSchema;
    const retry = stepSchemas(schema)[0]?.properties.retry;
    expect(retry?.anyOf).toEqual([
      expect.objectContaining({ type: 'string', enum: ['none', 'standard', 'patient', 'aggressive'] }),
      expect.objectContaining({ type: 'object', additionalProperties: false }),
    ]);
  });

  it('is what the sample runbooks point their editors at', () => {
    const sample = readFileSync(
      path.join(REPO_ROOT, 'catalog', 'runbooks', 'orders-api-failover.yaml'),
      'utf8',
    );
    expect(sample.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../schemas/catalog-runbook.schema.json',
    );
  });
});
