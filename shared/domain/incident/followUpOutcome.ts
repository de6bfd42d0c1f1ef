// What the timeline says when a follow-up phase ends: how long it took (measured apart from the failover's
// RTO), and for a rollback what is left to undo by hand.
import { formatDuration } from '../wording/formatDuration';
import { failoverSteps, rollbackCoverage, type FollowUp } from './followUp';
import type { Incident } from './Incident';
import type { IncidentStatus } from './IncidentStatus';

/** The failover steps a rollback leaves as they are: their rollback did not succeed, or they have none. */
export function leftToUndo(
  incident: Pick<Incident, 'followUp' | 'earlierPhases' | 'steps' | 'runbook'>,
): string[] {
  const coverage = rollbackCoverage(failoverSteps(incident));
  const undone = new Set(
    incident.runbook?.purpose === 'rollback'
      ? incident.steps.filter((s) => s.status === 'succeeded' && s.undoes).map((s) => s.undoes)
      : [],
  );
  return [
    ...coverage.undoable.filter((s) => !undone.has(s.id)).map((s) => s.id),
    ...coverage.withoutRollback.map((s) => `${s.id} (no rollback)`),
  ];
}

/** The sentence that follows a follow-up's end on the timeline. */
export function followUpEndText(
  incident: Pick<Incident, 'followUp' | 'earlierPhases' | 'steps' | 'runbook'> & { followUp: FollowUp },
  to: IncidentStatus,
  at: string,
): string {
  const took = `The ${incident.followUp.phase} took ${formatDuration(Date.parse(at) - Date.parse(incident.followUp.requestedAt))}`;
  if (incident.followUp.phase !== 'rollback') return `${took}.`;
  const left = leftToUndo(incident);
  if (left.length === 0) return `${took}; every completed failover step was undone.`;
  return `${took}; left to undo by hand: ${left.join(', ')}${to === 'rolled-back' ? '' : ' (see the rollback steps above)'}.`;
}
