// The incident-event outbox's table in the embedded database, and the write the incident store makes in
// the transaction that records timeline entries: one event per entry recorded for the first time.
import type { TimelineEntry } from '../../domain/incident/TimelineEntry';
import { incidentEventSchema } from '../../domain/events/IncidentEvent';
import { toIncidentEvent, type IncidentEventHead } from '../../domain/events/toIncidentEvent';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';

/** Idempotent: call it before using the table, in any order with the other app schemas. */
export function ensureEmbeddedEventOutboxSchema(db: EmbeddedDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS app_incident_events (
      -- Record order: the order the publisher sends in.
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id TEXT NOT NULL UNIQUE,
      incident_id TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      body TEXT NOT NULL,
      published_at TEXT,
      UNIQUE (incident_id, sequence));
    CREATE INDEX IF NOT EXISTS app_incident_events_unpublished ON app_incident_events (seq)
      WHERE published_at IS NULL;
  `);
}

/**
 * Within the transaction that inserted `entries` into the incident's timeline (only those it inserted):
 * adds their events. `head` is read only when there is something to add.
 */
export function recordIncidentEvents(
  db: EmbeddedDatabase,
  incidentId: string,
  entries: readonly TimelineEntry[],
  head: () => IncidentEventHead,
): void {
  if (entries.length === 0) return;
  const incident = head();
  const last = db
    .prepare(`SELECT COALESCE(MAX(sequence), 0) AS n FROM app_incident_events WHERE incident_id = ?`)
    .get(incidentId) as { n: number };
  const insert = db.prepare(
    `INSERT INTO app_incident_events (event_id, incident_id, sequence, body) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_id) DO NOTHING`,
  );
  let sequence = last.n;
  for (const entry of entries) {
    // Checked here, not only when read: an event that could never be read back would stall the publisher.
    const event = incidentEventSchema.parse(toIncidentEvent(incident, entry, sequence + 1));
    if (insert.run(event.id, incidentId, sequence + 1, JSON.stringify(event)).changes > 0) {
      sequence += 1;
    }
  }
}
