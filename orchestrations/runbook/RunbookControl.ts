// How the runbook orchestration hears operators while it works: every wait and every step call listens for
// control events, an abort ends it at once, a pause is kept for the next step boundary, and events that
// fit nothing are kept to be written to the timeline rather than dropped. The controls recorded on the
// incident that an earlier execution did not hear come in first (`preload`); the event of a control it
// already took is a repeat and is ignored.
import type * as df from 'durable-functions';
import {
  RUNBOOK_CONTROL_EVENT,
  runbookControlEventSchema,
  type RunbookControlEvent,
} from '../../shared/domain/contracts/runbookContracts';
import { abortOf as abortOfRequest, type Abort as AbortFacts } from '../../shared/domain/incident/abort';
import type { RecordedRunbookControl } from '../../shared/domain/incident/runbookControlLog';

export interface Abort extends AbortFacts {
  readonly kind: 'abort';
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

  /** Controls of the incident's log heard above `seen` (events can arrive out of order). */
  private readonly heard: Set<number>;
  /** Every control up to this one was heard (or was for another runbook). */
  private seen: number;

  /** `pauseRequest`, `heard`: what a previous execution of the runbook handed on. */
  constructor(
    private readonly context: df.OrchestrationContext,
    private pauseRequest?: RunbookControlEvent,
    heard: { readonly seen?: number; readonly above?: readonly number[] } = {},
  ) {
    this.seen = heard.seen ?? 0;
    this.heard = new Set(heard.above ?? []);
  }

  /** What was heard of the incident's control log, for the next execution. */
  heardSoFar(): { readonly seen: number; readonly above: number[] } {
    return { seen: this.seen, above: [...this.heard].sort((a, b) => a - b) };
  }

  /**
   * Takes the controls recorded on the incident (after the ones heard, up to the log's `last`) that no
   * execution heard, because their events were lost at a hand-over or are still on their way, as if they
   * had just arrived. An abort is not among them: it is recorded on the incident itself (abortRequested).
   */
  preload(controls: readonly RecordedRunbookControl[], last: number): void {
    for (const { purpose: _purpose, ...control } of controls) {
      this.keep(this.read(control));
    }
    // Everything up to `last` is now taken; the rest of the log was for another runbook of the incident.
    if (last > this.seen) {
      this.seen = last;
      for (const seq of this.heard) if (seq <= last) this.heard.delete(seq);
    }
  }

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
    const event = this.read(wait.result);
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
      const event = this.read(yield this.context.df.waitForExternalEvent(RUNBOOK_CONTROL_EVENT));
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
    return this.read(wait.result);
  }

  /** A control event, or undefined for anything else raised under its name and for a repeat. */
  private read(payload: unknown): RunbookControlEvent | undefined {
    const parsed = runbookControlEventSchema.safeParse(payload);
    if (!parsed.success) {
      return undefined;
    }
    const { seq } = parsed.data;
    if (seq !== undefined) {
      if (seq <= this.seen || this.heard.has(seq)) {
        return undefined; // taken already, from the incident's control log or an earlier delivery
      }
      this.heard.add(seq);
      while (this.heard.delete(this.seen + 1)) this.seen++;
    }
    return parsed.data;
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

function abortOf(event: RunbookControlEvent): Abort {
  return { kind: 'abort', ...abortOfRequest(event) };
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
