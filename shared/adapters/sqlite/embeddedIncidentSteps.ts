// The rows that hold an incident's runbook steps in the embedded database, apart from the incident's body:
// a step's write then touches one small row, not a record that holds every step of the runbook. Used by the
// incident store inside its transactions.
import type { IncidentStep } from '../../domain/incident/IncidentStep';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';

/** The steps in runbook order, as stored (checked when written). */
export function readIncidentSteps(db: EmbeddedDatabase, incidentId: string): IncidentStep[] {
  const rows = db
    .prepare(`SELECT body FROM app_incident_steps WHERE incident_id = ? ORDER BY position`)
    .all(incidentId) as { body: string }[];
  return rows.map((row) => JSON.parse(row.body) as IncidentStep);
}

export function readIncidentStep(
  db: EmbeddedDatabase,
  incidentId: string,
  stepId: string,
): IncidentStep | undefined {
  const row = db
    .prepare(`SELECT body FROM app_incident_steps WHERE incident_id = ? AND step_id = ?`)
    .get(incidentId, stepId) as { body: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.body) as IncidentStep);
}

/** Rewrites the step that has this id; the caller knows it exists. */
export function writeIncidentStep(db: EmbeddedDatabase, incidentId: string, step: IncidentStep): void {
  db.prepare(`UPDATE app_incident_steps SET body = ? WHERE incident_id = ? AND step_id = ?`).run(
    JSON.stringify(step),
    incidentId,
    step.id,
  );
}

/**
 * Makes the stored steps `steps`. With `previous` (what is stored, as read in the same transaction), a list
 * of the same step ids in the same order rewrites only the steps that are not the very same objects.
 */
export function writeIncidentSteps(
  db: EmbeddedDatabase,
  incidentId: string,
  steps: readonly IncidentStep[],
  previous?: readonly IncidentStep[],
): void {
  if (steps === previous) {
    return;
  }
  if (
    previous !== undefined &&
    previous.length === steps.length &&
    steps.every((step, index) => step.id === previous[index]?.id)
  ) {
    steps.forEach((step, index) => {
      if (step !== previous[index]) {
        writeIncidentStep(db, incidentId, step);
      }
    });
    return;
  }
  db.prepare(`DELETE FROM app_incident_steps WHERE incident_id = ?`).run(incidentId);
  const insert = db.prepare(
    `INSERT INTO app_incident_steps (incident_id, step_id, position, body) VALUES (?, ?, ?, ?)`,
  );
  steps.forEach((step, index) => insert.run(incidentId, step.id, index, JSON.stringify(step)));
}
