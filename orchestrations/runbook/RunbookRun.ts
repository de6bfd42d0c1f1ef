// Runs a runbook's steps in order, for the runbook orchestration (a share of the whole runbook) and for one
// branch of a parallel group (runbookBranchOrchestrator). Each step is retried by its policy; a step that
// still fails follows its on-failure policy (pause for an operator, abort the runbook, or continue).
// Operators confirm manual steps, retry or skip failed ones, pause and resume between steps; an abort ends
// it at once. It has no orchestration context: every task it awaits goes through its RunbookControl.
import type * as df from 'durable-functions';
import {
  describeDryRunStepActivity,
  loadRunbookStepsActivity,
  probeHealthActivity,
  recordStepChangeActivity,
  runAzureStepActivity,
  runHttpStepActivity,
  setBranchStepPausedActivity,
  setRunbookPausedActivity,
  startRunbookActivity,
  STEPS_PER_EXECUTION,
  type RunbookInput,
  type RunbookOutcome,
} from '../../shared/domain/contracts/runbookContracts';
import { recordTimelineActivity } from '../../shared/domain/contracts/incidentLifecycleContracts';
import { abortOf } from '../../shared/domain/incident/abort';
import type { RunbookPause } from '../../shared/domain/incident/IncidentRunbook';
import type { RecordedRunbookControl } from '../../shared/domain/incident/runbookControlLog';
import type { StepChange } from '../../shared/domain/incident/stepChange';
import { drillStep } from '../../shared/domain/drill/drillStep';
import { retryDelaySeconds } from '../../shared/domain/runbook/retryDelay';
import { runbookEntryId, stepEntryId, StepRevisions } from '../../shared/domain/runbook/runbookRecordIds';
import type { ParallelStep } from '../../shared/domain/runbook/parallelGroupSchema';
import type { LeafStep, RunbookStep } from '../../shared/domain/runbook/runbookStepSchema';
import { runHealthGateWith } from './healthGate';
import { type RunbookControl, type Abort } from './RunbookControl';

import { waitedFor } from '../../shared/domain/runbook/waitedFor';
import { runParallelGroup } from './parallelGroup';

type Attempt =
  | { readonly kind: 'succeeded' }
  | {
      readonly kind: 'failed';
      readonly retryable: boolean;
      readonly summary: string;
      readonly retryAfterSeconds?: number;
    }
  | Abort;

type StepResult =
  { readonly kind: 'succeeded' } | { readonly kind: 'failed'; readonly summary: string } | Abort;

interface Plan {
  readonly runbook: { readonly id: string; readonly name: string };
  readonly stepCount: number;
  /** Where this execution's steps start in the runbook, from 0. */
  readonly from: number;
  /** This execution's share of the steps. */
  readonly steps: readonly RunbookStep[];
}

/**
 * What the run may do with the orchestration besides yielding: read its clock, set its status, continue it
 * as new. It has no context, so every task it awaits goes through its control, which listens meanwhile.
 */
export interface RunbookOrchestration {
  now(): Date;
  setCustomStatus(status: unknown): void;
  continueAsNew(input: RunbookInput): void;
}

/** Where a run stands: its instance, the prefix of its timeline entries, and its branch when it is one. */
export interface RunScope {
  readonly instanceId: string;
  readonly entryPrefix: string;
  readonly branch?: { readonly groupId: string; readonly index: number; readonly name: string };
}

export class RunbookRun {
  /** Per step: the revisions of its record, and the attempts made (operator retries included). */
  private readonly revisions = new StepRevisions();
  private readonly attempts = new Map<string, number>();
  private readonly failedSteps: string[];
  private readonly skippedSteps: string[];
  private pauses: number;
  private notes: number;

  constructor(
    private readonly orchestration: RunbookOrchestration,
    private readonly control: RunbookControl,
    private readonly input: RunbookInput,
    private readonly scope: RunScope,
  ) {
    const continued = input.continuation;
    this.failedSteps = [...(continued?.failedSteps ?? [])];
    this.skippedSteps = [...(continued?.skippedSteps ?? [])];
    this.pauses = continued?.pauses ?? 0;
    this.notes = continued?.notes ?? 0;
  }

