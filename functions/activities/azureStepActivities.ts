// The activity of Azure steps: records the attempt's start (refused once an abort was asked), makes one
// attempt through the Azure step executor, records the result. Safe to run twice: the executor reads the
// target's state first, step records only move forward by revision and timeline entries are idempotent by id.
import { container } from '../../shared/container';
import { runAzureStepActivity } from '../../shared/domain/contracts/runbookContracts';
import { isAzureStepType } from '../../shared/domain/runbook/azure/azureStepTypes';
import { stepEntryId } from '../../shared/domain/runbook/runbookRecordIds';
import type { AzureStep } from '../../shared/domain/runbook/runbookStepSchema';
import { stepIdempotencyKey } from '../../shared/domain/runbook/stepIdempotencyKey';
import { NonRetryableError } from '../../shared/errors';
import { recordStepCall } from '../../shared/telemetry/lifeboatMetrics';
import { annotateActiveSpan, inSpan, SpanKind } from '../../shared/telemetry/tracing';
import { recordStep } from './recordStep';
import { registerActivity } from './registerActivity';

registerActivity(
  runAzureStepActivity,
  async ({ incidentId, step, attempt, round, revision, entryPrefix }) => {
    if (!isAzureStepType(step.type)) {
      throw new NonRetryableError(`Step '${step.id}' is a ${step.type} step, not an Azure step.`);
    }
    const azureStep = step as AzureStep;
    const c = container();
    const store = c.incidentStore();
    const started = await recordStep(
      store,
      incidentId,
      { stepId: step.id, revision, at: c.now().toISOString(), change: { kind: 'started', attempt } },
      {
        id: stepEntryId(entryPrefix, step.id, revision),
        type: 'step-started',
        message: `Step ${step.id} started (attempt ${attempt}): ${step.name}`,
      },
      (current) => current.abortRequested?.actor,
    );
    if (started.refused !== undefined) {
      return {
        ok: false,
        retryable: false,
        abortedBy: started.refused,
        summary: `${step.id} not called: ${started.refused} is aborting the incident`,
      };
    }

    const outcome = await inSpan(
      `step ${step.id}`,
      { kind: SpanKind.CLIENT, ids: { incidentId, stepId: step.id, attempt } },
      async () => {
        const result = await c.azureStepExecutor().execute(azureStep, {
          timeoutMs: azureStep.timeoutSeconds * 1000,
          idempotencyKey: stepIdempotencyKey(incidentId, step.id, round),
        });
        recordStepCall(result.latencyMs, azureStep.type, result.kind);
        annotateActiveSpan({ stepOutcome: result.kind });
        return result;
      },
    );
    const result = { stepId: step.id, revision: revision + 1, at: c.now().toISOString() };
    const entryId = stepEntryId(entryPrefix, step.id, revision + 1);
    if (outcome.kind === 'succeeded') {
      const detail = outcome.alreadyInWantedState
        ? `already in the wanted state: ${outcome.detail}`
        : outcome.detail;
      await recordStep(
        store,
        incidentId,
        { ...result, change: { kind: 'succeeded', detail } },
        { id: entryId, type: 'step-succeeded', message: `Step ${step.id} succeeded: ${detail}` },
      );
      return { ok: true, retryable: false, summary: detail };
    }
    await recordStep(
      store,
      incidentId,
      {
        ...result,
        change: { kind: 'progress', attempt, detail: `attempt ${attempt} failed`, error: outcome.reason },
      },
      {
        id: entryId,
        type: 'step-attempt-failed',
        message: `Step ${step.id} attempt ${attempt} failed: ${outcome.reason}`,
      },
    );
    return {
      ok: false,
      retryable: outcome.retryable,
      summary: outcome.reason,
      ...(outcome.retryAfterMs === undefined
        ? {}
        : { retryAfterSeconds: Math.ceil(outcome.retryAfterMs / 1000) }),
    };
  },
);
