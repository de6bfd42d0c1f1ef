import { incidentSchema, newIncidentSchema } from '../../../../../shared/domain/incident/Incident';
import { timelineEntrySchema } from '../../../../../shared/domain/incident/TimelineEntry';
import { formatZodIssues } from '../../../../../shared/domain/validation/formatZodIssues';
import { failingOverIncident, incident, newIncident, timelineEntry } from './incidentTestSupport';

function issuePaths(result: { success: boolean; error?: { issues: Parameters<typeof formatZodIssues>[0] } }) {
  return result.error === undefined ? [] : formatZodIssues(result.error.issues).map((i) => i.path);
}

describe('incident schema', () => {
  it('accepts a fully filled incident unchanged', () => {
    const full = { ...failingOverIncident(), version: 3 };

    expect(incidentSchema.parse(full)).toEqual(full);
  });

  it('needs a positive version, which a new incident does without', () => {
    expect(issuePaths(incidentSchema.safeParse({ ...incident(), version: 0 }))).toEqual(['version']);
    expect(newIncidentSchema.parse({ ...incident(), version: 7 })).toEqual(newIncident());
  });

  it.each([
    ['tier', { tier: 4 }],
    ['status', { status: 'resolved' }],
    ['mode', { mode: 'test' }],
    ['severity', { severity: 'Sev5' }],
    ['rtoTargetSeconds', { rtoTargetSeconds: 0 }],
    // Instants are stored as toISOString writes them, so they sort correctly as text.
    ['detectedAt', { detectedAt: '2026-11-22T03:12:05Z' }],
    ['detectedAt', { detectedAt: '2026-11-22T04:12:05.000+01:00' }],
    ['outcome.status', { outcome: { status: 'failing-over', reason: 'not an end' } }],
    [
      'steps[0].attempts',
      { steps: [{ id: 's', name: 'S', type: 'wait', status: 'pending', attempts: -1, revision: 0 }] },
    ],
  ])('rejects a bad %s', (path, change) => {
    expect(issuePaths(newIncidentSchema.safeParse({ ...newIncident(), ...change }))).toEqual([path]);
  });

  it('accepts timeline entries with or without actor and data, and rejects a bad instant or an empty id', () => {
    const entry = timelineEntry('e1', '2026-11-22T03:12:05.000Z', { actor: 'alice', data: { a: 1 } });

    expect(timelineEntrySchema.parse(entry)).toEqual(entry);
    expect(issuePaths(timelineEntrySchema.safeParse({ ...entry, id: '', at: 'now' }))).toEqual(['id', 'at']);
  });
});
