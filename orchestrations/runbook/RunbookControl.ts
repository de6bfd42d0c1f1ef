// The one way the runbook orchestration yields, and so how it hears operators while it works. Every call,
// timer and wait goes through here and listens for control events at the same time; what it hears waits in
// an inbox for the next point that can act on it: an abort ends the runbook at the next wait or call (at
// once when it arrives during one), a pause is kept for the next step boundary, a confirmation or decision
// is taken by the wait it is for, and the rest is kept to be written to the timeline rather than dropped.
// The controls recorded on the incident that an earlier execution did not hear come in first (`preload`);
// the event of a control it already took is a repeat and is ignored.
//
// Why every yield listens (pinned in test/unit/orchestrations/runbook/controlEventDelivery.test.ts against
// durable-functions' own replay engine): the library hands a raised event to the newest open
// waitForExternalEvent task, including one whose race is long over, and keeps it for a later wait only when
// none is open. So an event is never lost as long as every listener this class opens is read back after
// each yield (`collect`), newest first being the order events filled them in; and since a listener stays
// open from the first yield on, an event in history before a call is scheduled is always heard before it.
import type * as df from 'durable-functions';
import type { z } from 'zod';
import type { ActivityContract } from '../../shared/domain/contracts/ActivityContract';
import {
  RUNBOOK_CONTROL_EVENT,
  runbookControlEventSchema,
  type RunbookControlEvent,
} from '../../shared/domain/contracts/runbookContracts';
import { abortOf as abortOfRequest, type Abort as AbortFacts } from '../../shared/domain/incident/abort';
import type { RecordedRunbookControl } from '../../shared/domain/incident/runbookControlLog';
import { activityResult, scheduleActivity } from '../support/callActivity';
import { STORE_ACTIVITY_RETRY } from '../support/retryPolicies';

/** What of the orchestration context the control uses: the part a unit test fakes. */
export interface ControlContext {
  readonly df: Pick<
    df.OrchestrationContext['df'],
    | 'waitForExternalEvent'
    | 'createTimer'
    | 'Task'
    | 'callActivityWithRetry'
    | 'callSubOrchestrator'
    | 'currentUtcDateTime'
    | 'isReplaying'
  >;
}

export interface Abort extends AbortFacts {
  readonly kind: 'abort';
}

export type Raced<T> = { readonly kind: 'done'; readonly result: T } | Abort;

export type Confirmation =
  | { readonly kind: 'confirmed'; readonly actor: string; readonly comment?: string }
  | { readonly kind: 'timeout' }
  | Abort;

export type OperatorDecision =
  { readonly kind: 'retry' | 'skip' | 'resume'; readonly actor: string; readonly comment?: string } | Abort;

export class RunbookControl {
  /** Listeners opened and not yet read back, oldest first. */
  private listeners: df.Task[] = [];
  /** Events heard and not yet looked at by a point that acts on them, in the order they arrived. */
  private inbox: RunbookControlEvent[] = [];
  /** Whether an event may wait unheard in the library: the last yield had no listener open. */
  private deaf = false;
  /** An abort once heard: every later wait and call ends with it. */
  private abort: Abort | undefined;
  /** Events that arrived where they fit nothing (a race with the step they were for); for the timeline. */
  private strays: RunbookControlEvent[] = [];

  /** Controls of the incident's log heard above `seen` (events can arrive out of order). */
  private readonly heard: Set<number>;
  /** Every control up to this one was heard (or was for another runbook). */
  private seen: number;

  /** `pauseRequest`, `heard`: what a previous execution of the runbook handed on. */
  constructor(
    private readonly context: ControlContext,
    private pauseRequest?: RunbookControlEvent,
    heard: { readonly seen?: number; readonly above?: readonly number[] } = {},
  ) {
    this.seen = heard.seen ?? 0;
    this.heard = new Set(heard.above ?? []);
  }

