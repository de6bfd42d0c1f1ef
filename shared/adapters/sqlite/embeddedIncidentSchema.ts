// The incident store's tables in the embedded database: incidents (indexed columns + the validated JSON
// body), their runbook steps and their append-only timelines.
import type { EmbeddedDatabase } from './openEmbeddedDatabase';

/** Idempotent: call it before using the tables, in any order with the other app schemas. */
export function ensureEmbeddedIncidentSchema(db: EmbeddedDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS app_incidents (
      id TEXT PRIMARY KEY,
      workload_id TEXT NOT NULL,
      status TEXT NOT NULL,
      mode TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      version INTEGER NOT NULL,
      -- The incident without its version, which lives in the column above only.
      body TEXT NOT NULL);
    -- One index per list filter, each in listing order so a page is an index range scan.
    CREATE INDEX IF NOT EXISTS app_incidents_detected ON app_incidents (detected_at DESC, id DESC);
    CREATE INDEX IF NOT EXISTS app_incidents_status ON app_incidents (status, detected_at DESC, id DESC);
    CREATE INDEX IF NOT EXISTS app_incidents_workload
      ON app_incidents (workload_id, detected_at DESC, id DESC);
    CREATE INDEX IF NOT EXISTS app_incidents_mode ON app_incidents (mode, detected_at DESC, id DESC);

    CREATE TABLE IF NOT EXISTS app_incident_timeline (
      -- Append order, the tie-break between entries with the same instant.
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      incident_id TEXT NOT NULL REFERENCES app_incidents (id) ON DELETE CASCADE,
      entry_id TEXT NOT NULL,
      at TEXT NOT NULL,
      body TEXT NOT NULL,
      UNIQUE (incident_id, entry_id));
    CREATE INDEX IF NOT EXISTS app_incident_timeline_order ON app_incident_timeline (incident_id, at, seq);

    -- An incident's runbook steps, one row each, apart from its body so that a step's write stays small.
    -- (Incidents written before this table carried their steps in the body; the store moves them here.)
    CREATE TABLE IF NOT EXISTS app_incident_steps (
      incident_id TEXT NOT NULL REFERENCES app_incidents (id) ON DELETE CASCADE,
      step_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (incident_id, step_id));
    CREATE INDEX IF NOT EXISTS app_incident_steps_order ON app_incident_steps (incident_id, position);

    -- The runbook an incident runs, as the catalog had it when it started: one row per step.
    CREATE TABLE IF NOT EXISTS app_incident_runbook_plans (
      incident_id TEXT NOT NULL REFERENCES app_incidents (id) ON DELETE CASCADE,
      purpose TEXT NOT NULL,
      position INTEGER NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (incident_id, purpose, position));
  `);
}
