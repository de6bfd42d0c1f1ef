// A typed fake of the part of the orchestration context RunbookControl uses, with the delivery rules of
// durable-functions' replay engine that the control depends on (pinned against the library itself in
// controlEventDelivery.test.ts): a task is scheduled when it is yielded, a raised event goes to the newest
// open listener (also one whose race is over) or, with none open, waits for the next listener yielded,
// and Task.any resolves with the first child to end. The test drives it: raise events, end activities,
// fire timers; the generator under test runs until it waits again.
import type * as df from 'durable-functions';
import type { ControlContext } from '../../../../orchestrations/runbook/RunbookControl';

type Kind = 'activity' | 'timer' | 'listener' | 'any';

class FakeTask implements df.Task {
  isCompleted = false;
  isFaulted = false;
  result: unknown;
  parent: FakeTask | undefined;
  yielded = false;

  constructor(
    readonly kind: Kind,
    readonly name: string,
    readonly input?: unknown,
    readonly children: readonly FakeTask[] = [],
  ) {
    for (const child of children) child.parent = this;
  }

  get done(): boolean {
    return this.isCompleted || this.isFaulted;
  }

  end(result: unknown, failed = false): void {
    if (this.done) throw new Error(`${this.kind} ${this.name} ended twice`);
    this.result = result;
    if (failed) this.isFaulted = true;
    else this.isCompleted = true;
    if (this.parent && !this.parent.done) this.parent.end(this);
  }
}

class FakeTimer extends FakeTask implements df.TimerTask {
  isCanceled = false;
  constructor(readonly fireAt: Date) {
    super('timer', fireAt.toISOString());
  }
  cancel(): void {
    this.isCanceled = true;
  }
}

export class FakeControlContext implements ControlContext {
  private clock = new Date('2026-11-22T03:00:00.000Z');
  /** Every task yielded, in order: what the orchestration scheduled. */
  readonly scheduled: FakeTask[] = [];
  private readonly openListeners: FakeTask[] = [];
  private readonly deferred: unknown[] = [];
  private generator: Generator<df.Task, unknown, unknown> | undefined;
  private current: FakeTask | undefined;
  /** What the generator returned, once it did. */
  returned: { value: unknown } | undefined;

  readonly df: ControlContext['df'] = {
    isReplaying: false,
    // A getter, as the library's clock moves on with every episode.
    currentUtcDateTime: this.clock,
    waitForExternalEvent: (name: string) => new FakeTask('listener', name),
    createTimer: (fireAt: Date) => new FakeTimer(fireAt),
    callActivityWithRetry: (name: string, _retry: df.RetryOptions, input?: unknown) =>
      new FakeTask('activity', name, input),
    // A sub-orchestration is driven like an activity: the test ends it with `complete`.
    callSubOrchestrator: (name: string, input?: unknown) => new FakeTask('activity', name, input),
    Task: {
      any: (tasks: df.Task[]) => new FakeTask('any', 'any', undefined, tasks as FakeTask[]),
      all: () => {
        throw new Error('RunbookControl does not use Task.all');
      },
    },
  };

  constructor() {
    Object.defineProperty(this.df, 'currentUtcDateTime', { get: () => this.clock });
  }

  /** Runs `generator` until it first waits. */
  start(generator: Generator<df.Task, unknown, unknown>): this {
    this.generator = generator;
    this.returned = undefined;
    this.resume(generator.next());
    return this;
  }

  /** Raises a control event as the actions API would. */
  raise(payload: unknown): this {
    const listener = this.openListeners.pop();
    if (listener === undefined) {
      this.deferred.push(payload);
      return this;
    }
    listener.end(payload);
    this.continue();
    return this;
  }

  /** Ends the oldest scheduled, unfinished activity named `name`. */
  complete(name: string, result: unknown): this {
    const task = this.scheduled.find((t) => t.kind === 'activity' && t.name === name && !t.done);
    if (task === undefined) throw new Error(`No activity ${name} is running`);
    task.end(result);
    this.continue();
    return this;
  }

  /** Fires the earliest live timer, moving the clock to it. */
  fireTimer(): this {
    const timers = this.scheduled
      .filter((t): t is FakeTimer => t instanceof FakeTimer && !t.done && !t.isCanceled)
      .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
    const timer = timers[0];
    if (timer === undefined) throw new Error('No live timer');
    if (timer.fireAt > this.clock) this.clock = timer.fireAt;
    timer.end(undefined);
    this.continue();
    return this;
  }

  activities(name?: string): FakeTask[] {
    return this.scheduled.filter((t) => t.kind === 'activity' && (name === undefined || t.name === name));
  }

  liveTimers(): FakeTimer[] {
    return this.scheduled.filter((t): t is FakeTimer => t instanceof FakeTimer && !t.done && !t.isCanceled);
  }

  /** What the generator waits for now: the kinds of the task it yielded (an any's children). */
  waitingOn(): Kind[] {
    const current = this.current;
    if (current === undefined || this.returned) return [];
    return current.kind === 'any' ? current.children.map((c) => c.kind) : [current.kind];
  }

  private continue(): void {
    const current = this.current;
    if (current?.done && this.generator && !this.returned) {
      this.resume(
        current.isFaulted ? this.generator.throw(current.result) : this.generator.next(current.result),
      );
    }
  }

  private resume(step: IteratorResult<df.Task, unknown>): void {
    if (step.done) {
      this.returned = { value: step.value };
      this.current = undefined;
      return;
    }
    const task = step.value as FakeTask;
    this.current = task;
    this.track(task);
    this.continue();
  }

  private track(task: FakeTask): void {
    if (task.kind === 'any') {
      for (const child of task.children) this.track(child);
      return;
    }
    if (task.yielded || task.done) return;
    task.yielded = true;
    this.scheduled.push(task);
    if (task.kind === 'listener') {
      const payload = this.deferred.shift();
      if (payload !== undefined) task.end(payload);
      else this.openListeners.push(task);
    }
  }
}