  /** The orchestration's clock. */
  now(): Date {
    return this.context.df.currentUtcDateTime;
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
      const event = this.read(control);
      if (event !== undefined) this.inbox.push(event);
    }
    // Everything up to `last` is now taken; the rest of the log was for another runbook of the incident.
    if (last > this.seen) {
      this.seen = last;
      for (const seq of this.heard) if (seq <= last) this.heard.delete(seq);
    }
  }

  /** The pause an operator asked for, once: the caller pauses at the step boundary. */
  takePauseRequest(): RunbookControlEvent | undefined {
    this.sortInbox();
    const request = this.pauseRequest;
    this.pauseRequest = undefined;
    return request;
  }

  /** Events heard that fit nothing, for the timeline (everything in the inbox is sorted first). */
  takeStrays(): RunbookControlEvent[] {
    this.sortInbox();
    const strays = this.strays;
    this.strays = [];
    return strays;
  }

  /**
   * The abort heard so far, if any, after taking every event the library may have kept unseen: for step
   * boundaries, so no step starts after it.
   */
  *checkAbort(): Generator<df.Task, Abort | undefined, unknown> {
    return yield* this.heardAbort();
  }

  private aborted(): Abort | undefined {
    this.sortInbox();
    return this.abort;
  }

  /**
   * Calls a store activity and waits for it to end while listening: what is heard meanwhile waits for the
   * next point that acts on it (an abort is not a reason to leave a record half written).
   */
  *call<I extends z.ZodType, O extends z.ZodType>(
    contract: ActivityContract<I, O>,
    input: z.input<I>,
    retry: df.RetryOptions = STORE_ACTIVITY_RETRY,
  ): Generator<df.Task, z.output<O>, unknown> {
    const task = scheduleActivity(this.context, contract, input, retry);
    yield* this.awaitListening(task);
    return activityResult(contract, settled(task));
  }

  /**
   * Calls an activity unless an abort was heard, and waits for it while listening; an abort that arrives
   * meanwhile wins at once (the activity's own record still lands when it ends).
   */
  *race<I extends z.ZodType, O extends z.ZodType>(
    contract: ActivityContract<I, O>,
    input: z.input<I>,
    retry: df.RetryOptions = STORE_ACTIVITY_RETRY,
  ): Generator<df.Task, Raced<z.output<O>>, unknown> {
    const before = yield* this.heardAbort();
    if (before) {
      return before;
    }
    const task = scheduleActivity(this.context, contract, input, retry);
    yield* this.awaitListening(task, () => this.aborted() !== undefined);
    const after = this.aborted();
    if (after) {
      return after;
    }
    return { kind: 'done', result: activityResult(contract, settled(task)) };
  }

  /** A durable timer that an abort cuts short. */
  *sleepUntil(until: Date): Generator<df.Task, Abort | undefined, unknown> {
    for (;;) {
      const aborted = this.aborted();
      if (aborted) {
        return aborted;
      }
      if ((yield* this.listenUntil(until)) === 'timeout') {
        return this.aborted();
      }
    }
  }

  /** Waits for confirm-step of `stepId` until `until`. */
  *awaitConfirmation(stepId: string, until: Date): Generator<df.Task, Confirmation, unknown> {
    for (;;) {
      const taken = this.takeFirst(
        (event) => event.action === 'confirm-step' && (event.stepId ?? stepId) === stepId,
      );
      if (taken?.kind === 'abort') {
        return taken;
      }
      if (taken !== undefined) {
        return { kind: 'confirmed', actor: taken.event.actor, ...optionalComment(taken.event) };
      }
      if ((yield* this.listenUntil(until)) === 'timeout') {
        return { kind: 'timeout' };
      }
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
    this.sortInbox();
    this.pauseRequest = undefined; // the pause it was is the one being waited out
    for (;;) {
      const taken = this.takeFirst((event) => {
        if (pause.reason === 'operator') return event.action === 'resume';
        const forThisStep = (event.stepId ?? pause.stepId) === pause.stepId;
        return forThisStep && (event.action === 'retry-step' || event.action === 'skip-step');
      }, 'pause'); // a second pause while paused says nothing new
      if (taken?.kind === 'abort') {
        return taken;
      }
      if (taken !== undefined) {
        const { action } = taken.event;
        const kind = action === 'retry-step' ? 'retry' : action === 'skip-step' ? 'skip' : 'resume';
        return { kind, actor: taken.event.actor, ...optionalComment(taken.event) };
      }
      yield this.listen();
      this.deaf = false;
      this.collect();
    }
  }

  /**
   * Starts sub-orchestrations (the branches of a parallel group) while listening, and resolves with their
   * tasks once they are scheduled. They are awaited with `join`, one at a time, when each says it ended:
   * meanwhile the caller waits for events (`nextEvent`) and never races the tasks again.
   */
  *startSubOrchestrations(
    name: string,
    calls: readonly { readonly instanceId: string; readonly input: unknown }[],
  ): Generator<df.Task, df.Task[], unknown> {
    const tasks = calls.map((call) => this.context.df.callSubOrchestrator(name, call.input, call.instanceId));
    yield this.context.df.Task.any([...tasks, this.listen()]);
    this.deaf = false;
    this.collect();
    return tasks;
  }

  /** Awaits a task scheduled earlier (it cannot join another race); what is heard meanwhile is kept. */
  *join(task: df.Task): Generator<df.Task, unknown, unknown> {
    if (!isDone(task)) {
      this.deaf = !this.listeners.some((listener) => !isDone(listener));
      yield task;
      this.collect();
    }
    return settled(task);
  }

  /**
   * The next control event, whatever it is, for a caller that routes them (a parallel group): the first in
   * the inbox, else the next to arrive. An abort is also kept, so every later wait ends with it.
   */
  *nextEvent(): Generator<df.Task, RunbookControlEvent, unknown> {
    for (;;) {
      const event = this.inbox.shift();
      if (event !== undefined) {
        if (event.action === 'abort') this.abort ??= abortOf(event);
        return event;
      }
      yield this.listen();
      this.deaf = false;
      this.collect();
    }
  }

  /** Keeps an event the caller of `nextEvent` has no use for where it belongs (pause, timeline...). */
  keep(event: RunbookControlEvent): void {
    this.sort(event);
  }

  /**
   * Awaits `task` while listening. A scheduled task cannot join a second race (its action would be emitted
   * twice), so when an event wins, the task is awaited alone; with no listener open meanwhile, an event
   * would wait unseen in the library for the next one, and the control counts itself deaf until then.
   */
  private *awaitListening(
    task: df.Task,
    stopEarly: () => boolean = () => false,
  ): Generator<df.Task, void, unknown> {
    yield this.context.df.Task.any([task, this.listen()]);
    this.deaf = false; // the listener took any event that waited
    this.collect();
    if (isDone(task) || stopEarly()) {
      return;
    }
    this.deaf = !this.listeners.some((listener) => !isDone(listener));
    yield task;
    this.collect();
  }

  /**
   * Before a call that must not start after an abort: after a deaf wait, takes every event the library
   * kept meanwhile (a listener with a timer due at once), then says whether an abort was heard.
   */
  private *heardAbort(): Generator<df.Task, Abort | undefined, unknown> {
    while (this.deaf && this.aborted() === undefined) {
      if ((yield* this.listenUntil(this.context.df.currentUtcDateTime)) === 'timeout') {
        this.deaf = false;
      }
    }
    return this.aborted();
  }

  /** Listens until `until`; resolves with what ended the wait (the event is in the inbox). */
  private *listenUntil(until: Date): Generator<df.Task, 'timeout' | 'event', unknown> {
    const timer = this.context.df.createTimer(until);
    const listener = this.listen();
    const winner = yield this.context.df.Task.any([timer, listener]);
    this.deaf = false;
    this.collect();
    if (winner === timer) {
      return 'timeout';
    }
    timer.cancel(); // a live timer would keep the instance waiting after it moved on
    return 'event';
  }

  private listen(): df.Task {
    const listener = this.context.df.waitForExternalEvent(RUNBOOK_CONTROL_EVENT);
    this.listeners.push(listener);
    return listener;
  }

  /** Reads back every listener an event filled: the newest was filled first. */
  private collect(): void {
    const filled = this.listeners.filter(isDone).reverse();
    if (filled.length === 0) {
      return;
    }
    this.listeners = this.listeners.filter((listener) => !isDone(listener));
    for (const listener of filled) {
      const event = this.read(listener.result);
      if (event !== undefined) this.inbox.push(event);
    }
  }

  /**
   * Takes the first event in the inbox that `wanted` accepts, or the abort heard; the events before it go
   * where they belong (`sort`), and so do those in `dropped` actions, the rest stay for later points.
   */
  private takeFirst(
    wanted: (event: RunbookControlEvent) => boolean,
    dropped?: RunbookControlEvent['action'],
  ): { readonly kind: 'event'; readonly event: RunbookControlEvent } | Abort | undefined {
    while (this.abort === undefined) {
      const event = this.inbox.shift();
      if (event === undefined) {
        return undefined;
      }
      if (event.action !== 'abort' && wanted(event)) {
        return { kind: 'event', event };
      }
      if (event.action !== dropped) this.sort(event);
    }
    return this.abort;
  }

  private sortInbox(): void {
    for (const event of this.inbox.splice(0)) this.sort(event);
  }

  /** Where an event that no wait took belongs: the abort, the pending pause, or the timeline. */
  private sort(event: RunbookControlEvent): void {
    if (event.action === 'branch-ended') {
      return; // a branch's notice repeated (its activity ran twice) after the group took the first: no operator's
    }
    if (event.action === 'abort') {
      this.abort ??= abortOf(event);
    } else if (event.action === 'pause') {
      this.pauseRequest ??= event;
    } else if (event.action === 'resume' && this.pauseRequest !== undefined) {
      this.pauseRequest = undefined; // resumed before the pause took effect
    } else {
      this.strays.push(event);
    }
  }

  /** A control event, or undefined for anything else raised under its name and for a repeat. */
  private read(payload: unknown): RunbookControlEvent | undefined {
    const parsed = runbookControlEventSchema.safeParse(payload);
    if (!parsed.success) {
      return undefined; // not a control event at all: the actions API never raises one, nothing to record
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
}

function abortOf(event: RunbookControlEvent): Abort {
  return { kind: 'abort', ...abortOfRequest(event) };
}

function optionalComment(event: RunbookControlEvent): { comment?: string } {
  return event.comment === undefined ? {} : { comment: event.comment };
}

function isDone(task: df.Task): boolean {
  return task.isCompleted || task.isFaulted;
}

/** The task's result, or its failure rethrown (an activity whose retries are spent). */
function settled(task: df.Task): unknown {
  if (task.isFaulted) {
    throw task.result instanceof Error ? task.result : new Error(String(task.result));
  }
  return task.result;
}
