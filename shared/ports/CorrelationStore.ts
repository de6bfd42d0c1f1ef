// Port: correlation windows, the atomic join-or-open that guarantees one incident per correlation key,
// and the membership of alert notifications in incidents.
import type { IncidentAlert } from '../domain/correlation/IncidentAlert';

export type CorrelationOutcome =
  /** First notification of a new window: the caller starts the incident. */
  | 'opened'
  /** Joined the workload's open window. */
  | 'joined'
  /** This notification was routed to this workload before (a redelivery). */
  | 'already-recorded'
  /** A notification older than a resolution already recorded in a closed incident: kept there. */
  | 'late'
  /** A resolution for nothing open or known yet: kept until its firing arrives, which adopts it. */
  | 'held';

export interface Correlation {
  readonly outcome: CorrelationOutcome;
  /** Absent only for `held` (and `already-recorded` of a held one). */
  readonly incidentId?: string;
  /** When the incident's window opened (with `incidentId`). */
  readonly openedAt?: string;
  /** Whether the window is still open (its orchestration is, or will be, listening). */
  readonly windowOpen: boolean;
  /** Whether the incident orchestration was confirmed started. */
  readonly started: boolean;
  /**
   * Whether the caller should wake the orchestration. Wake-ups coalesce: while one is pending and
   * unread, later notifications need none, because the orchestration reads every recorded alert.
   */
  readonly signal: boolean;
}

export interface CorrelationRequest {
  readonly workloadId: string;
  readonly alert: IncidentAlert;
  /** Now, as an ISO instant; names the window when one opens. */
  readonly at: string;
}

export interface IncidentAlerts {
  readonly incidentId: string;
  readonly workloadId: string;
  readonly openedAt: string;
  readonly closedAt?: string;
  /** Increases with every notification recorded; closing requires the version the caller last read. */
  readonly version: number;
  readonly alerts: readonly IncidentAlert[];
}

export type CloseResult =
  | { readonly closed: true; readonly closedAt: string }
  | { readonly closed: false; readonly reason: 'changed' | 'not-found' };

export interface CorrelationStore {
  /**
   * Atomically: if this (alert, workload) pair was recorded, return that; otherwise join the workload's
   * open window or open one, and record the notification in it. Concurrent callers for one workload
   * see exactly one `opened`.
   */
  correlate(request: CorrelationRequest): Promise<Correlation>;
  markStarted(incidentId: string): Promise<void>;
  /** Every notification recorded for the incident; clears the pending wake-up. */
  readIncidentAlerts(incidentId: string): Promise<IncidentAlerts | undefined>;
  /**
   * Closes the window so that later alerts open a new incident — only if nothing was recorded since
   * `expectedVersion`; otherwise `changed`, and the caller reads again. Without a version it closes
   * regardless (the incident ended for another reason). Closing twice is a no-op.
   */
  closeWindow(incidentId: string, expectedVersion: number | undefined, at: string): Promise<CloseResult>;
  openWindows(): Promise<readonly { readonly incidentId: string; readonly workloadId: string }[]>;
}
