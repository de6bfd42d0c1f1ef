// Notification ids: derived from what the notification is about, never random, so an activity that runs
// twice sends the same notification (same outbox file, same Message-IDs) rather than a new one.

/** `approval-request.orders-api-20261122-031205.r1.l2`: one per approval round and escalation level. */
export function approvalRequestNotificationId(incidentId: string, round: number, level: number): string {
  return `approval-request.${incidentId}.r${round}.l${level}`;
}

/** `approval-decided.orders-api-20261122-031205.r1`: one per approval round. */
export function approvalDecidedNotificationId(incidentId: string, round: number): string {
  return `approval-decided.${incidentId}.r${round}`;
}

/** `incident-outcome.orders-api-20261122-031205`: one per incident, which ends once. */
export function incidentOutcomeNotificationId(incidentId: string): string {
  return `incident-outcome.${incidentId}`;
}

/** `progress-update.orders-api-20261122-031205.3`: one per update of a failover under way. */
export function progressUpdateNotificationId(incidentId: string, sequence: number): string {
  return `progress-update.${incidentId}.${sequence}`;
}

/**
 * What channels accept as a notification id: it becomes a file name (outbox) and part of a Message-ID
 * (a dot-atom), so letters, digits, `-` and `_` in dot-separated parts.
 */
export function isNotificationId(id: string): boolean {
  return id.length <= 300 && /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/.test(id);
}
