// The runbook sub-orchestration of a phase (failover, failback, rollback), raced with an operator's abort:
// an abort is passed on to the runbook, and the caller waits for it to stop, so no step runs after the
// incident reads aborted. Used by the incident orchestration and by its follow-up phases alike.
import type * as df from 'durable-functions';
import {
  forwardRunbookControlActivity,
  RUNBOOK_ORCHESTRATION,
  runbookInstanceId,
  runbookOutcomeSchema,
  type RunbookOutcome,
} from '../../shared/domain/contracts/runbookContracts';
import { taskFailureMessage } from '../../shared/domain/contracts/taskFailureMessage';
import type { DrillKind } from '../../shared/domain/incident/IncidentDrill';
import type { RunbookPurpose } from '../../shared/domain/incident/IncidentRunbook';
import type { IncidentWaits } from '../incident/incidentAborts';
import { callActivity } from '../support/callActivity';

export interface RunbookStage {
  readonly incidentId: string;
  readonly workloadId: string;
  readonly purpose: RunbookPurpose;
  /** A drill's runbook: steps use their drill overrides, or (dry-run) are described, not run. */
  readonly drill?: DrillKind;
}

export function* runRunbookStage(
  context: df.OrchestrationContext,
  waits: IncidentWaits,
  stage: RunbookStage,
): Generator<df.Task, RunbookOutcome, unknown> {
  const instanceId = runbookInstanceId(stage.incidentId, stage.purpose);
  const runbookTask = context.df.callSubOrchestrator(
    RUNBOOK_ORCHESTRATION,
    {
      incidentId: stage.incidentId,
      workloadId: stage.workloadId,
      purpose: stage.purpose,
      ...(stage.drill ? { drill: stage.drill } : {}),
    },
    instanceId,
  );
  // Abort while the runbook runs (or is paused): passed on to it, so it stops before its next call.
  const raced = yield* waits.race(runbookTask);
  const abort = raced.kind === 'abort' ? raced : undefined;
  if (abort && !abort.scheduled) {
    // Heard before the runbook was started: nothing ran.
    return {
      outcome: 'aborted',
      reason: abort.reason,
      actor: abort.actor,
      failedSteps: [],
      skippedSteps: [],
    };
  }
  if (abort) {
    yield* callActivity(context, forwardRunbookControlActivity, {
      instanceId,
      event: {
        action: 'abort',
        actor: abort.actor,
        at: context.df.currentUtcDateTime.toISOString(),
        comment: abort.reason,
      },
    });
    yield runbookTask;
  }
  if (runbookTask.isFaulted) {
    // Its activities exhausted their retries (the store is down): the state of the targets is unknown.
    return {
      outcome: 'failed',
      reason: `the runbook stage itself failed (${taskFailureMessage(runbookTask.result)}); check the steps and the targets before acting`,
      failedSteps: [],
      skippedSteps: [],
    };
  }
  const outcome = runbookOutcomeSchema.parse(runbookTask.result);
  // The operator asked to stop: whatever the runbook reached meanwhile, the phase ends aborted.
  return abort ? { ...outcome, outcome: 'aborted', reason: abort.reason, actor: abort.actor } : outcome;
}
