// Writes one change of a runbook step: the step's record (only if the change is newer than what it holds)
// and its timeline entry (idempotent by id). Shared by the runbook activities.
import type { IncidentStore } from '../../shared/ports/IncidentStore';
import { applyStepChange, type StepChange } from '../../shared/domain/incident/stepChange';

export interface StepEntry {
  readonly id: string;
  readonly type: string;
  readonly message: string;
  readonly actor?: string | undefined;
}

/** Resolves with whether the record changed; the timeline entry is appended either way (a repeat is a no-op). */
export async function recordStep(
  store: IncidentStore,
  incidentId: string,
  change: { stepId: string; revision: number; at: string; change: StepChange },
  entry: StepEntry,
): Promise<boolean> {
  let applied = false;
  await store.update(incidentId, (current) => {
    const steps = applyStepChange(current.steps, change.stepId, change.revision, change.at, change.change);
    applied = steps !== undefined;
    if (steps === undefined) {
      return undefined;
    }
    const opens = change.change.kind === 'started' || change.change.kind === 'waiting';
    return {
      ...current,
      steps,
      ...(opens && current.runbook ? { runbook: { ...current.runbook, currentStepId: change.stepId } } : {}),
    };
  });
  await store.appendTimeline(incidentId, [
    {
      id: entry.id,
      at: change.at,
      type: entry.type,
      message: entry.message,
      ...(entry.actor ? { actor: entry.actor } : {}),
      data: { stepId: change.stepId },
    },
  ]);
  return applied;
}
