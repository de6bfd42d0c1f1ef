// Parses RFC 3339 / ISO-8601 date-times as the sources send them into one UTC form.

// Any number of fraction digits: Azure sends 7 (.NET ticks), Prometheus 9 (Go nanoseconds).
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Returns the instant as `toISOString()` writes it (UTC, milliseconds), or undefined when the text is not
 * a real date-time with a zone: `2021-02-30T00:00:00Z` and zone-less local times are rejected, not guessed.
 */
export function parseIsoTimestamp(value: string): string | undefined {
  const match = ISO_DATE_TIME.exec(value);
  if (match === null) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const millis = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const offsetHours = Number(oh ?? '0');
  const offsetMinutes = Number(om ?? '0');
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    return undefined;
  }
  const local = utcMillis(year, month, day, hour, minute, second, millis);
  if (local === undefined) {
    return undefined;
  }
  const offset = zulu === undefined ? (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) : 0;
  const iso = new Date(local - offset * 60_000).toISOString();
  // An offset can push year 0001 or 9999 out of the four-digit range ISO-8601 consumers expect.
  return /^\d{4}-/.test(iso) ? iso : undefined;
}

/** Epoch milliseconds for a calendar date-time, or undefined when the date does not exist. */
export function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis = 0,
): number | undefined {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date.getTime() : undefined;
}