  *run(): Generator<df.Task, RunbookOutcome | undefined, unknown> {
    const loaded = yield* this.loadPlan();
    if ('outcome' in loaded) {
      return loaded;
    }
    const plan = loaded;
    this.orchestration.setCustomStatus({ runbook: plan.runbook.id, steps: plan.stepCount });
    const ended = yield* this.runSteps(plan.steps);
    if (ended !== undefined) {
      return ended;
    }
    const next = plan.from + plan.steps.length;
    if (next < plan.stepCount) {
      return yield* this.continueAsNew(plan, next);
    }
    return yield* this.completed(`runbook ${plan.runbook.id} completed (${plan.stepCount} steps`);
  }

  /** Runs the steps of one branch of a parallel group; never hands over (a branch is one share long). */
  *runBranch(steps: readonly RunbookStep[], name: string): Generator<df.Task, RunbookOutcome, unknown> {
    const ended = yield* this.runSteps(steps);
    return ended ?? (yield* this.completed(`branch ${name} completed (${steps.length} steps`));
  }

  /** Runs `steps` in order; resolves with the runbook's end when one ends it, with nothing when all ran. */
  private *runSteps(steps: readonly RunbookStep[]): Generator<df.Task, RunbookOutcome | undefined, unknown> {
    for (const step of steps) {
      const aborted = yield* this.control.checkAbort(); // heard as the last step ended: no step starts
      if (aborted) {
        return this.outcome('aborted', aborted.reason, aborted.actor);
      }
      const paused = yield* this.pauseIfAsked(step.id);
      if (paused) {
        return this.outcome('aborted', paused.reason, paused.actor);
      }
      const done =
        step.type === 'parallel' ? yield* this.runGroup(step) : yield* this.runWithFailurePolicy(step);
      if (done !== undefined) {
        return done;
      }
    }
    return undefined;
  }

  /** The outcome of a run whose every step ran: `opening` is completed by the failed and skipped lists. */
  private *completed(opening: string): Generator<df.Task, RunbookOutcome, unknown> {
    yield* this.recordStrays();
    const tail = [
      this.failedSteps.length > 0 ? `failed and continued: ${this.failedSteps.join(', ')}` : '',
      this.skippedSteps.length > 0 ? `skipped: ${this.skippedSteps.join(', ')}` : '',
    ].filter(Boolean);
    return this.outcome('completed', `${opening}${tail.length > 0 ? `; ${tail.join('; ')}` : ''})`);
  }

  /** A parallel group: its branches run as sub-orchestrations; its record says how they ended. */
  private *runGroup(group: ParallelStep): Generator<df.Task, RunbookOutcome | undefined, unknown> {
    if (this.scope.branch !== undefined) {
      // The catalog's schema allows none; a plan that has one was not made by it.
      return this.outcome(
        'failed',
        `step ${group.id} is a parallel group inside a branch: groups do not nest`,
      );
    }
    const branchNames = group.branches.map((branch) => branch.name).join(', ');
    yield* this.recordChange(
      group,
      { kind: 'started', attempt: 1 },
      {
        type: 'group-started',
        message: `Parallel group ${group.id} started: ${group.branches.length} branches at once (${branchNames})`,
      },
    );
    const ended = yield* runParallelGroup(this.control, {
      group,
      input: this.input,
      instanceId: this.scope.instanceId,
    });
    this.failedSteps.push(...ended.failedSteps);
    this.skippedSteps.push(...ended.skippedSteps);
    if (ended.kind === 'abort') {
      return this.outcome('aborted', ended.reason, ended.actor);
    }
    if (ended.kind === 'failed') {
      yield* this.recordChange(
        group,
        { kind: 'failed', error: ended.summary },
        { type: 'step-failed', message: `Parallel group ${group.id} failed: ${ended.summary}` },
      );
      return this.outcome('failed', `parallel group ${group.id} failed: ${ended.summary}`);
    }
    yield* this.recordChange(
      group,
      { kind: 'succeeded', detail: ended.summary },
      { type: 'step-succeeded', message: `Parallel group ${group.id} succeeded: ${ended.summary}` },
    );
    return undefined;
  }

