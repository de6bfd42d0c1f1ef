// One branch of a parallel group (a sub-orchestration of the runbook): runs the branch's steps in order
// with the runbook's own step code, hears the controls the runbook passes on to it, and tells the runbook
// when it has ended, so the runbook, which listens for controls meanwhile, wakes to collect its outcome.
import type * as df from 'durable-functions';
import {
  forwardRunbookControlActivity,
  runbookBranchInputSchema,
  type RunbookBranchInput,
  type RunbookOutcome,
} from '../shared/domain/contracts/runbookContracts';
import { runbookEntryPrefix } from '../shared/domain/runbook/runbookRecordIds';
import { RunbookControl } from './runbook/RunbookControl';
import { RunbookRun } from './runbook/RunbookRun';
import { orchestrationOf } from './runbookOrchestrator';

export function* runbookBranchOrchestrator(
  context: df.OrchestrationContext,
): Generator<df.Task, RunbookOutcome, unknown> {
  const input = context.df.isReplaying
    ? context.df.getInput<RunbookBranchInput>()
    : runbookBranchInputSchema.parse(context.df.getInput());
  const control = new RunbookControl(context);
  const run = new RunbookRun(
    orchestrationOf(context),
    control,
    {
      incidentId: input.incidentId,
      workloadId: input.workloadId,
      purpose: input.purpose,
      ...(input.drill ? { drill: input.drill } : {}),
    },
    {
      instanceId: context.df.instanceId,
      // Its own counters number its pauses and notes: entries apart from the runbook's and other branches'.
      entryPrefix: `${runbookEntryPrefix(input.purpose)}-${input.groupId}-branch-${input.branch + 1}`,
      branch: { groupId: input.groupId, index: input.branch, name: input.branchName },
    },
  );
  const outcome = yield* run.runBranch(input.steps, input.branchName);
  yield* control.call(forwardRunbookControlActivity, {
    instanceId: input.parentInstanceId,
    event: {
      action: 'branch-ended',
      actor: 'lifeboat',
      at: context.df.currentUtcDateTime.toISOString(),
      stepId: input.groupId,
      branch: input.branch,
      comment: `${outcome.outcome}: ${outcome.reason}`.slice(0, 2000),
    },
  });
  return outcome;
}
