// Folds an incident's alert notifications into what the incident orchestration decides on.
import { z } from 'zod';
import { SEVERITIES, severitySchema, type Severity } from '../alerts/Severity';
import { type AlertStates, deriveAlertStates } from '../criteria/deriveAlertStates';
import type { IncidentAlert } from './IncidentAlert';
import { notificationTime } from './notificationTime';

const LATEST_SHOWN = 5;

export const alertRefSchema = z.object({
  id: z.string(),
  fingerprint: z.string(),
  severity: severitySchema,
  condition: z.enum(['fired', 'resolved']),
  at: z.string(),
  summary: z.string(),
});
export type AlertRef = z.infer<typeof alertRefSchema>;

export const incidentAlertSummarySchema = z.object({
  /** Notifications recorded for the incident (each distinct alert id once). */
  notifications: z.number().int().nonnegative(),
  /** Distinct fingerprints whose latest notification is a firing. */
  firing: z.number().int().nonnegative(),
  resolved: z.number().int().nonnegative(),
  /** The worst severity among firing alerts; absent when nothing fires. */
  highestFiringSeverity: severitySchema.optional(),
  highestSeverity: severitySchema.optional(),
  firstFiredAt: z.string().optional(),
  lastNotificationAt: z.string().optional(),
  latest: z.array(alertRefSchema),
});
export type IncidentAlertSummary = z.infer<typeof incidentAlertSummarySchema>;

/**
 * Firing and resolved are decided exactly as activation criteria decide them (deriveAlertStates), so the
 * status an operator reads and the decision an approver reads never disagree. Linear in the notifications:
 * an assessment summarises every notification of an incident, which in a storm is thousands.
 */
export function summariseIncidentAlerts(
  alerts: readonly IncidentAlert[],
  /** `deriveAlertStates(alerts)`, when the caller has it already. */
  states: AlertStates = deriveAlertStates(alerts),
): IncidentAlertSummary {
  const latest = newest(alerts, LATEST_SHOWN);
  const highestFiring = worst(states.firing.map((a) => a.severity));
  const highest = worst(alerts.map((a) => a.severity));
  let firstFiredAt: string | undefined;
  for (const alert of alerts) {
    if (firstFiredAt === undefined || alert.firedAt < firstFiredAt) firstFiredAt = alert.firedAt;
  }
  const lastAt = latest[0] === undefined ? undefined : notificationTime(latest[0]);
  return {
    notifications: alerts.length,
    firing: states.firing.length,
    resolved: states.resolvedCount,
    ...(highestFiring === undefined ? {} : { highestFiringSeverity: highestFiring }),
    ...(highest === undefined ? {} : { highestSeverity: highest }),
    ...(firstFiredAt === undefined ? {} : { firstFiredAt }),
    ...(lastAt === undefined ? {} : { lastNotificationAt: lastAt }),
    latest: latest.map((a) => ({
      id: a.id,
      fingerprint: a.fingerprint,
      severity: a.severity,
      condition: a.condition,
      at: notificationTime(a),
      summary: a.summary,
    })),
  };
}

/** The `count` newest notifications, newest first (then by id), without sorting all of them. */
function newest(alerts: readonly IncidentAlert[], count: number): IncidentAlert[] {
  const kept: IncidentAlert[] = [];
  for (const alert of alerts) {
    const last = kept[kept.length - 1];
    if (kept.length === count && last !== undefined && !isNewer(alert, last)) continue;
    let at = kept.length;
    for (; at > 0; at--) {
      const before = kept[at - 1];
      if (before === undefined || !isNewer(alert, before)) break;
    }
    kept.splice(at, 0, alert);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

function isNewer(a: IncidentAlert, b: IncidentAlert): boolean {
  const order = notificationTime(b).localeCompare(notificationTime(a)) || a.id.localeCompare(b.id);
  return order < 0;
}

function worst(severities: readonly Severity[]): Severity | undefined {
  return SEVERITIES.find((s) => severities.includes(s));
}
