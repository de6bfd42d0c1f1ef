import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  INCIDENT_EVENT_JSON_SCHEMA_PATH,
  incidentEventJsonSchema,
} from '../../../../../shared/domain/events/incidentEventJsonSchema';
import { incidentChange, incidentEventId } from '../../../../../shared/domain/events/toIncidentEvent';

const REPO_ROOT = path.join(__dirname, '..', '..', '..', '..', '..');

describe('schemas/incident-event.schema.json', () => {
  it('is what the zod schema generates (run `npx tsx scripts/generateEventSchema.ts` after changing it)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(path.join(REPO_ROOT, INCIDENT_EVENT_JSON_SCHEMA_PATH), 'utf8'),
    );
    expect(committed).toEqual(incidentEventJsonSchema());
  });

  it('requires the CloudEvents context attributes and the data consumers rely on', () => {
    const schema = incidentEventJsonSchema() as {
      required: string[];
      properties: { data: { required: string[] } };
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['specversion', 'id', 'source', 'type', 'subject', 'time', 'data']),
    );
    expect(schema.properties.data.required).toEqual(
      expect.arrayContaining(['incidentId', 'change', 'workloadId', 'tier', 'mode', 'status', 'rto']),
    );
  });
});

describe('incident event ids and types', () => {
  it('gives the same change the same id, and different changes different ids', () => {
    expect(incidentEventId('inc-1', 'status-detected')).toBe(incidentEventId('inc-1', 'status-detected'));
    expect(incidentEventId('inc-1', 'status-detected')).not.toBe(incidentEventId('inc-2', 'status-detected'));
    expect(incidentEventId('inc-1', 'a')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('names a status change by the status reached and anything else by what happened', () => {
    expect(incidentChange({ type: 'status-changed' }, 'recovered')).toBe('recovered');
    expect(incidentChange({ type: 'step-started' }, 'failing-over')).toBe('step-started');
    expect(incidentChange({ type: 'Odd Type!' }, 'failing-over')).toBe('odd-type-');
  });
});
