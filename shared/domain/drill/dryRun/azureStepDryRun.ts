// The dry-run of an Azure step: the Azure Resource Manager requests it would send (the step type's own
// description, shared/domain/runbook/azure/), addressed to the public cloud's endpoint, with the token of the
// app's identity shown as such rather than sent or read.
import { automationJobName } from '../../runbook/azure/automationRunbookStep';
import { azureStepDryRun } from '../../runbook/azure/azureStepPlans';
import { AZURE_PUBLIC_CLOUD_ENDPOINT } from '../../runbook/azure/azureStepTypes';
import type { AzureStep } from '../../runbook/runbookStepSchema';
import { longestWithRetries } from './longestWithRetries';
import { maskedBody } from './maskSecrets';
import type { DryRunContext, DryRunDescription } from './StepDryRun';

const IDENTITY_TOKEN = "Bearer <a token of the app's managed identity>";

export function describeAzureStepDryRun(
  step: AzureStep,
  { idempotencyKey }: DryRunContext,
): DryRunDescription {
  const plan = azureStepDryRun(
    step,
    step.type === 'azure.automation.runbook' ? automationJobName(idempotencyKey) : undefined,
  );
  const notes = plan.requests.flatMap((r) => (r.note === undefined ? [] : [r.note]));
  return {
    summary: `would ${plan.summary.charAt(0).toLowerCase()}${plan.summary.slice(1)}${
      notes.length > 0 ? ` (${notes.join('; ')})` : ''
    }`,
    requests: plan.requests.map((r) => ({
      method: r.method,
      url: `${AZURE_PUBLIC_CLOUD_ENDPOINT}${r.path}`,
      headers: { Authorization: IDENTITY_TOKEN },
      ...(r.body === undefined ? {} : { body: maskedBody(r.body) }),
    })),
    ...(step.instructions ? { instructions: step.instructions } : {}),
    expectedSeconds: { min: 0, max: longestWithRetries(step.timeoutSeconds, step.retry) },
  };
}
