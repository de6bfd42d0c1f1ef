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
import { BoundedCache } from './BoundedCache';
import { groupCommitFor, type GroupCommit } from './GroupCommit';
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

/** Incidents whose notifications stay parsed in memory between reads; the oldest read is forgotten first. */
const CACHED_INCIDENTS = 8;

/** The order incidents' notifications are read in: as SQLite orders `event_at, alert_id` (binary). */
function byTimeThenId(a: IncidentAlert, b: IncidentAlert): number {
  const at = notificationTime(a);
  const bt = notificationTime(b);
  if (at !== bt) return at < bt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class EmbeddedCorrelationStore implements CorrelationStore {
  private readonly group: GroupCommit;
  private readonly readAlerts = new BoundedCache<string, { version: number; alerts: IncidentAlert[] }>(
    CACHED_INCIDENTS,
  );

  constructor(private readonly db: EmbeddedDatabase) {
    ensureEmbeddedAppSchema(db);
    this.group = groupCommitFor(db);
  }

  /**
   * In the connection's group commit (one transaction, each decision in its own savepoint): concurrent
   * correlators share a commit, and their decisions are still made one after another.
   */
  correlate(request: CorrelationRequest): Promise<Correlation> {
    return this.group.run(() => this.correlateNow(request));
  }

  markStarted(incidentId: string): Promise<void> {
    return this.group.run(() => {
      this.db.prepare(`UPDATE app_incident_windows SET started = 1 WHERE incident_id = ?`).run(incidentId);
    });
  }

  /**
   * Reads from the database only the notifications that joined since this store last read the incident
   * (rows never change once in an incident, only new ones arrive): an assessment during an alert storm
   * costs what joined since the previous one, not the whole incident again.
   */
  readIncidentAlerts(incidentId: string): Promise<IncidentAlerts | undefined> {
    const read = this.db.transaction((): IncidentAlerts | undefined => {
      const window = this.window(incidentId);
      if (window === undefined) return undefined;
      this.db
        .prepare(`UPDATE app_incident_windows SET signal_pending = 0 WHERE incident_id = ?`)
        .run(incidentId);
      return {
        incidentId,
        workloadId: window.workload_id,
        openedAt: window.opened_at,
        ...(window.closed_at === null ? {} : { closedAt: window.closed_at }),
        version: window.version,
        alerts: this.alertsOf(incidentId, window.version),
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
      const stamp = open.version + 1;
      this.insertRoute(workloadId, open.incident_id, alert, stamp);
      const adopted =
        alert.condition === 'fired'
          ? this.adoptHeld(workloadId, alert.fingerprint, open.incident_id, stamp)
          : 0;
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
      this.insertRoute(workloadId, late.incident_id, alert, late.version + 1);
      this.db
        .prepare(`UPDATE app_incident_windows SET version = version + 1 WHERE incident_id = ?`)
        .run(late.incident_id);
      return {
        outcome: 'late',
        incidentId: late.incident_id,
        windowOpen: false,
        started: true,
        signal: false,
      };
    }
    if (alert.condition === 'resolved') {
      this.insertRoute(workloadId, null, alert, null);
      return { outcome: 'held', windowOpen: false, started: false, signal: false };
    }

    const incidentId = this.freshIncidentId(workloadId, at);
    this.db
      .prepare(
        `INSERT INTO app_incident_windows (incident_id, workload_id, opened_at, last_alert_at, version)
         VALUES (?, ?, ?, ?, 1)`,
      )
      .run(incidentId, workloadId, at, at);
    this.insertRoute(workloadId, incidentId, alert, 1);
    const adopted = this.adoptHeld(workloadId, alert.fingerprint, incidentId, 1);
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
  private lateHome(workloadId: string, alert: IncidentAlert): WindowRow | undefined {
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
    const incidentId = (row as { incident_id: string } | undefined)?.incident_id;
    return incidentId === undefined ? undefined : this.window(incidentId);
  }

  /** Resolutions that overtook their firing wait without an incident; the firing brings them along. */
  private adoptHeld(workloadId: string, fingerprint: string, incidentId: string, stamp: number): number {
    return this.db
      .prepare(
        `UPDATE app_alert_routes SET incident_id = ?, changed_in_version = ?
           WHERE workload_id = ? AND fingerprint = ? AND incident_id IS NULL`,
      )
      .run(incidentId, stamp, workloadId, fingerprint).changes;
  }

  /** `stamp`: the window version this brings the incident to (null while held in no incident). */
  private insertRoute(
    workloadId: string,
    incidentId: string | null,
    alert: IncidentAlert,
    stamp: number | null,
  ): void {
    this.db
      .prepare(
        `INSERT INTO app_alert_routes
           (alert_id, workload_id, incident_id, fingerprint, condition, event_at, alert, changed_in_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        alert.id,
        workloadId,
        incidentId,
        alert.fingerprint,
        alert.condition,
        notificationTime(alert),
        JSON.stringify(alert),
        stamp,
      );
  }

  private freshIncidentId(workloadId: string, at: string): string {
    const taken = this.db.prepare(`SELECT 1 FROM app_incident_windows WHERE incident_id = ?`);
    for (let sequence = 1; ; sequence++) {
      const id = incidentIdFor(workloadId, new Date(at), sequence);
      if (taken.get(id) === undefined) return id;
    }
  }

  /** In a transaction: the incident's notifications ordered by time then id, from the cache plus what is new. */
  private alertsOf(incidentId: string, version: number): IncidentAlert[] {
    const cached = this.readAlerts.get(incidentId);
    if (cached?.version === version) {
      return [...cached.alerts];
    }
    const rows = (
      cached === undefined
        ? this.db
            .prepare(`SELECT alert FROM app_alert_routes WHERE incident_id = ? ORDER BY event_at, alert_id`)
            .all(incidentId)
        : this.db
            .prepare(
              `SELECT alert FROM app_alert_routes WHERE incident_id = ? AND changed_in_version > ?
               ORDER BY event_at, alert_id`,
            )
            .all(incidentId, cached.version)
    ) as { alert: string }[];
    const fresh = rows.map((r) => incidentAlertSchema.parse(JSON.parse(r.alert)));
    // Both runs are in order, so the sort merges them in linear time.
    const alerts = cached === undefined ? fresh : [...cached.alerts, ...fresh].sort(byTimeThenId);
    this.readAlerts.set(incidentId, { version, alerts });
    return [...alerts];
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
