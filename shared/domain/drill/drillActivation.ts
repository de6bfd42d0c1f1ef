// What a drill records in place of an activation decision: the criteria a live incident would wait for,
// reported and not waited for (a drill is started on purpose, with no alerts to assess).
import { describeCriteria } from '../criteria/describeCriteria';
import type { ActivationCriteria } from '../criteria/ActivationCriteria';
import { drillLabel, type IncidentDrill } from '../incident/IncidentDrill';

export function drillActivationReasons(drill: IncidentDrill, criteria: ActivationCriteria): string[] {
  // The outline's first line opens the sentence; the rest keep their indentation, one reason each.
  const [first, ...rest] = describeCriteria(criteria).activateWhen;
  return [
    `${drillLabel(drill.kind)} started by ${drill.requestedBy}${drill.scenario ? ` (scenario: ${drill.scenario})` : ''}: activation criteria reported, not waited for`,
    `A live incident activates when: ${first?.text ?? 'its criteria hold'}`,
    ...rest.map((line) => `${'  '.repeat(line.depth)}${line.text}`),
  ];
}

/** Why a drill gives way to a live incident of its workload: what its abort says. */
export function yieldedToLiveReason(liveIncidentId: string): string {
  return `a live incident (${liveIncidentId}) opened for this workload: the live one wins, so the drill stops`;
}

/** Who aborts a drill that yields to a live incident. */
export const DRILL_YIELD_ACTOR = 'lifeboat';
