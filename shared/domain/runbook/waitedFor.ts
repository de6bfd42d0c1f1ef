// What a wait step says it waited: the planned time, or, when it ended well after it (Lifeboat was stopped
// or overloaded while the timer ran, and the timer fired when it came back), the real time as well.
import { formatDuration } from '../wording/formatDuration';

/** Lateness below this is the engine's ordinary scheduling, not worth a word. */
const NOTICEABLE_LATENESS_MS = 5_000;

export function waitedFor(plannedSeconds: number, startedAt: Date, endedAt: Date): string {
  const planned = `${plannedSeconds}s`;
  const actualMs = endedAt.getTime() - startedAt.getTime();
  return actualMs - plannedSeconds * 1_000 < NOTICEABLE_LATENESS_MS
    ? `waited ${planned}`
    : `waited ${formatDuration(actualMs)} (planned ${planned}; the timer fired late because Lifeboat was not running or was overloaded)`;
}
