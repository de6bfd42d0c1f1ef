// Older Azure Monitor log alert contexts write times the .NET en-US way, e.g. "3/22/2019 1:36:33 PM" (UTC).
import { utcMillis } from '../parseIsoTimestamp';

// M/D/YYYY h:mm[:ss] with an optional AM/PM; without AM/PM the hour is read as 24-hour.
const US_DATE_TIME =
  /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?\s*$/;

/** Parses the legacy US format as UTC into `toISOString()` form, or undefined when it is not one. */
export function parseLegacyUsDate(value: string): string | undefined {
  const match = US_DATE_TIME.exec(value);
  if (match === null) {
    return undefined;
  }
  const [, mo, d, y, h, mi, s, meridiem] = match;
  let hour = Number(h);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) {
      return undefined;
    }
    // 12 AM is midnight and 12 PM is noon.
    hour = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const millis = utcMillis(Number(y), Number(mo), Number(d), hour, minute, second);
  return millis === undefined ? undefined : new Date(millis).toISOString();
}
