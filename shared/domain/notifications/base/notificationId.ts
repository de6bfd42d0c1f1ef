// Notification ids: derived from what the notification is about, never random, so an activity that runs
// twice sends the same notification (same outbox file, same Message-IDs) rather than a new one. Each kind
// says how it derives its own (kinds/).

/**
 * What channels accept as a notification id: it becomes a file name (outbox) and part of a Message-ID
 * (a dot-atom), so letters, digits, `-` and `_` in dot-separated parts.
 */
export function isNotificationId(id: string): boolean {
  return id.length <= 300 && /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/.test(id);
}
