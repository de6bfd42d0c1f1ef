// The rollback of a failover that failed or was aborted: the `rollback:` steps of every step that completed,
// in reverse order. A parallel group is unwound branch by branch (the last branch first), each branch's steps
// in reverse, one after the other: undoing is rarely worth the risk of running at once.
import type { IncidentStep } from '../incident/IncidentStep';
import type { LeafStep, RunbookStep } from './runbookStepSchema';

export interface RollbackPlan {
  /** The rollback steps to run, in order. */
  readonly steps: readonly LeafStep[];
  /** For each rollback step id, the failover step it undoes. */
  readonly undoes: ReadonlyMap<string, string>;
}

/** `failover` is the plan the incident kept when the failover started; `records` its steps as they ended. */
export function rollbackPlan(
  failover: readonly RunbookStep[],
  records: readonly IncidentStep[],
): RollbackPlan {
  const succeeded = new Set(records.filter((r) => r.status === 'succeeded').map((r) => r.id));
  const steps: LeafStep[] = [];
  const undoes = new Map<string, string>();
  const unwind = (step: LeafStep) => {
    if (!succeeded.has(step.id) || step.rollback === undefined) return;
    // The catalog's schema parsed it as a step that does one thing.
    steps.push(step.rollback as unknown as LeafStep);
    undoes.set(step.rollback.id, step.id);
  };
  for (const step of [...failover].reverse()) {
    if (step.type !== 'parallel') {
      unwind(step);
      continue;
    }
    for (const branch of [...step.branches].reverse()) {
      for (const inner of [...branch.steps].reverse()) unwind(inner);
    }
  }
  return { steps, undoes };
}
