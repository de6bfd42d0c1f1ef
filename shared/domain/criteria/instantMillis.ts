// Epoch milliseconds of an ISO-8601 instant; NaN when it is not one, so comparisons with it are simply false.
import { parseIsoTimestamp } from '../alerts/parseIsoTimestamp';

/** The form `toISOString()` writes, which every stored alert time has (normalised at intake). */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function instantMillis(iso: string): number {
  // Criteria read every alert's times on every assessment: the canonical form takes the short way. Date.parse
  // rejects what parseIsoTimestamp rejects except days past a month's end (2021-02-30) and hour 24, which
  // it rolls over: those, and every day after the 28th, take the long way.
  if (CANONICAL_INSTANT.test(iso)) {
    const day = Number(iso.slice(8, 10));
    const hour = Number(iso.slice(11, 13));
    const millis = day >= 1 && day <= 28 && hour <= 23 ? Date.parse(iso) : Number.NaN;
    if (!Number.isNaN(millis)) {
      return millis;
    }
  }
  const utc = parseIsoTimestamp(iso);
  return utc === undefined ? Number.NaN : Date.parse(utc);
}