  /**
   * This execution's share of the steps: the first share comes from starting the runbook (which keeps it on
   * the incident), a later one from what the incident kept. Listens for an abort meanwhile, and takes what
   * the incident recorded that no execution heard: an abort, and the controls after the last one heard.
   */
  private *loadPlan(): Generator<df.Task, Plan | RunbookOutcome, unknown> {
    const { incidentId, workloadId, purpose, continuation } = this.input;
    if (continuation !== undefined) {
      const raced = yield* this.control.race(loadRunbookStepsActivity, {
        incidentId,
        purpose,
        from: continuation.from,
        count: STEPS_PER_EXECUTION,
        controlsSeen: this.control.heardSoFar().seen,
      });
      if (raced.kind === 'abort') {
        return this.outcome('aborted', raced.reason, raced.actor);
      }
      const loaded = raced.result;
      const recorded = this.takeRecorded(loaded);
      if (recorded) {
        return this.outcome('aborted', recorded.reason, recorded.actor);
      }
      if (loaded.steps.length === 0) {
        return this.outcome(
          'failed',
          `the steps of runbook ${continuation.runbook.id} from step ${continuation.from + 1} on are missing from the incident`,
        );
      }
      return {
        runbook: continuation.runbook,
        stepCount: continuation.stepCount,
        from: continuation.from,
        steps: loaded.steps,
      };
    }
    const started = yield* this.control.race(startRunbookActivity, {
      incidentId,
      workloadId,
      purpose,
      at: this.now(),
    });
    if (started.kind === 'abort') {
      return this.outcome('aborted', started.reason, started.actor);
    }
    const loaded = started.result;
    if (!loaded.found) {
      return this.outcome('failed', loaded.reason);
    }
    const recorded = this.takeRecorded(loaded);
    if (recorded) {
      return this.outcome('aborted', recorded.reason, recorded.actor);
    }
    return {
      runbook: loaded.runbook,
      stepCount: loaded.stepCount ?? loaded.steps.length,
      from: 0,
      steps: loaded.steps,
    };
  }

  /** What the incident recorded for this execution to take first; an abort among it ends the runbook. */
  private takeRecorded(recorded: {
    abortRequested?: { actor: string; comment?: string };
    controls?: readonly RecordedRunbookControl[];
    controlsLast?: number;
  }): Abort | undefined {
    if (recorded.abortRequested !== undefined) {
      return { kind: 'abort', ...abortOf(recorded.abortRequested) };
    }
    this.control.preload(recorded.controls ?? [], recorded.controlsLast ?? 0);
    return undefined;
  }

  /**
   * Hands the steps from `next` on to a fresh execution, with what it must know: where to start, the pause
   * asked for (it takes effect before the next step), and which recorded controls were heard. Events on
   * their way, or delivered here and not yet taken, do not survive the hand-over in Azure (the extension
   * drops them); the next execution takes their controls, and any abort, from the incident instead.
   */
  private *continueAsNew(plan: Plan, next: number): Generator<df.Task, RunbookOutcome | undefined, unknown> {
    yield* this.recordStrays();
    const pauseRequest = this.control.takePauseRequest();
    const input: RunbookInput = {
      incidentId: this.input.incidentId,
      workloadId: this.input.workloadId,
      purpose: this.input.purpose,
      ...(this.input.drill ? { drill: this.input.drill } : {}),
      continuation: {
        runbook: plan.runbook,
        stepCount: plan.stepCount,
        from: next,
        failedSteps: [...this.failedSteps],
        skippedSteps: [...this.skippedSteps],
        pauses: this.pauses,
        notes: this.notes,
        ...(pauseRequest === undefined ? {} : { pauseRequest }),
        controlsHeard: this.control.heardSoFar(),
      },
    };
    this.orchestration.continueAsNew(input);
    return undefined;
  }

  /**
   * A drill's step: a dry-run describes it and runs nothing; a drill skips it or runs it against its drill
   * target (its `drill:` overrides). A live runbook runs the step as written.
   */
  private *runWithFailurePolicy(step: LeafStep): Generator<df.Task, RunbookOutcome | undefined, unknown> {
    if (this.input.drill === 'dry-run') {
      yield* this.control.call(describeDryRunStepActivity, {
        incidentId: this.input.incidentId,
        workloadId: this.input.workloadId,
        step,
        revision: this.revisions.next(step.id),
        entryPrefix: this.entryPrefix(),
      });
      return undefined;
    }
    if (this.input.drill === 'drill') {
      const plan = drillStep(step);
      if (plan.kind === 'skip') {
        yield* this.recordChange(
          step,
          { kind: 'drill-skipped', reason: plan.reason },
          { type: 'step-skipped', message: `Step ${step.id} skipped in drills: ${plan.reason}` },
        );
        this.skippedSteps.push(step.id);
        return undefined;
      }
      return yield* this.runAsWritten(plan.step);
    }
    return yield* this.runAsWritten(step);
  }

