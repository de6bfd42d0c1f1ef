// Incident ids: readable, sortable and deterministic, named after the workload and the moment its window opened.

const INCIDENT_ID = /^[a-z][a-z0-9-]{1,62}-\d{8}-\d{6}(?:-\d+)?$/;

/**
 * `orders-api-20261122-031205`, plus `-2`, `-3`… when an earlier window of the same workload opened in
 * the same second. The id is also the orchestration instance id, so it must never be reused.
 */
export function incidentIdFor(workloadId: string, openedAt: Date, sequence = 1): string {
  const stamp = openedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return sequence > 1 ? `${workloadId}-${stamp}-${sequence}` : `${workloadId}-${stamp}`;
}

export function isIncidentId(value: string): boolean {
  return INCIDENT_ID.test(value);
}
