import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  GENERIC_ALERT_JSON_SCHEMA_PATH,
  genericAlertJsonSchema,
} from '../../../../../../shared/domain/alerts/generic/genericAlertJsonSchema';

const REPO_ROOT = path.join(__dirname, '..', '..', '..', '..', '..', '..');

describe('schemas/generic-alert.schema.json', () => {
  it('is what the zod schema generates (run `npx tsx scripts/generateAlertSchema.ts` after changing it)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(path.join(REPO_ROOT, GENERIC_ALERT_JSON_SCHEMA_PATH), 'utf8'),
    );
    expect(committed).toEqual(genericAlertJsonSchema());
  });

  it('publishes the required fields and the severity scale', () => {
    const schema = genericAlertJsonSchema() as {
      required: string[];
      properties: { alerts: { items: { required: string[]; properties: { severity: { enum: string[] } } } } };
    };
    expect(schema.required).toEqual(['schema', 'alerts']);
    expect(schema.properties.alerts.items.required).toEqual([
      'source',
      'id',
      'status',
      'severity',
      'summary',
      'firedAt',
    ]);
    expect(schema.properties.alerts.items.properties.severity.enum).toEqual([
      'Sev0',
      'Sev1',
      'Sev2',
      'Sev3',
      'Sev4',
    ]);
  });
});