  /** Runs one step to its end: succeeded, skipped, continued past, or the runbook's end (returned). */
  private *runAsWritten(step: LeafStep): Generator<df.Task, RunbookOutcome | undefined, unknown> {
    for (let round = 1; ; round++) {
      const result = yield* this.runStep(step, round);
      if (result.kind === 'abort') {
        return this.outcome('aborted', result.reason, result.actor);
      }
      if (result.kind === 'succeeded') {
        return undefined;
      }
      switch (step.onFailure) {
        case 'continue':
          this.failedSteps.push(step.id);
          return undefined;
        case 'abort':
          this.failedSteps.push(step.id);
          return this.outcome(
            'failed',
            `step ${step.id} failed (${result.summary}); its on-failure policy aborts the runbook`,
          );
        case 'pause': {
          const decision = yield* this.pause(
            { reason: 'step-failed', stepId: step.id },
            `Runbook paused: step ${step.id} failed (${result.summary}); retry-step or skip-step to go on, or abort`,
          );
          if (decision.kind === 'abort') {
            return this.outcome('aborted', decision.reason, decision.actor);
          }
          const comment = decision.comment ? `: ${decision.comment}` : '';
          if (decision.kind === 'skip') {
            yield* this.recordChange(
              step,
              { kind: 'skipped', actor: decision.actor },
              {
                type: 'step-skipped',
                message: `${decision.actor} skipped step ${step.id}${comment}`,
                actor: decision.actor,
              },
            );
            this.skippedSteps.push(step.id);
            yield* this.resume(decision.actor, `Runbook resumed after ${step.id} was skipped`, step.id);
            return undefined;
          }
          yield* this.recordChange(
            step,
            { kind: 'retry-requested', actor: decision.actor },
            {
              type: 'step-retry-requested',
              message: `${decision.actor} asked to retry step ${step.id}${comment}`,
              actor: decision.actor,
            },
          );
          yield* this.resume(decision.actor, `Runbook resumed: retrying ${step.id}`, step.id);
          break; // the next round
        }
      }
    }
  }

  /** One round of a step: attempts by its retry policy, backoff between them. */
  private *runStep(step: LeafStep, round: number): Generator<df.Task, StepResult, unknown> {
    for (let attemptInRound = 1; ; attemptInRound++) {
      const attempt = (this.attempts.get(step.id) ?? 0) + 1;
      this.attempts.set(step.id, attempt);
      const lastAttempt = attemptInRound >= step.retry.maxAttempts;
      const result = yield* this.attemptStep(step, attempt, round);
      if (result.kind !== 'failed') {
        return result;
      }
      if (!result.retryable || lastAttempt) {
        yield* this.recordChange(
          step,
          { kind: 'failed', error: result.summary },
          {
            type: 'step-failed',
            message: `Step ${step.id} failed after ${attemptInRound} attempt(s): ${result.summary}`,
          },
        );
        return { kind: 'failed', summary: result.summary };
      }
      const delay = retryDelaySeconds(step.retry, attemptInRound, result.retryAfterSeconds);
      const interrupted = yield* this.control.sleepUntil(this.secondsFromNow(delay));
      if (interrupted) {
        return interrupted;
      }
    }
  }

