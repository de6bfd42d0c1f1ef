// The RTO clock in a few words for boards and terminals: time used of the target, and what is left or overrun.
import { formatDuration } from '../wording/formatDuration';
import type { RtoClock } from './rtoClock';

export function rtoClockText(rto: RtoClock): string {
  const target = formatDuration(rto.targetSeconds * 1000);
  const elapsed = formatDuration(rto.elapsedSeconds * 1000);
  if (rto.met !== undefined) return `${elapsed} of ${target}, ${rto.met ? 'met' : 'missed'}`;
  if (rto.remainingSeconds === undefined) return `${elapsed} of ${target}, ended`;
  return rto.remainingSeconds > 0
    ? `${elapsed} of ${target}, ${formatDuration(rto.remainingSeconds * 1000)} left`
    : `${elapsed} of ${target}, overrun by ${formatDuration((rto.elapsedSeconds - rto.targetSeconds) * 1000)}`;
}

/** `ok` with time left, `late` once a running clock has passed the target, `met` / `missed` when recovered. */
export function rtoClockState(rto: RtoClock): 'ok' | 'late' | 'met' | 'missed' | 'ended' {
  if (rto.met !== undefined) return rto.met ? 'met' : 'missed';
  if (rto.remainingSeconds === undefined) return 'ended';
  return rto.remainingSeconds > 0 ? 'ok' : 'late';
}
