// The app's own tables in the embedded database (the local runtime's tables are df_* and sb_*).
import type { EmbeddedDatabase } from './openEmbeddedDatabase';

/** Idempotent: every adapter calls it, in any order. */
export function ensureEmbeddedAppSchema(db: EmbeddedDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS app_alerts (
      id TEXT PRIMARY KEY,
      received_at TEXT NOT NULL,
      routing TEXT NOT NULL CHECK (routing IN ('routed','unrouted')),
      workload_ids TEXT NOT NULL,
      routing_reasons TEXT NOT NULL,
      body TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS app_alerts_received ON app_alerts (received_at DESC, id DESC);
    CREATE INDEX IF NOT EXISTS app_alerts_routing ON app_alerts (routing, received_at DESC, id DESC);

    CREATE TABLE IF NOT EXISTS app_incident_windows (
      incident_id TEXT PRIMARY KEY,
      workload_id TEXT NOT NULL,
      opened_at TEXT NOT NULL,
      last_alert_at TEXT NOT NULL,
      closed_at TEXT,
      started INTEGER NOT NULL DEFAULT 0,
      signal_pending INTEGER NOT NULL DEFAULT 0,
      version INTEGER NOT NULL);
    -- The invariant behind "exactly one incident per correlation key": one open window per workload.
    CREATE UNIQUE INDEX IF NOT EXISTS app_incident_windows_one_open
      ON app_incident_windows (workload_id) WHERE closed_at IS NULL;

    CREATE TABLE IF NOT EXISTS app_alert_routes (
      alert_id TEXT NOT NULL,
      workload_id TEXT NOT NULL,
      incident_id TEXT,
      fingerprint TEXT NOT NULL,
      condition TEXT NOT NULL,
      event_at TEXT NOT NULL,
      alert TEXT NOT NULL,
      -- The incident window's version that brought this notification into the incident (recorded, late or
      -- adopted), so that a reader can fetch only what joined since the version it last read.
      changed_in_version INTEGER,
      PRIMARY KEY (alert_id, workload_id));
    CREATE INDEX IF NOT EXISTS app_alert_routes_fingerprint ON app_alert_routes (workload_id, fingerprint);

    CREATE TABLE IF NOT EXISTS app_dead_letters (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL,
      message_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      details TEXT NOT NULL,
      body TEXT NOT NULL,
      dead_lettered_at TEXT NOT NULL,
      UNIQUE (entity, message_id));
  `);
  addMissingColumn(db, 'app_alert_routes', 'changed_in_version', 'INTEGER');
  db.exec(`
    DROP INDEX IF EXISTS app_alert_routes_incident;
    CREATE INDEX IF NOT EXISTS app_alert_routes_incident_changes
      ON app_alert_routes (incident_id, changed_in_version);
  `);
}

/** Databases written before a column existed get it (NULL in old rows); readers treat NULL as "long ago". */
function addMissingColumn(db: EmbeddedDatabase, table: string, column: string, type: string): void {
  const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  if (!columns.some((c) => c.name === column)) {
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}