  private *attemptStep(step: LeafStep, attempt: number, round: number): Generator<df.Task, Attempt, unknown> {
    switch (step.type) {
      case 'http':
        return yield* this.attemptCall(runHttpStepActivity, step, attempt, round);
      case 'azure.cosmosdb.failover':
      case 'azure.sql.failoverGroup':
      case 'azure.trafficManager.endpoint':
      case 'azure.frontDoor.origin':
      case 'azure.appService':
      case 'azure.siteRecovery.recoveryPlan':
      case 'azure.automation.runbook':
      case 'azure.arm':
        return yield* this.attemptCall(runAzureStepActivity, step, attempt, round);
      case 'wait': {
        yield* this.recordChange(
          step,
          { kind: 'started', attempt },
          {
            type: 'step-started',
            message: `Step ${step.id} started: waiting ${step.durationSeconds}s`,
          },
        );
        const sleptFrom = this.orchestration.now();
        const interrupted = yield* this.control.sleepUntil(this.secondsFromNow(step.durationSeconds));
        if (interrupted) {
          return interrupted;
        }
        const waited = waitedFor(step.durationSeconds, sleptFrom, this.orchestration.now());
        yield* this.recordChange(
          step,
          { kind: 'succeeded', detail: waited },
          { type: 'step-succeeded', message: `Step ${step.id} succeeded: ${waited}` },
        );
        return { kind: 'succeeded' };
      }
      case 'manual': {
        yield* this.recordChange(
          step,
          { kind: 'waiting', attempt },
          {
            type: 'step-waiting',
            message: `Step ${step.id} waits for an operator to confirm it (confirm-step) within ${step.timeoutSeconds}s: ${step.name}`,
          },
        );
        const confirmation = yield* this.control.awaitConfirmation(
          step.id,
          this.secondsFromNow(step.timeoutSeconds),
        );
        if (confirmation.kind === 'abort') {
          return confirmation;
        }
        if (confirmation.kind === 'timeout') {
          return { kind: 'failed', retryable: true, summary: `not confirmed within ${step.timeoutSeconds}s` };
        }
        const comment = confirmation.comment ? `: ${confirmation.comment}` : '';
        yield* this.recordChange(
          step,
          { kind: 'succeeded', detail: `confirmed by ${confirmation.actor}`, actor: confirmation.actor },
          {
            type: 'step-confirmed',
            message: `${confirmation.actor} confirmed step ${step.id}${comment}`,
            actor: confirmation.actor,
          },
        );
        return { kind: 'succeeded' };
      }
      case 'healthCheck': {
        const gate = yield* runHealthGateWith(
          {
            now: () => this.orchestration.now(),
            probe: (input) => this.control.call(probeHealthActivity, input),
          },
          {
            incidentId: this.input.incidentId,
            workloadId: this.input.workloadId,
            // A drill probes the drill environment (drills.healthChecks) where the step names a region.
            source:
              this.input.drill && step.source.kind === 'workload'
                ? { ...step.source, drill: true }
                : step.source,
            timeoutSeconds: step.timeoutSeconds,
            passesRequired: step.consecutivePasses,
            intervalSeconds: step.intervalSeconds,
            deadlineSeconds: step.deadlineSeconds,
            record: () => ({
              kind: 'step',
              stepId: step.id,
              revision: this.revisions.next(step.id),
              entryPrefix: this.entryPrefix(),
            }),
            sleepUntil: (until) => this.control.sleepUntil(until),
          },
        );
        if (gate.kind === 'abort') {
          return gate;
        }
        if (gate.kind === 'failed') {
          return { kind: 'failed', retryable: true, summary: gate.summary };
        }
        yield* this.recordChange(
          step,
          { kind: 'succeeded', detail: gate.summary },
          {
            type: 'step-succeeded',
            message: `Step ${step.id} succeeded: ${gate.summary}`,
          },
        );
        return { kind: 'succeeded' };
      }
    }
  }

