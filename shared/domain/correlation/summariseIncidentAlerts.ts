// Folds an incident's alert notifications into what the incident orchestration decides on.
import { z } from 'zod';
import { SEVERITIES, severitySchema, type Severity } from '../alerts/Severity';
import { deriveAlertStates } from '../criteria/deriveAlertStates';
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
 * status an operator reads and the decision an approver reads never disagree.
 */
export function summariseIncidentAlerts(alerts: readonly IncidentAlert[]): IncidentAlertSummary {
  const states = deriveAlertStates(alerts);
  const byTime = [...alerts].sort(
    (a, b) => notificationTime(b).localeCompare(notificationTime(a)) || a.id.localeCompare(b.id),
  );
  const highestFiring = worst(states.firing.map((a) => a.severity));
  const highest = worst(alerts.map((a) => a.severity));
  const firstFiredAt = alerts.map((a) => a.firedAt).sort()[0];
  const lastAt = byTime[0] === undefined ? undefined : notificationTime(byTime[0]);
  return {
    notifications: alerts.length,
    firing: states.firing.length,
    resolved: states.resolvedCount,
    ...(highestFiring === undefined ? {} : { highestFiringSeverity: highestFiring }),
    ...(highest === undefined ? {} : { highestSeverity: highest }),
    ...(firstFiredAt === undefined ? {} : { firstFiredAt }),
    ...(lastAt === undefined ? {} : { lastNotificationAt: lastAt }),
    latest: byTime.slice(0, LATEST_SHOWN).map((a) => ({
      id: a.id,
      fingerprint: a.fingerprint,
      severity: a.severity,
      condition: a.condition,
      at: notificationTime(a),
      summary: a.summary,
    })),
  };
}

function worst(severities: readonly Severity[]): Severity | undefined {
  return SEVERITIES.find((s) => severities.includes(s));
}
