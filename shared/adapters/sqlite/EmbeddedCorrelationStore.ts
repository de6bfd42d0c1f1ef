// CorrelationStore in the embedded database: every decision is one SQLite transaction, and a partial unique
// index allows one open window per workload, so concurrent correlators cannot open two incidents.
import { incidentAlertSchema, type IncidentAlert } from '../../domain/correlation/IncidentAlert';
import { incidentIdFor } from '../../domain/correlation/incidentId';
import { notificationTime } from '../../domain/correlation/notificationTime';
import type {
  CloseResult,
  Correlation,
  CorrelationRequest,
  CorrelationStore,
  IncidentAlerts,
} from '../../ports/CorrelationStore';
import { ensureEmbeddedAppSchema } from './embeddedAppSchema';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';

interface WindowRow {
  incident_id: string;
  workload_id: string;
  opened_at: string;
  last_alert_at: string;
  closed_at: string | null;
  started: number;
  signal_pending: number;
  version: number;
}

export class EmbeddedCorrelationStore implements CorrelationStore {
  constructor(private readonly db: EmbeddedDatabase) {
    ensureEmbeddedAppSchema(db);
  }

  correlate(request: CorrelationRequest): Promise<Correlation> {
    return Promise.resolve(this.db.transaction(() => this.correlateNow(request)).immediate());
  }

  markStarted(incidentId: string): Promise<void> {
    this.db.prepare(`UPDATE app_incident_windows SET started = 1 WHERE incident_id = ?`).run(incidentId);
    return Promise.resolve();
  }

  readIncidentAlerts(incidentId: string): Promise<IncidentAlerts | undefined> {
    const read = this.db.transaction((): IncidentAlerts | undefined => {
      const window = this.window(incidentId);
      if (window === undefined) return undefined;
      this.db
        .prepare(`UPDATE app_incident_windows SET signal_pending = 0 WHERE incident_id = ?`)
        .run(incidentId);
      const rows = this.db
        .prepare(`SELECT alert FROM app_alert_routes WHERE incident_id = ? ORDER BY event_at, alert_id`)
        .all(incidentId) as { alert: string }[];
      return {
        incidentId,
        workloadId: window.workload_id,
        openedAt: window.opened_at,
        ...(window.closed_at === null ? {} : { closedAt: window.closed_at }),
        version: window.version,
        alerts: rows.map((r) => incidentAlertSchema.parse(JSON.parse(r.alert))),
      };
    });
    return Promise.resolve(read.immediate());
  }

  closeWindow(incidentId: string, expectedVersion: number | undefined, at: string): Promise<CloseResult> {
    const close = this.db.transaction((): CloseResult => {
      const window = this.window(incidentId);
      if (window === undefined) return { closed: false, reason: 'not-found' };
      if (window.closed_at !== null) return { closed: true, closedAt: window.closed_at };
      if (expectedVersion !== undefined && window.version !== expectedVersion) {
        return { closed: false, reason: 'changed' };
      }
      this.db
        .prepare(`UPDATE app_incident_windows SET closed_at = ? WHERE incident_id = ?`)
        .run(at, incidentId);
      return { closed: true, closedAt: at };
    });
    return Promise.resolve(close.immediate());
  }

  openWindows(): Promise<readonly { incidentId: string; workloadId: string }[]> {
    const rows = this.db
      .prepare(
        `SELECT incident_id, workload_id FROM app_incident_windows WHERE closed_at IS NULL ORDER BY opened_at, incident_id`,
      )
      .all() as { incident_id: string; workload_id: string }[];
    return Promise.resolve(rows.map((r) => ({ incidentId: r.incident_id, workloadId: r.workload_id })));
  }

