// Epoch milliseconds of an ISO-8601 instant; NaN when it is not one, so comparisons with it are simply false.
import { parseIsoTimestamp } from '../alerts/parseIsoTimestamp';

export function instantMillis(iso: string): number {
  const utc = parseIsoTimestamp(iso);
  return utc === undefined ? Number.NaN : Date.parse(utc);
}
