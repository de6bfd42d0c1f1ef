// The Azure steps of a workload's runbooks, whose targets readiness reads (a GET through the step's own SDK,
// never a change): a failover group, endpoint or web app that was deleted or renamed, or an identity that lost
// its read access, fails the step in the middle of a failover. Said before, as a failed check.
import type { Catalog } from '../catalog/Catalog';
import type { Workload } from '../catalog/Workload';
import { isAzureStepType } from '../runbook/azure/azureStepTypes';
import { flattenSteps } from '../runbook/parallelGroupSchema';
import type { AzureStep } from '../runbook/runbookStepSchema';
import type { CheckOutcome } from './ReadinessResult';
import { workloadRunbooks } from './runbookSecretsOutcome';

export function azureStepsOf(catalog: Pick<Catalog, 'runbooks'>, workload: Workload): AzureStep[] {
  return workloadRunbooks(catalog, workload).flatMap((runbook) =>
    flattenSteps(runbook.steps).flatMap(({ step }) =>
      step.type !== 'parallel' && isAzureStepType(step.type) ? [step as AzureStep] : [],
    ),
  );
}

export function azureTargetOutcome(step: AzureStep, check: { ok: boolean; detail: string }): CheckOutcome {
  return check.ok
    ? { kind: 'azure-targets', name: step.id, status: 'pass', reason: `step ${step.id}: ${check.detail}` }
    : {
        kind: 'azure-targets',
        name: step.id,
        status: 'fail',
        reason: `step ${step.id} (${step.type}) cannot read its target: ${check.detail}`,
      };
}
