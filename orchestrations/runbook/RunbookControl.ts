// How the runbook orchestration hears operators while it works: every wait and every step call listens for
// control events, an abort ends it at once, a pause is kept for the next step boundary, and events that
// fit nothing are kept to be written to the timeline rather than dropped.
import type * as df from 'durable-functions';
import {
  RUNBOOK_CONTROL_EVENT,
  runbookControlEventSchema,
  type RunbookControlEvent,
} from '../../shared/domain/contracts/runbookContracts';

export interface Abort {
  readonly kind: 'abort';
  readonly actor: string;
  readonly reason: string;
}

export type Raced = { readonly kind: 'done'; readonly result: unknown } | Abort;

export type Confirmation =
  | { readonly kind: 'confirmed'; readonly actor: string; readonly comment?: string }
  | { readonly kind: 'timeout' }
  | Abort;

export type OperatorDecision =
  { readonly kind: 'retry' | 'skip' | 'resume'; readonly actor: string; readonly comment?: string } | Abort;

export class RunbookControl {
  /** Events that arrived where they fit nothing (a race with the step they were for); for the timeline. */
  private strays: RunbookControlEvent[] = [];
  /**
   * True after a task was awaited without listening: an event may then wait in the buffer, and the next
   * race would take it only after scheduling its task. Effectful steps settle the buffer first (and their
   * activity checks the incident for an abort request besides, for an event that lands in the same batch).
   */
  private mayHaveBuffered = false;

  /** `pauseRequest`: one a previous execution of the runbook handed on. */
  constructor(
    private readonly context: df.OrchestrationContext,
    private pauseRequest?: RunbookControlEvent,
  ) {}

  /** The pause an operator asked for, once: the caller pauses at the step boundary. */
  takePauseRequest(): RunbookControlEvent | undefined {
    const request = this.pauseRequest;
    this.pauseRequest = undefined;
    return request;
  }

  takeStrays(): RunbookControlEvent[] {
    const strays = this.strays;
    this.strays = [];
    return strays;
  }

  /** Awaits `task` while listening; an abort wins at once (the task's own record still lands when it ends). */
  *race(task: df.Task): Generator<df.Task, Raced, unknown> {
    const wait = this.context.df.waitForExternalEvent(RUNBOOK_CONTROL_EVENT);
    const winner = yield this.context.df.Task.any([task, wait]);
    if (winner === task) {
      return { kind: 'done', result: settled(task) };
    }
    const event = parse(wait.result);
    if (event?.action === 'abort') {
      return abortOf(event);
    }
    this.keep(event);
    // A scheduled task cannot join a second race; await it alone and settle the buffer afterwards.
    this.mayHaveBuffered = true;
    yield task;
    return { kind: 'done', result: settled(task) };
  }

  /** Says a task was awaited without listening for control events. */
  heardNothing(): void {
    this.mayHaveBuffered = true;
  }

  /** Takes any buffered events before an effectful call, so none arrives after it was scheduled. */
  *settle(): Generator<df.Task, Abort | undefined, unknown> {
    return this.mayHaveBuffered ? yield* this.drain() : undefined;
  }

  /** Takes every event waiting in the buffer, whether or not one may be there. */
  *drain(): Generator<df.Task, Abort | undefined, unknown> {
    this.mayHaveBuffered = false;
    return yield* this.sleepUntil(this.context.df.currentUtcDateTime);
  }

  /** Whether events for the timeline are kept, waiting to be written. */
  hasStrays(): boolean {
    return this.strays.length > 0;
  }

  /** A durable timer that an abort cuts short. */
  *sleepUntil(until: Date): Generator<df.Task, Abort | undefined, unknown> {
    for (;;) {
      const event = yield* this.next(until);
      if (event === 'timeout') {
        return undefined;
      }
      if (event?.action === 'abort') {
        return abortOf(event);
      }
      this.keep(event);
    }
  }

  /** Waits for confirm-step of `stepId` until `until`. */
  *awaitConfirmation(stepId: string, until: Date): Generator<df.Task, Confirmation, unknown> {
    for (;;) {
      const event = yield* this.next(until);
      if (event === 'timeout') {
        return { kind: 'timeout' };
      }
      if (event?.action === 'abort') {
        return abortOf(event);
      }
      if (event?.action === 'confirm-step' && (event.stepId ?? stepId) === stepId) {
        return { kind: 'confirmed', actor: event.actor, ...optionalComment(event) };
      }
      this.keep(event);
    }
  }

  /**
   * Waits, without a deadline, for what an operator decides about a pause: retry-step or skip-step of
   * the failed step, or resume after an operator's pause; abort in both cases.
   */
  *awaitOperator(pause: {
    reason: 'step-failed' | 'operator';
    stepId?: string;
  }): Generator<df.Task, OperatorDecision, unknown> {
    this.pauseRequest = undefined;
    for (;;) {
      const event = parse(yield this.context.df.waitForExternalEvent(RUNBOOK_CONTROL_EVENT));
      if (event?.action === 'abort') {
        return abortOf(event);
      }
      const forThisStep = (event?.stepId ?? pause.stepId) === pause.stepId;
      if (pause.reason === 'step-failed' && forThisStep) {
        if (event?.action === 'retry-step')
          return { kind: 'retry', actor: event.actor, ...optionalComment(event) };
        if (event?.action === 'skip-step')
          return { kind: 'skip', actor: event.actor, ...optionalComment(event) };
      }
      if (pause.reason === 'operator' && event?.action === 'resume') {
        return { kind: 'resume', actor: event.actor, ...optionalComment(event) };
      }
      if (event?.action !== 'pause') {
        this.keep(event); // a second pause while paused says nothing new
      }
    }
  }

  private *next(until: Date): Generator<df.Task, RunbookControlEvent | undefined | 'timeout', unknown> {
    const timer = this.context.df.createTimer(until);
    const wait = this.context.df.waitForExternalEvent(RUNBOOK_CONTROL_EVENT);
    const winner = yield this.context.df.Task.any([timer, wait]);
    if (winner === timer) {
      return 'timeout';
    }
    timer.cancel();
    return parse(wait.result);
  }

  private keep(event: RunbookControlEvent | undefined): void {
    if (event === undefined) {
      return; // not a control event at all: the actions API never raises one, nothing to record
    }
    if (event.action === 'pause') {
      this.pauseRequest ??= event;
    } else if (event.action === 'resume' && this.pauseRequest !== undefined) {
      this.pauseRequest = undefined; // resumed before the pause took effect
    } else {
      this.strays.push(event);
    }
  }
}

function parse(payload: unknown): RunbookControlEvent | undefined {
  const parsed = runbookControlEventSchema.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}

function abortOf(event: RunbookControlEvent): Abort {
  return { kind: 'abort', actor: event.actor, reason: event.comment ?? 'aborted by an operator' };
}

function optionalComment(event: RunbookControlEvent): { comment?: string } {
  return event.comment === undefined ? {} : { comment: event.comment };
}

/** The task's result, or its failure rethrown (an activity whose retries are spent). */
function settled(task: df.Task): unknown {
  if (task.isFaulted) {
    throw task.result instanceof Error ? task.result : new Error(String(task.result));
  }
  return task.result;
}