  private correlateNow({ workloadId, alert, at }: CorrelationRequest): Correlation {
    const previous = this.db
      .prepare(`SELECT incident_id FROM app_alert_routes WHERE alert_id = ? AND workload_id = ?`)
      .get(alert.id, workloadId) as { incident_id: string | null } | undefined;
    if (previous !== undefined) {
      // A redelivery. If the first attempt crashed between recording and waking, the wake-up it claimed is
      // lost; the orchestration's periodic re-read picks the alert up, so redeliveries coalesce like joins.
      const window = previous.incident_id === null ? undefined : this.window(previous.incident_id);
      const open = window !== undefined && window.closed_at === null;
      if (open) {
        this.claimWakeUp(window.incident_id);
      }
      return {
        outcome: 'already-recorded',
        ...(previous.incident_id === null ? {} : { incidentId: previous.incident_id }),
        ...(window === undefined ? {} : { openedAt: window.opened_at }),
        windowOpen: open,
        started: window?.started === 1,
        signal: open && window.signal_pending === 0,
      };
    }

    const open = this.db
      .prepare(`SELECT * FROM app_incident_windows WHERE workload_id = ? AND closed_at IS NULL`)
      .get(workloadId) as WindowRow | undefined;
    if (open !== undefined) {
      this.insertRoute(workloadId, open.incident_id, alert);
      const adopted =
        alert.condition === 'fired' ? this.adoptHeld(workloadId, alert.fingerprint, open.incident_id) : 0;
      this.db
        .prepare(
          `UPDATE app_incident_windows SET version = version + ?, signal_pending = 1,
             last_alert_at = MAX(last_alert_at, ?) WHERE incident_id = ?`,
        )
        .run(1 + adopted, at, open.incident_id);
      return {
        outcome: 'joined',
        incidentId: open.incident_id,
        openedAt: open.opened_at,
        windowOpen: true,
        started: open.started === 1,
        signal: open.signal_pending === 0,
      };
    }

    const late = this.lateHome(workloadId, alert);
    if (late !== undefined) {
      this.insertRoute(workloadId, late, alert);
      this.db
        .prepare(`UPDATE app_incident_windows SET version = version + 1 WHERE incident_id = ?`)
        .run(late);
      return { outcome: 'late', incidentId: late, windowOpen: false, started: true, signal: false };
    }
    if (alert.condition === 'resolved') {
      this.insertRoute(workloadId, null, alert);
      return { outcome: 'held', windowOpen: false, started: false, signal: false };
    }

    const incidentId = this.freshIncidentId(workloadId, at);
    this.db
      .prepare(
        `INSERT INTO app_incident_windows (incident_id, workload_id, opened_at, last_alert_at, version)
         VALUES (?, ?, ?, ?, 1)`,
      )
      .run(incidentId, workloadId, at, at);
    this.insertRoute(workloadId, incidentId, alert);
    const adopted = this.adoptHeld(workloadId, alert.fingerprint, incidentId);
    if (adopted > 0) {
      this.db
        .prepare(`UPDATE app_incident_windows SET version = version + ? WHERE incident_id = ?`)
        .run(adopted, incidentId);
    }
    // No wake-up: a new orchestration reads every recorded alert when it starts.
    return { outcome: 'opened', incidentId, openedAt: at, windowOpen: true, started: false, signal: false };
  }

  /**
   * Where a notification belongs when no window is open: a resolution goes to the incident that holds its
   * firing; a firing that is older than a resolution already recorded goes to that resolution's incident.
   */
  private lateHome(workloadId: string, alert: IncidentAlert): string | undefined {
    const at = notificationTime(alert);
    const row =
      alert.condition === 'resolved'
        ? this.db
            .prepare(
              `SELECT incident_id FROM app_alert_routes WHERE workload_id = ? AND fingerprint = ?
                 AND incident_id IS NOT NULL AND condition = 'fired' AND event_at <= ?
               ORDER BY event_at DESC LIMIT 1`,
            )
            .get(workloadId, alert.fingerprint, at)
        : this.db
            .prepare(
              `SELECT incident_id FROM app_alert_routes WHERE workload_id = ? AND fingerprint = ?
                 AND incident_id IS NOT NULL AND condition = 'resolved' AND event_at >= ?
               ORDER BY event_at ASC LIMIT 1`,
            )
            .get(workloadId, alert.fingerprint, at);
    return (row as { incident_id: string } | undefined)?.incident_id;
  }

  /** Resolutions that overtook their firing wait without an incident; the firing brings them along. */
  private adoptHeld(workloadId: string, fingerprint: string, incidentId: string): number {
    return this.db
      .prepare(
        `UPDATE app_alert_routes SET incident_id = ? WHERE workload_id = ? AND fingerprint = ? AND incident_id IS NULL`,
      )
      .run(incidentId, workloadId, fingerprint).changes;
  }

  private insertRoute(workloadId: string, incidentId: string | null, alert: IncidentAlert): void {
    this.db
      .prepare(
        `INSERT INTO app_alert_routes (alert_id, workload_id, incident_id, fingerprint, condition, event_at, alert)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        alert.id,
        workloadId,
        incidentId,
        alert.fingerprint,
        alert.condition,
        notificationTime(alert),
        JSON.stringify(alert),
      );
  }

  private freshIncidentId(workloadId: string, at: string): string {
    const taken = this.db.prepare(`SELECT 1 FROM app_incident_windows WHERE incident_id = ?`);
    for (let sequence = 1; ; sequence++) {
      const id = incidentIdFor(workloadId, new Date(at), sequence);
      if (taken.get(id) === undefined) return id;
    }
  }

  private claimWakeUp(incidentId: string): void {
    this.db
      .prepare(`UPDATE app_incident_windows SET signal_pending = 1 WHERE incident_id = ?`)
      .run(incidentId);
  }

  private window(incidentId: string): WindowRow | undefined {
    return this.db.prepare(`SELECT * FROM app_incident_windows WHERE incident_id = ?`).get(incidentId) as
      WindowRow | undefined;
  }
}
