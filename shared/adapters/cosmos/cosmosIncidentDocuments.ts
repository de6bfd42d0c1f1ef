// Building and reading the items of an incident's partition (cosmosIncidentItems.ts says what each is): the
// head and step documents the store writes, and the incident assembled from a head and its step items.
import { newIncidentSchema, type Incident, type NewIncident } from '../../domain/incident/Incident';
import type { IncidentStep } from '../../domain/incident/IncidentStep';
import type { IncidentHead } from '../../ports/IncidentStore';
import { HEAD_ID, PLAN_CHUNK_STEPS, type HeadItem } from './cosmosIncidentItems';
import { readBack } from './readBack';

export function nth<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`Internal error: no element ${i}`);
  return item;
}

export function chunked<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += PLAN_CHUNK_STEPS) chunks.push(items.slice(i, i + PLAN_CHUNK_STEPS));
  return chunks;
}

export function stepDoc(incidentId: string, id: string, step: IncidentStep): Record<string, unknown> {
  return { id, incidentId, kind: 'step', stepId: step.id, step };
}

export function headDoc(
  incident: NewIncident,
  version: number,
  stepItems: HeadItem['stepItems'],
  timelineSeq: number,
  plans: HeadItem['plans'],
  pending: HeadItem['pending'],
): Record<string, unknown> {
  const { steps: _steps, ...record } = incident;
  return {
    id: HEAD_ID,
    incidentId: incident.id,
    kind: 'incident',
    workloadId: incident.workloadId,
    status: incident.status,
    mode: incident.mode,
    detectedAt: incident.detectedAt,
    version,
    incident: record,
    stepItems,
    timelineSeq,
    ...(plans === undefined ? {} : { plans }),
    ...(pending === undefined ? {} : { pending }),
  };
}

/** The head as written, without the service's own fields (`_etag`, `_ts`, …). */
export function stripSystem(head: HeadItem): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(head)) if (!key.startsWith('_')) copy[key] = value;
  return copy;
}

/** The incident without its steps, checked, for a step's mutation. */
export function headOf(head: HeadItem): IncidentHead {
  const { steps: _steps, ...rest } = readBack(newIncidentSchema, { ...head.incident, steps: [] }, 'incident');
  return { ...rest, version: head.version };
}

/** The head and its step items as the incident, checked against its schema. */
export function checked(head: HeadItem, steps: ReadonlyMap<string, unknown>): Incident {
  const record = readBack(
    newIncidentSchema,
    { ...head.incident, steps: head.stepItems.map((s) => steps.get(s.itemId)) },
    'incident',
  );
  return { ...record, version: head.version };
}
