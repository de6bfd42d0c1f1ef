// "RTO budget left" in words, the number an approver weighs against the cost of failing over.
import { formatDuration } from '../criteria/formatDuration';

/** `11m 20s of 15m left`; once the target has passed: `none of 15m left (over by 2m 5s)`. */
export function describeRtoBudget(rto: {
  readonly targetSeconds: number;
  readonly remainingSeconds: number;
}): string {
  const target = formatDuration(rto.targetSeconds * 1000);
  if (rto.remainingSeconds >= 1) {
    return `${formatDuration(rto.remainingSeconds * 1000)} of ${target} left`;
  }
  if (rto.remainingSeconds <= -1) {
    return `none of ${target} left (over by ${formatDuration(-rto.remainingSeconds * 1000)})`;
  }
  return `none of ${target} left`;
}
