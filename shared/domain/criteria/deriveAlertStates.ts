// Folds an incident's notifications into alerts by fingerprint: which are firing now, and which have resolved.
import { type ImpactedService } from '../alerts/Alert';
import { type Severity } from '../alerts/Severity';
import { type AlertFact } from './ActivationFacts';
import { instantMillis } from './instantMillis';

/** An alert whose latest notification is `fired`, as that notification describes it. */
export interface FiringAlert {
  readonly fingerprint: string;
  readonly severity: Severity;
  readonly firedAtMs: number;
  readonly targetResourceIds: readonly string[];
  readonly monitoringService: string;
  readonly region: string | undefined;
  readonly impactedServices: readonly ImpactedService[];
}

/** An alert whose latest notification is `resolved` and says when. */
export interface ResolvedAlert {
  readonly fingerprint: string;
  readonly targetResourceIds: readonly string[];
  readonly resolvedAtMs: number;
}

export interface AlertStates {
  /** Oldest first (by firedAt, then fingerprint). */
  readonly firing: readonly FiringAlert[];
  /** Resolved alerts that state their resolution time (count windows look back at them). */
  readonly resolved: readonly ResolvedAlert[];
  /** Fingerprints whose latest notification is `resolved`. */
  readonly resolvedCount: number;
  /** The latest `resolvedAt` among those; undefined when none states one. */
  readonly lastResolvedAtMs: number | undefined;
}

interface Notification {
  readonly alert: AlertFact;
  readonly index: number;
  /** When the notification's condition started: firedAt when fired, resolvedAt (else firedAt) when resolved. */
  readonly atMs: number;
}

/**
 * An alert's latest notification is the one with the latest time; at equal times a resolved notification
 * beats a fired one (a resolution without its own time carries the original firedAt), and then arrival order.
 */
export function deriveAlertStates(alerts: readonly AlertFact[]): AlertStates {
  const latest = new Map<string, Notification>();
  alerts.forEach((alert, index) => {
    const candidate: Notification = { alert, index, atMs: notificationMillis(alert) };
    const current = latest.get(alert.fingerprint);
    if (current === undefined || isLater(candidate, current)) {
      latest.set(alert.fingerprint, candidate);
    }
  });
  const firing: FiringAlert[] = [];
  const resolved: ResolvedAlert[] = [];
  let resolvedCount = 0;
  let lastResolvedAtMs: number | undefined;
  for (const { alert } of latest.values()) {
    if (alert.condition === 'fired') {
      firing.push({
        fingerprint: alert.fingerprint,
        severity: alert.severity,
        firedAtMs: instantMillis(alert.firedAt),
        targetResourceIds: alert.targetResourceIds,
        monitoringService: alert.monitoringService,
        region: alert.region,
        impactedServices: alert.impactedServices,
      });
    } else {
      resolvedCount += 1;
      // Only a stated resolution time says when it resolved; firedAt would claim too early a time.
      const resolvedAtMs = alert.resolvedAt === undefined ? Number.NaN : instantMillis(alert.resolvedAt);
      if (Number.isFinite(resolvedAtMs)) {
        resolved.push({
          fingerprint: alert.fingerprint,
          targetResourceIds: alert.targetResourceIds,
          resolvedAtMs,
        });
        if (lastResolvedAtMs === undefined || resolvedAtMs > lastResolvedAtMs) {
          lastResolvedAtMs = resolvedAtMs;
        }
      }
    }
  }
  firing.sort(
    (a, b) =>
      orderable(a.firedAtMs) - orderable(b.firedAtMs) ||
      (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0),
  );
  return { firing, resolved, resolvedCount, lastResolvedAtMs };
}

function notificationMillis(alert: AlertFact): number {
  const firedAtMs = orderable(instantMillis(alert.firedAt));
  if (alert.condition === 'fired' || alert.resolvedAt === undefined) {
    return firedAtMs;
  }
  // A resolution stamped before its own firedAt (clock skew between sources) still comes after the firing.
  return Math.max(firedAtMs, orderable(instantMillis(alert.resolvedAt)));
}

function isLater(a: Notification, b: Notification): boolean {
  if (a.atMs !== b.atMs) {
    return a.atMs > b.atMs;
  }
  if (a.alert.condition !== b.alert.condition) {
    return a.alert.condition === 'resolved';
  }
  return a.index > b.index;
}

/** Unparseable times sort first instead of poisoning comparisons. */
function orderable(ms: number): number {
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}
