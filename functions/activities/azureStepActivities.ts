// The activity of Azure steps: records the attempt's start (refused once an abort was asked), makes one
// attempt through the Azure step executor, records the result (./stepAttempt.ts, as for http steps). Safe to
// run twice: the executor reads the target's state first.
import { container } from '../../shared/container';
import { runAzureStepActivity } from '../../shared/domain/contracts/runbookContracts';
import { isAzureStepType } from '../../shared/domain/runbook/azure/azureStepTypes';
import type { AzureStep } from '../../shared/domain/runbook/runbookStepSchema';
import { stepIdempotencyKey } from '../../shared/domain/runbook/stepIdempotencyKey';
import { NonRetryableError } from '../../shared/errors';
import { recordStepCall } from '../../shared/telemetry/lifeboatMetrics';
import { annotateActiveSpan, inSpan, SpanKind } from '../../shared/telemetry/tracing';
import { registerActivity } from './registerActivity';
import { finishAttempt, startAttempt } from './stepAttempt';

registerActivity(runAzureStepActivity, async (input) => {
  const { incidentId, step, attempt, round } = input;
  if (!isAzureStepType(step.type)) {
    throw new NonRetryableError(`Step '${step.id}' is a ${step.type} step, not an Azure step.`);
  }
  const azureStep = step as AzureStep;
  const c = container();
  const refused = await startAttempt(c, input);
  if (refused !== undefined) return refused;
  const outcome = await inSpan(
    `step ${step.id}`,
    { kind: SpanKind.CLIENT, ids: { incidentId, stepId: step.id, attempt } },
    async () => {
      const result = await c.azureStepExecutor().execute(azureStep, {
        timeoutMs: azureStep.timeoutSeconds * 1000,
        // With the direction, as an http step's: a failback's Automation job is not the failover's.
        idempotencyKey: stepIdempotencyKey(incidentId, step.id, round, input.purpose),
      });
      recordStepCall(result.latencyMs, azureStep.type, result.kind);
      annotateActiveSpan({ stepOutcome: result.kind });
      return result;
    },
  );
  return finishAttempt(
    c,
    input,
    outcome.kind === 'succeeded'
      ? {
          kind: 'succeeded',
          detail: outcome.alreadyInWantedState
            ? `already in the wanted state: ${outcome.detail}`
            : outcome.detail,
        }
      : outcome,
  );
});
