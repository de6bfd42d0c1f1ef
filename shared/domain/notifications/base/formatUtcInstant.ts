// Instants the way messages show them: unambiguous for readers in any time zone, to the second.

/** `2026-11-22 03:27:05 UTC`; text that is not an ISO instant is returned as it is. */
export function formatUtcInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    return iso;
  }
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
