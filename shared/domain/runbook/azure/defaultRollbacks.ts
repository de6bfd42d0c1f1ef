// An Azure step whose undoing is plain (an endpoint's or an origin's state flipped back, an app started or
// stopped again) has that rollback unless it declares its own `rollback:` (azureStepPlans.ts says which types
// have one). Filled when the runbook is parsed, so the incident, the rollback plan and the printable runbook
// all see it; its id (`undo-<step id>`) is checked for uniqueness with the others.
import type { LeafStep, RollbackStep, RunbookStep } from '../runbookStepSchema';
import { azureStepRollback } from './azureStepPlans';
import { isAzureStepType } from './azureStepTypes';
import type { AzureStep } from '../runbookStepSchema';

export function withDefaultRollbacks(step: RunbookStep): RunbookStep {
  if (step.type !== 'parallel') return withDefaultRollback(step);
  return {
    ...step,
    branches: step.branches.map((branch) => ({ ...branch, steps: branch.steps.map(withDefaultRollback) })),
  };
}

function withDefaultRollback(step: LeafStep): LeafStep {
  if (!isAzureStepType(step.type) || step.rollback !== undefined) return step;
  const undo = azureStepRollback(step as AzureStep);
  return undo === undefined ? step : { ...step, rollback: undo as unknown as RollbackStep };
}
