// Runs a parallel group: each branch is a runbookBranch sub-orchestration, started at once. A scheduled
// task cannot join a second race (durable-functions would emit its action again), so the runbook does not
// await the branches together: it waits for control events, and each branch says when it has ended (a
// `branch-ended` event), whereupon its task is joined alone. Meanwhile the runbook routes what operators
// send: a step action goes to the branch that holds the step, an abort to every branch still running, a
// pause is kept for the step after the group.
import type * as df from 'durable-functions';
import {
  forwardRunbookControlActivity,
  RUNBOOK_BRANCH_ORCHESTRATION,
  runbookBranchInstanceId,
  runbookOutcomeSchema,
  type RunbookBranchInput,
  type RunbookControlEvent,
  type RunbookInput,
  type RunbookOutcome,
} from '../../shared/domain/contracts/runbookContracts';
import type { ParallelStep } from '../../shared/domain/runbook/parallelGroupSchema';
import type { RunbookControl } from './RunbookControl';

export type GroupEnd = {
  readonly failedSteps: readonly string[];
  readonly skippedSteps: readonly string[];
} & (
  | { readonly kind: 'completed' | 'failed'; readonly summary: string }
  | { readonly kind: 'abort'; readonly actor: string; readonly reason: string }
);

interface Branch {
  readonly index: number;
  readonly name: string;
  readonly instanceId: string;
  readonly stepIds: ReadonlySet<string>;
  readonly task: df.Task;
  outcome?: RunbookOutcome;
}

/** Who stops the other branches when one fails with on-failure abort. */
const GROUP_ACTOR = 'lifeboat';

export function* runParallelGroup(
  control: RunbookControl,
  run: { readonly group: ParallelStep; readonly input: RunbookInput; readonly instanceId: string },
): Generator<df.Task, GroupEnd, unknown> {
  const { group, input } = run;
  const calls = group.branches.map((branch, index) => {
    const branchInput: RunbookBranchInput = {
      incidentId: input.incidentId,
      workloadId: input.workloadId,
      purpose: input.purpose,
      parentInstanceId: run.instanceId,
      groupId: group.id,
      branch: index,
      branchName: branch.name,
      steps: [...branch.steps],
      ...(input.drill ? { drill: input.drill } : {}),
    };
    return { instanceId: runbookBranchInstanceId(run.instanceId, group.id, index), input: branchInput };
  });
  const tasks = yield* control.startSubOrchestrations(RUNBOOK_BRANCH_ORCHESTRATION, calls);
  const branches: Branch[] = group.branches.map((branch, index) => ({
    index,
    name: branch.name,
    instanceId: calls[index]?.instanceId ?? '',
    stepIds: new Set(branch.steps.map((step) => step.id)),
    task: tasks[index] as df.Task,
  }));
  /** Set once the other branches were told to stop: an operator aborted, or a branch failed with abort. */
  let stopping = false;

  const stopOthers = function* (event: RunbookControlEvent): Generator<df.Task, void, unknown> {
    for (const branch of branches) {
      if (branch.outcome === undefined) {
        yield* control.call(forwardRunbookControlActivity, { instanceId: branch.instanceId, event });
      }
    }
  };

  for (;;) {
    for (const branch of branches) {
      if (branch.outcome === undefined && (branch.task.isCompleted || branch.task.isFaulted)) {
        branch.outcome = yield* joinBranch(control, branch);
      }
    }
    const failed = branches.find((branch) => branch.outcome?.outcome === 'failed');
    if (failed !== undefined && !stopping) {
      stopping = true;
      yield* stopOthers({
        action: 'abort',
        actor: GROUP_ACTOR,
        at: control.now().toISOString(),
        comment: `branch ${failed.name} failed and its step's on-failure policy aborts the runbook`,
      });
    }
    if (branches.every((branch) => branch.outcome !== undefined)) {
      break;
    }
    const event = yield* control.nextEvent();
    if (event.action === 'abort') {
      stopping = true;
      yield* stopOthers(event);
    } else if (event.action === 'branch-ended') {
      const branch = event.stepId === group.id ? branches[event.branch ?? -1] : undefined;
      if (branch !== undefined && branch.outcome === undefined) {
        branch.outcome = yield* joinBranch(control, branch);
      }
    } else {
      const holder =
        event.stepId === undefined
          ? undefined
          : branches.find((branch) => branch.stepIds.has(event.stepId ?? ''));
      if (holder !== undefined && holder.outcome === undefined) {
        yield* control.call(forwardRunbookControlActivity, { instanceId: holder.instanceId, event });
      } else {
        control.keep(event); // a pause for after the group, or a control that fits nothing
      }
    }
  }

  const outcomes = branches.map((branch) => ({ branch, outcome: branch.outcome as RunbookOutcome }));
  const lists = {
    failedSteps: outcomes.flatMap(({ outcome }) => outcome.failedSteps),
    skippedSteps: outcomes.flatMap(({ outcome }) => outcome.skippedSteps),
  };
  const heard = yield* control.checkAbort(); // an operator's abort, which every branch was told
  if (heard !== undefined) {
    return { kind: 'abort', actor: heard.actor, reason: heard.reason, ...lists };
  }
  const failedBranches = outcomes.filter(({ outcome }) => outcome.outcome === 'failed');
  if (failedBranches.length > 0) {
    return {
      kind: 'failed',
      summary: failedBranches
        .map(({ branch, outcome }) => `branch ${branch.name}: ${outcome.reason}`)
        .join('; '),
      ...lists,
    };
  }
  // A branch that found the incident being aborted before its call (the abort's event still on its way).
  const aborted = outcomes.find(({ outcome }) => outcome.outcome === 'aborted');
  if (aborted !== undefined) {
    return {
      kind: 'abort',
      actor: aborted.outcome.actor ?? GROUP_ACTOR,
      reason: aborted.outcome.reason,
      ...lists,
    };
  }
  return {
    kind: 'completed',
    summary: `all ${branches.length} branches completed (${outcomes.map(({ branch }) => branch.name).join(', ')})`,
    ...lists,
  };
}

/** The outcome a branch returned; a branch orchestration that failed outright counts as a failed branch. */
function* joinBranch(control: RunbookControl, branch: Branch): Generator<df.Task, RunbookOutcome, unknown> {
  try {
    return runbookOutcomeSchema.parse(yield* control.join(branch.task));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: 'failed',
      reason: `branch ${branch.name} failed: ${message}`,
      failedSteps: [],
      skippedSteps: [],
    };
  }
}
