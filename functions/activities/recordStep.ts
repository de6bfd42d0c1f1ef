// Writes one change of a runbook step: the step's record (only if the change is newer than what it holds)
// and its timeline entry (idempotent by id). Shared by the runbook activities.
import type { IncidentHead, IncidentStore } from '../../shared/ports/IncidentStore';
import { applyStepChange, type StepChange } from '../../shared/domain/incident/stepChange';

export interface StepEntry {
  readonly id: string;
  readonly type: string;
  readonly message: string;
  readonly actor?: string | undefined;
}

/**
 * Resolves with whether the step's record changed; the timeline entry is appended in the same write either
 * way (a repeat is a no-op). With `unless`, nothing at all is written when it returns a reason for the
 * incident as it is (read in the same write), and that reason comes back.
 */
export async function recordStep(
  store: IncidentStore,
  incidentId: string,
  change: { stepId: string; revision: number; at: string; change: StepChange },
  entry: StepEntry,
  unless?: (incident: IncidentHead) => string | undefined,
): Promise<{ readonly applied: boolean; readonly refused?: string }> {
  let refused: string | undefined;
  const { changed } = await store.updateStep(
    incidentId,
    change.stepId,
    (step, incident) => {
      refused = unless?.(incident);
      return refused === undefined
        ? applyStepChange(step, change.revision, change.at, change.change)
        : undefined;
    },
    // In the same write: a repeat of the change (not applied) still appends its entry once.
    () =>
      refused !== undefined
        ? []
        : [
            {
              id: entry.id,
              at: change.at,
              type: entry.type,
              message: entry.message,
              ...(entry.actor ? { actor: entry.actor } : {}),
              data: { stepId: change.stepId },
            },
          ],
    // A repeat of the activity writes it again: it need not wait for the disk.
    { durability: 'progress' },
  );
  return refused === undefined ? { applied: changed } : { applied: false, refused };
}
