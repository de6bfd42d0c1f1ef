// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as milliseconds from now.

/**
 * Undefined when absent or unreadable; a date in the past reads as 0. Not capped: the caller's
 * retry policy decides how long it is willing to wait.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) * 1_000;
  }
  // HTTP-dates always name a weekday and a month; anything else Date.parse might accept is not one.
  if (!/^[A-Za-z]{3,9}, /.test(text) && !/^[A-Za-z]{3} [A-Za-z]{3} /.test(text)) {
    return undefined;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
