import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  WORKLOAD_JSON_SCHEMA_PATH,
  workloadJsonSchema,
} from '../../../../../shared/domain/catalog/workloadJsonSchema';

const REPO_ROOT = path.join(__dirname, '..', '..', '..', '..', '..');

describe('schemas/catalog-workload.schema.json', () => {
  it('is what the zod schema generates (run `npx tsx scripts/generateCatalogSchema.ts` after changing it)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(path.join(REPO_ROOT, WORKLOAD_JSON_SCHEMA_PATH), 'utf8'),
    );
    expect(committed).toEqual(workloadJsonSchema());
  });

  it('describes the file as authors write it: durations as text, defaults optional, no unknown fields', () => {
    const schema = workloadJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { type?: string; pattern?: string; description?: string }>;
    };
    expect(schema.required).toEqual([
      'kind',
      'id',
      'name',
      'tier',
      'rto',
      'rpo',
      'strategy',
      'regions',
      'services',
      'match',
      'contacts',
    ]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.rto).toMatchObject({ type: 'string', pattern: '^(\\d{1,9})(s|m|h|d)$' });
    for (const [name, property] of Object.entries(schema.properties)) {
      expect([name, typeof property.description]).toEqual([name, 'string']);
    }
  });

  it('is what the sample workloads point their editors at', () => {
    const sample = readFileSync(path.join(REPO_ROOT, 'catalog', 'workloads', 'orders-api.yaml'), 'utf8');
    expect(sample.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../schemas/catalog-workload.schema.json',
    );
  });
});
