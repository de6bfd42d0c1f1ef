// Durations as messages word them: the RTO clock's seconds in the activation reasons' style ("6m 10s"),
// and the "RTO budget left" an approver weighs against the cost of failing over.
import { formatDuration } from '../../wording/formatDuration';

/** `8m 56s` for 536 seconds. */
export function secondsText(seconds: number): string {
  return formatDuration(seconds * 1000);
}

/** `11m 20s of 15m left`; once the target has passed: `none of 15m left (over by 2m 5s)`. */
export function describeRtoBudget(rto: {
  readonly targetSeconds: number;
  readonly remainingSeconds: number;
}): string {
  const target = secondsText(rto.targetSeconds);
  if (rto.remainingSeconds >= 1) {
    return `${secondsText(rto.remainingSeconds)} of ${target} left`;
  }
  if (rto.remainingSeconds <= -1) {
    return `none of ${target} left (over by ${secondsText(-rto.remainingSeconds)})`;
  }
  return `none of ${target} left`;
}
