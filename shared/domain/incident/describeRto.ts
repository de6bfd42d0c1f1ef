// The RTO verdict in words, for the timeline and the final message: how long recovery took against the
// workload's objective, or how long the incident ran without recovering.
import { formatDuration } from '../wording/formatDuration';
import type { RtoClock } from './rtoClock';

export function describeRto(clock: RtoClock): string {
  const target = formatDuration(clock.targetSeconds * 1000);
  const elapsed = formatDuration(clock.elapsedSeconds * 1000);
  if (clock.met === undefined) {
    return `RTO ${target}: not recovered; ${elapsed} since detection`;
  }
  const margin = formatDuration(Math.abs(clock.targetSeconds - clock.elapsedSeconds) * 1000);
  return clock.met
    ? `RTO ${target}: recovered in ${elapsed}, met with ${margin} to spare`
    : `RTO ${target}: recovered in ${elapsed}, missed by ${margin}`;
}
