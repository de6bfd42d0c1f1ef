// When a notification happened: a resolution at its resolvedAt, a firing at its firedAt.
import type { Alert } from '../alerts/Alert';

type Notification = Pick<Alert, 'condition' | 'firedAt' | 'resolvedAt'>;

/** ISO instant; notifications of one fingerprint are ordered by it (a resolution wins a tie). */
export function notificationTime(alert: Notification): string {
  return alert.condition === 'resolved' ? (alert.resolvedAt ?? alert.firedAt) : alert.firedAt;
}
