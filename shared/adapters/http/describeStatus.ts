// A status code with its standard reason phrase ("503 Service Unavailable"); the peer's own phrase is ignored
// because servers may put anything there.
import { STATUS_CODES } from 'node:http';

export function describeStatus(status: number): string {
  const phrase = STATUS_CODES[status];
  return phrase ? `${status} ${phrase}` : `${status}`;
}
