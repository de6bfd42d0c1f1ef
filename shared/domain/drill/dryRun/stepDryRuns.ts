// The dry-run description of every step type, and the one function that picks it. A step type added to
// LEAF_STEP_TYPES must add its StepDryRun here: the record's type insists.
import { formatDuration } from '../../catalog/duration';
import { describeAzureStepDryRun } from './azureStepDryRun';
import { longestWithRetries } from './longestWithRetries';
import type { LeafStep, LeafStepType } from '../../runbook/runbookStepSchema';
import { IDEMPOTENCY_KEY_HEADER } from '../../../ports/StepExecutor';
import { maskedBody, maskedHeaders, maskedValue } from './maskSecrets';
import type { DryRunContext, DryRunDescription, DryRunRequest, StepDryRun } from './StepDryRun';

export type StepDryRuns = { readonly [T in LeafStepType]: StepDryRun<Extract<LeafStep, { type: T }>> };

const withInstructions = (instructions: string | undefined) => (instructions ? { instructions } : {});

export const STEP_DRY_RUNS: StepDryRuns = {
  http: (step, { idempotencyKey }) => {
    const { request } = step;
    const sent: DryRunRequest = {
      method: request.method,
      url: maskedValue(request.url),
      headers: { ...maskedHeaders(request.headers), [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      ...(request.body === undefined ? {} : { body: maskedBody(request.body) }),
    };
    return {
      summary: `would ${sent.method} ${sent.url} (${step.retry.maxAttempts} attempt(s) at most, ${step.timeoutSeconds}s each)`,
      requests: [sent],
      ...withInstructions(step.instructions),
      expectedSeconds: { min: 0, max: longestWithRetries(step.timeoutSeconds, step.retry) },
    };
  },
  manual: (step) => ({
    summary: `would ask an operator to confirm "${step.name}" within ${formatDuration(step.timeoutSeconds)}`,
    requests: [],
    instructions: step.instructions,
    expectedSeconds: { min: 0, max: longestWithRetries(step.timeoutSeconds, step.retry) },
  }),
  wait: (step) => ({
    summary: `would wait ${formatDuration(step.durationSeconds)}`,
    requests: [],
    ...withInstructions(step.instructions),
    expectedSeconds: { min: step.durationSeconds, max: step.durationSeconds },
  }),
  healthCheck: (step, { healthChecks }) => {
    const probes =
      step.source.kind === 'probe'
        ? [{ name: 'probe', url: step.source.probe.url }]
        : healthChecks[step.source.target].map((check) => ({ name: check.name, url: check.url }));
    const what =
      step.source.kind === 'probe' ? step.source.probe.url : `the ${step.source.target} health checks`;
    return {
      summary: `would probe ${what} until ${step.consecutivePasses} pass(es) in a row, every ${formatDuration(step.intervalSeconds)}, for up to ${formatDuration(step.deadlineSeconds)}`,
      requests: probes.map((probe) => ({ method: 'GET', url: probe.url, headers: {} })),
      ...withInstructions(step.instructions),
      expectedSeconds: {
        min: (step.consecutivePasses - 1) * step.intervalSeconds,
        max: step.deadlineSeconds,
      },
    };
  },
  'azure.cosmosdb.failover': describeAzureStepDryRun,
  'azure.sql.failoverGroup': describeAzureStepDryRun,
  'azure.trafficManager.endpoint': describeAzureStepDryRun,
  'azure.frontDoor.origin': describeAzureStepDryRun,
  'azure.appService': describeAzureStepDryRun,
  'azure.siteRecovery.recoveryPlan': describeAzureStepDryRun,
  'azure.automation.runbook': describeAzureStepDryRun,
  'azure.arm': describeAzureStepDryRun,
};

/** The dry-run description of any leaf step, by its type. */
export function describeDryRun(step: LeafStep, context: DryRunContext): DryRunDescription {
  const describe = STEP_DRY_RUNS[step.type] as StepDryRun<LeafStep>;
  return describe(step, context);
}
