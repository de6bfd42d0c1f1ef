// The runbook stage, one instance per incident and purpose: runs the workload's runbook step by step
// (orchestrations/runbook/RunbookRun.ts), in shares of STEPS_PER_EXECUTION steps, each execution after the
// first continuing as new. A parallel group's branches run as runbookBranch sub-orchestrations.
import type * as df from 'durable-functions';
import {
  runbookInputSchema,
  type RunbookInput,
  type RunbookOutcome,
} from '../shared/domain/contracts/runbookContracts';
import { runbookEntryPrefix } from '../shared/domain/runbook/runbookRecordIds';
import { RunbookControl } from './runbook/RunbookControl';
import { RunbookRun, type RunbookOrchestration } from './runbook/RunbookRun';

/** Resolves with the runbook's outcome, or with nothing when it continues as new. */
export function* runbookOrchestrator(
  context: df.OrchestrationContext,
): Generator<df.Task, RunbookOutcome | undefined, unknown> {
  // Checked when an execution starts; its replays read the same input back from its history.
  const input = context.df.isReplaying
    ? context.df.getInput<RunbookInput>()
    : runbookInputSchema.parse(context.df.getInput());
  const continued = input.continuation;
  const control = new RunbookControl(context, continued?.pauseRequest, continued?.controlsHeard);
  return yield* new RunbookRun(orchestrationOf(context), control, input, {
    instanceId: context.df.instanceId,
    entryPrefix: runbookEntryPrefix(input.purpose),
  }).run();
}

export function orchestrationOf(context: df.OrchestrationContext): RunbookOrchestration {
  return {
    now: () => context.df.currentUtcDateTime,
    setCustomStatus: (status) => context.df.setCustomStatus(status),
    continueAsNew: (input) => context.df.continueAsNew(input),
  };
}