  /** An http or Azure step: one activity makes the attempt and records its start and result. */
  private *attemptCall(
    activity: typeof runHttpStepActivity, // or runAzureStepActivity: the same contract shape
    step: LeafStep,
    attempt: number,
    round: number,
  ): Generator<df.Task, Attempt, unknown> {
    // The call is not made once an abort was heard (and its activity checks the incident besides).
    const raced = yield* this.control.race(activity, {
      incidentId: this.input.incidentId,
      step,
      attempt,
      round,
      revision: this.revisions.reserve(step.id, 2), // the activity records the start and the result
      entryPrefix: this.entryPrefix(),
      // Failover histories before follow-up phases carried none: their keys stay as they were.
      ...(this.input.purpose === 'failover' ? {} : { purpose: this.input.purpose }),
    });
    if (raced.kind === 'abort') {
      return raced;
    }
    const result = raced.result;
    if (result.abortedBy !== undefined) {
      return { kind: 'abort', actor: result.abortedBy, reason: result.summary };
    }
    return result.ok
      ? { kind: 'succeeded' }
      : {
          kind: 'failed',
          retryable: result.retryable,
          summary: result.summary,
          ...(result.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: result.retryAfterSeconds }),
        };
  }

  /** Pauses at a step boundary when an operator asked to; resolves with an abort if one came instead of resume. */
  private *pauseIfAsked(nextStepId: string): Generator<df.Task, Abort | undefined, unknown> {
    yield* this.recordStrays();
    const request = this.control.takePauseRequest();
    if (request === undefined) {
      return undefined;
    }
    const comment = request.comment ? `: ${request.comment}` : '';
    const decision = yield* this.pause(
      { reason: 'operator', stepId: nextStepId, actor: request.actor },
      `${request.actor} paused the runbook before step ${nextStepId}${comment}`,
      request.actor,
    );
    if (decision.kind === 'abort') {
      return decision;
    }
    yield* this.resume(
      decision.actor,
      `${decision.actor} resumed the runbook${decision.comment ? `: ${decision.comment}` : ''}`,
    );
    return undefined;
  }

  private *pause(
    pause: { reason: RunbookPause['reason']; stepId: string; actor?: string },
    message: string,
    actor?: string,
  ) {
    this.pauses++;
    const entry = {
      id: runbookEntryId(this.entryPrefix(), 'pause', this.pauses),
      type: 'runbook-paused',
      message,
      ...(actor ? { actor } : {}),
    };
    if (this.scope.branch !== undefined) {
      // Only this branch waits; the incident lists the step among those paused, the other branches go on.
      yield* this.control.call(setBranchStepPausedActivity, {
        incidentId: this.input.incidentId,
        at: this.now(),
        stepId: pause.stepId,
        paused: true,
        entry: { ...entry, message: `Branch ${this.scope.branch.name}: ${message}` },
      });
    } else {
      yield* this.control.call(setRunbookPausedActivity, {
        incidentId: this.input.incidentId,
        at: this.now(),
        paused: { ...pause, at: this.now() },
        entry,
      });
    }
    this.orchestration.setCustomStatus({ paused: pause });
    return yield* this.control.awaitOperator(pause);
  }

  private *resume(actor: string, message: string, stepId?: string): Generator<df.Task, void, unknown> {
    const entry = {
      id: runbookEntryId(this.entryPrefix(), 'resume', this.pauses),
      type: 'runbook-resumed',
      message,
      actor,
    };
    if (this.scope.branch !== undefined && stepId !== undefined) {
      yield* this.control.call(setBranchStepPausedActivity, {
        incidentId: this.input.incidentId,
        at: this.now(),
        stepId,
        paused: false,
        entry: { ...entry, message: `Branch ${this.scope.branch.name}: ${message}` },
      });
    } else {
      yield* this.control.call(setRunbookPausedActivity, {
        incidentId: this.input.incidentId,
        at: this.now(),
        paused: null,
        entry,
      });
    }
    this.orchestration.setCustomStatus({ paused: null });
  }

  private *recordChange(
    step: RunbookStep,
    change: StepChange,
    entry: { type: string; message: string; actor?: string },
  ): Generator<df.Task, void, unknown> {
    const revision = this.revisions.next(step.id);
    yield* this.control.call(recordStepChangeActivity, {
      incidentId: this.input.incidentId,
      stepId: step.id,
      revision,
      at: this.now(),
      change,
      entry: { id: stepEntryId(this.entryPrefix(), step.id, revision), ...entry },
    });
  }

  /** Control events that fit nothing when they came: written down, never silently dropped. */
  private *recordStrays(): Generator<df.Task, void, unknown> {
    for (const event of this.control.takeStrays()) {
      this.notes++;
      yield* this.control.call(recordTimelineActivity, {
        incidentId: this.input.incidentId,
        entry: {
          id: runbookEntryId(this.entryPrefix(), 'ignored', this.notes),
          at: this.now(),
          type: 'operator-action-ignored',
          actor: event.actor,
          message: `${event.action}${event.stepId ? ` of step ${event.stepId}` : ''} by ${event.actor} arrived when it no longer applied and was ignored`,
        },
      });
    }
  }

  private entryPrefix(): string {
    return this.scope.entryPrefix;
  }

  private now(): string {
    return this.orchestration.now().toISOString();
  }

  private secondsFromNow(seconds: number): Date {
    return new Date(this.orchestration.now().getTime() + seconds * 1000);
  }

  private outcome(outcome: RunbookOutcome['outcome'], reason: string, actor?: string): RunbookOutcome {
    return {
      outcome,
      reason,
      ...(actor ? { actor } : {}),
      failedSteps: [...this.failedSteps],
      skippedSteps: [...this.skippedSteps],
    };
  }
}
