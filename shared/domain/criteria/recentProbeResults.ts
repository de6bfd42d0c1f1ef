// The primary probe results an incident keeps for its criteria: the newest few per probe, enough for any
// `primaryProbesFailing.atLeast` a catalog may ask, so the record stays small however long it is observed.
import type { ProbeResult } from './ActivationFacts';

/** More consecutive failures than any sensible criterion asks for (the default is 3). */
export const PROBE_RESULTS_KEPT_PER_PROBE = 10;

/**
 * `kept` and `fresh` together, oldest first, at most PROBE_RESULTS_KEPT_PER_PROBE per target and name. One
 * probe at one instant counts once (the fresh result wins): an assessment that runs twice must not turn one
 * failed round into two failures in a row.
 */
export function recentProbeResults(
  kept: readonly ProbeResult[],
  fresh: readonly ProbeResult[],
): ProbeResult[] {
  const freshRounds = new Set(fresh.map(roundKey));
  const all = [...kept.filter((result) => !freshRounds.has(roundKey(result))), ...fresh];
  const seen = new Map<string, number>();
  const newestFirst: ProbeResult[] = [];
  for (const result of [...all].reverse()) {
    const probe = `${result.target}\u0000${result.name}`;
    const count = seen.get(probe) ?? 0;
    if (count < PROBE_RESULTS_KEPT_PER_PROBE) {
      seen.set(probe, count + 1);
      newestFirst.push(result);
    }
  }
  return newestFirst.reverse();
}

function roundKey(result: ProbeResult): string {
  return `${result.target}\u0000${result.name}\u0000${result.at}`;
}
