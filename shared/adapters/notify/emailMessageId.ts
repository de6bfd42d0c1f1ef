// The Message-ID of one recipient's copy of a notification: deterministic, so a resend after a retried
// activity carries the same id and mail systems that deduplicate by Message-ID show it once.
import { createHash } from 'node:crypto';

/**
 * `<approval-request.orders-api-20261122-031205.r1.l1.3f9c0a1b2c3d4e5f@lifeboat>`: the notification id
 * (a dot-atom, see isNotificationId) and a hash of the address, which keeps the address itself out.
 */
export function emailMessageId(notificationId: string, to: string): string {
  const recipient = createHash('sha256').update(to.trim().toLowerCase()).digest('hex').slice(0, 16);
  return `<${notificationId}.${recipient}@lifeboat>`;
}
