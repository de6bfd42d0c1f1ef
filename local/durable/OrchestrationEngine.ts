// Runs orchestrations through durable-functions' own replay engine: each episode feeds the registered
// orchestrator handler its history plus new events, then turns the actions it returns into durable work
// (activities, timers, sub-orchestrations) committed in one transaction with the new history.
import { randomUUID } from 'node:crypto';
import type { RpcInvocationResponse } from '../functionsCore/functionsCoreModule';
import type { FunctionCatalog, RegisteredFunction } from '../host/FunctionCatalog';
import type { InvocationRequest } from '../host/invokeRegisteredFunction';
import { fromTypedData } from '../host/typedData';
import { traceContextFromExecutionStarted, type RpcTraceContext } from '../host/traceContext';
import type { Clock } from '../clock/Clock';
import {
  type DurableStore,
  isTerminal,
  type InstanceRecord,
  type RuntimeStatus,
  type WorkItem,
} from './DurableStore';
import { EventType, historyEvent, toJsonText, type HistoryEvent } from './historyEvents';
import { emptyInstanceState, type InstanceState, type RetryGroup } from './InstanceState';
import {
  ActionType,
  decodeActionInput,
  describeSignature,
  flattenActions,
  sameSignature,
  signatureOf,
  type OrchestratorAction,
} from './orchestratorActions';
import { nextRetryDelayMs } from './retryBackoff';

export type InvokeFunction = (
  fn: RegisteredFunction,
  request: InvocationRequest,
) => Promise<RpcInvocationResponse>;

export type OverridableStates = 'NonRunningStates' | 'AnyState';

export interface EngineOptions {
  readonly overridableExistingInstanceStates: OverridableStates;
  /** Test mode: replay every episode twice and fail the instance if the two runs disagree. */
  readonly replayEveryEpisodeTwice: boolean;
  readonly maxEventsPerEpisode: number;
}

export interface EngineLog {
  info(message: string, ids: Record<string, unknown>): void;
  warn(message: string, ids: Record<string, unknown>): void;
}

export class InstanceConflictError extends Error {
  override readonly name = 'InstanceConflictError';
}

export class UnknownOrchestratorError extends Error {
  override readonly name = 'UnknownOrchestratorError';
}

export type ManagementOutcome = 'accepted' | 'gone' | 'not-found';

interface OrchestratorStateWire {
  isDone: boolean;
  actions: OrchestratorAction[][];
  output?: unknown;
  error?: string;
  customStatus?: unknown;
}

type EpisodeOutcome =
  { kind: 'ran'; state: OrchestratorStateWire } | { kind: 'failed'; reason: string; details: string };

/** Effects of one episode, committed together. */
interface EpisodeEffects {
  history: HistoryEvent[];
  timers: { timerId: number; fireAt: number }[];
  cancelledTimers: number[];
  work: Omit<WorkItem, 'id'>[];
  children: { instanceId: string; name: string; input: unknown; taskId: number }[];
  selfEvents: HistoryEvent[];
}

const outOfProcDataLabel = '$OutOfProcData$:';
/** ReplaySchema.V2: the handler returns every action since the start on every episode. */
const replaySchemaVersion = 1;

export class OrchestrationEngine {
  constructor(
    private readonly store: DurableStore,
    private readonly catalog: FunctionCatalog,
    private readonly clock: Clock,
    private readonly invoke: InvokeFunction,
    private readonly options: EngineOptions,
    private readonly log: EngineLog,
  ) {}

  // ---- management -------------------------------------------------------------------------------------

  /** `trace`: the starter's trace context (the durable client sends its caller's traceparent). */
  startNew(name: string, instanceId: string | undefined, input: unknown, trace?: RpcTraceContext): string {
    const orchestrator = this.catalog.orchestrator(name);
    if (!orchestrator) {
      throw new UnknownOrchestratorError(`No orchestrator function named "${name}" is registered.`);
    }
    const id = instanceId ?? randomUUID().replace(/-/g, '');
    this.store.transaction(() => {
      const existing = this.store.getInstance(id);
      if (existing && !isTerminal(existing.runtimeStatus)) {
        if (this.options.overridableExistingInstanceStates === 'NonRunningStates') {
          throw new InstanceConflictError(
            `An orchestration instance with the ID "${id}" already exists with status ${existing.runtimeStatus}.`,
          );
        }
      }
      if (existing) {
        this.store.deleteInstance(id);
      }
      this.createInstance(id, orchestrator.name, input, undefined, trace);
    });
    this.log.info('Orchestration scheduled', { instanceId: id, orchestrator: orchestrator.name });
    return id;
  }

  raiseEvent(instanceId: string, eventName: string, data: unknown): ManagementOutcome {
    return this.onLiveInstance(instanceId, (instance) => {
      this.store.enqueueEvent(
        instanceId,
        instance.executionId,
        historyEvent.eventRaised(this.clock.now(), eventName, data),
      );
    });
  }

  terminate(instanceId: string, reason: string): ManagementOutcome {
    return this.onLiveInstance(instanceId, (instance) => {
      const now = this.clock.now();
      this.store.deleteInstanceWork(instanceId);
      this.store.deleteInboxEntries(this.store.inbox(instanceId, instance.executionId).map((e) => e.id));
      this.store.appendHistory(instanceId, [historyEvent.executionTerminated(now, reason)]);
      this.store.putInstance({
        ...instance,
        runtimeStatus: 'Terminated',
        output: toJsonText(reason),
        lastUpdatedAt: now,
      });
      this.notifyParentOfFailure(instance, `Orchestration "${instanceId}" was terminated: ${reason}`, reason);
    });
  }

  suspend(instanceId: string, reason: string): ManagementOutcome {
    return this.setSuspended(instanceId, reason, true);
  }

  resume(instanceId: string, reason: string): ManagementOutcome {
    return this.setSuspended(instanceId, reason, false);
  }

  purge(instanceId: string): boolean {
    return this.store.transaction(() => this.store.deleteInstance(instanceId));
  }

  // ---- work delivery ----------------------------------------------------------------------------------

  /** Records an activity's outcome for its orchestration; outcomes for finished or replaced executions are dropped. */
  completeWorkItem(
    item: WorkItem,
    outcome: { ok: true; result: unknown } | { ok: false; reason: string; details: string },
  ): void {
    this.store.progressTransaction(() => {
      if (!this.store.deleteWorkItem(item.id)) {
        return;
      }
      const instance = this.store.getInstance(item.instanceId);
      if (!instance || instance.executionId !== item.executionId || isTerminal(instance.runtimeStatus)) {
        this.log.warn('Activity result dropped: its orchestration is gone', {
          instanceId: item.instanceId,
          activity: item.name,
        });
        return;
      }
      const now = this.clock.now();
      const event = outcome.ok
        ? historyEvent.taskCompleted(now, item.taskId, outcome.result)
        : historyEvent.taskFailed(now, item.taskId, outcome.reason, outcome.details);
      this.store.enqueueEvent(item.instanceId, item.executionId, event);
    });
  }

  /** Moves due timers into their instances' inboxes; returns how many fired. */
  fireDueTimers(): number {
    const now = this.clock.now();
    const due = this.store.dueTimers(now);
    for (const timer of due) {
      this.store.progressTransaction(() => {
        this.store.deleteTimer(timer.instanceId, timer.executionId, timer.timerId);
        const instance = this.store.getInstance(timer.instanceId);
        if (!instance || instance.executionId !== timer.executionId || isTerminal(instance.runtimeStatus)) {
          return;
        }
        this.store.enqueueEvent(
          timer.instanceId,
          timer.executionId,
          historyEvent.timerFired(now, timer.timerId, new Date(timer.fireAt).toISOString()),
        );
      });
    }
    return due.length;
  }

  // ---- episodes ---------------------------------------------------------------------------------------

  /** Runs one episode for the instance if it has new events; returns whether it did. */
  async runEpisode(instanceId: string): Promise<boolean> {
    const instance = this.store.getInstance(instanceId);
    if (!instance || (instance.runtimeStatus !== 'Pending' && instance.runtimeStatus !== 'Running')) {
      return false;
    }
    const inbox = this.store.inbox(instanceId, instance.executionId);
    if (inbox.length === 0) {
      return false;
    }
    const state = structuredClone(instance.state);
    const batch = this.selectBatch(inbox, state);
    const now = this.clock.now();
    const effects: EpisodeEffects = {
      history: [],
      timers: [],
      cancelledTimers: [],
      work: [],
      children: [],
      selfEvents: [],
    };

    // Retry bookkeeping happens before user code runs, in the order the library hands out hidden task ids.
    const [first] = batch;
    if (first) {
      this.advanceRetry(first.event, state, effects, instance, now);
    }
    forgetSettledRetries(batch, state);

    const played = this.store.getHistory(instanceId).map((e) => ({ ...e, IsPlayed: true }));
    // A batch that ends in continue-as-new is consumed whole: the events after the one on which the
    // orchestrator continued are dropped, as the Durable extension does for out-of-process orchestrators (it
    // continues as new without preserving unprocessed events). Events that arrive later reach the next one.
    const outcome = await this.replay(instance, played, now, batch);
    let failure: { reason: string; details: string } | undefined;
    let completion: { output: unknown } | { continueAsNew: unknown } | undefined;
    let customStatus = instance.customStatus;
    if (outcome.kind === 'failed') {
      failure = outcome;
    } else {
      customStatus = outcome.state.customStatus === undefined ? null : toJsonText(outcome.state.customStatus);
      const actions = flattenActions(outcome.state.actions.flat());
      failure = this.applyActions(actions, state, effects, instance, now, outcome.state.isDone);
      if (!failure && outcome.state.isDone) {
        const continueAsNew = actions.find((a) => a.actionType === ActionType.ContinueAsNew);
        completion = continueAsNew
          ? { continueAsNew: decodeActionInput(continueAsNew) }
          : { output: outcome.state.output };
      }
    }

    this.store.progressTransaction(() => {
      const current = this.store.getInstance(instanceId);
      if (!current || current.executionId !== instance.executionId || isTerminal(current.runtimeStatus)) {
        return; // terminated or purged while the episode ran
      }
      // A suspension requested while the episode ran is kept: the episode's effects still commit.
      const status: RuntimeStatus = current.runtimeStatus === 'Suspended' ? 'Suspended' : 'Running';
      this.store.deleteInboxEntries(batch.map((b) => b.id));
      if (completion && 'continueAsNew' in completion) {
        this.continueAsNew(current, completion.continueAsNew, now);
        return;
      }
      const closing: HistoryEvent[] = [];
      let next: InstanceRecord = {
        ...current,
        state,
        customStatus,
        lastUpdatedAt: now,
        runtimeStatus: status,
      };
      if (failure) {
        const output = `Orchestrator function '${instance.name}' failed: ${failure.reason}`;
        closing.push(historyEvent.executionCompleted(now, 'Failed', output));
        next = { ...next, runtimeStatus: 'Failed', output: toJsonText(output) };
        this.log.warn('Orchestration failed', { instanceId, reason: failure.reason });
      } else if (completion) {
        closing.push(historyEvent.executionCompleted(now, 'Completed', completion.output));
        next = { ...next, runtimeStatus: 'Completed', output: toJsonText(completion.output) };
      }
      this.store.appendHistory(instanceId, [
        historyEvent.orchestratorStarted(now),
        ...batch.map((b) => b.event),
        ...effects.history,
        historyEvent.orchestratorCompleted(now),
        ...closing,
      ]);
      this.store.putInstance(next);
      if (isTerminal(next.runtimeStatus)) {
        this.store.deleteInstanceWork(instanceId);
        if (failure) {
          this.notifyParentOfFailure(
            instance,
            `Orchestrator function '${instance.name}' failed: ${failure.reason}`,
            failure.details,
          );
        } else if (completion && 'output' in completion) {
          this.notifyParent(instance, (at, taskId) =>
            historyEvent.subOrchestrationCompleted(at, taskId, completion.output),
          );
        }
        return;
      }
      for (const timerId of effects.cancelledTimers) {
        this.store.deleteTimer(instanceId, instance.executionId, timerId);
      }
      for (const timer of effects.timers) {
        this.store.addTimer({ instanceId, executionId: instance.executionId, ...timer });
      }
      for (const item of effects.work) {
        this.store.addWorkItem(item);
      }
      for (const event of effects.selfEvents) {
        this.store.enqueueEvent(instanceId, instance.executionId, event);
      }
      for (const child of effects.children) {
        this.startChild(instance, child, now);
      }
    });
    return true;
  }

  /** Feeds the orchestrator its played history and the batch (twice in test mode, which must agree). */
  private async replay(
    instance: InstanceRecord,
    played: readonly HistoryEvent[],
    now: number,
    batch: readonly { event: HistoryEvent }[],
  ): Promise<EpisodeOutcome> {
    const history = [...played, historyEvent.orchestratorStarted(now), ...batch.map((b) => b.event)];
    const outcome = await this.invokeOrchestrator(instance, history);
    if (!this.options.replayEveryEpisodeTwice) {
      return outcome;
    }
    const mismatch = compareOutcomes(outcome, await this.invokeOrchestrator(instance, history));
    return mismatch
      ? {
          kind: 'failed',
          reason: `Non-deterministic orchestrator: two replays of the same history disagreed (${mismatch}).`,
          details: '',
        }
      : outcome;
  }

  /**
   * A retry-related event (a failed attempt, or its backoff timer) goes first in its own episode: the library
   * hands out a hidden task id while processing it, before any user code resumes, and so does the host.
   */
  private selectBatch(inbox: readonly { id: number; event: HistoryEvent }[], state: InstanceState) {
    const isRetryEvent = (e: HistoryEvent) => retryGroupOf(e, state) !== undefined;
    const batch: { id: number; event: HistoryEvent }[] = [];
    for (const entry of inbox) {
      if (
        batch.length >= this.options.maxEventsPerEpisode ||
        (batch.length > 0 && isRetryEvent(entry.event))
      ) {
        break;
      }
      batch.push(entry);
    }
    return batch;
  }

  private advanceRetry(
    event: HistoryEvent,
    state: InstanceState,
    effects: EpisodeEffects,
    instance: InstanceRecord,
    now: number,
  ): void {
    const found = retryGroupOf(event, state);
    if (!found) {
      return;
    }
    const { key, group, kind } = found;
    if (kind === 'attempt-failed') {
      group.lastFailure = {
        reason: typeof event.Reason === 'string' ? event.Reason : '',
        details: typeof event.Details === 'string' ? event.Details : '',
      };
      let delay = group.exhausted
        ? 0
        : nextRetryDelayMs(group.options, group.attempt, group.firstAttemptAt, now);
      if (delay === undefined) {
        // Out of attempts or past the retry timeout: the backoff timer fires at once; if the library still
        // has attempts left they fail immediately (see below), so the task fails with the last real error.
        group.exhausted = group.attempt < group.options.maxNumberOfAttempts;
        delay = 0;
      }
      const timerId = state.nextSequence++;
      state.tasks[timerId] = { kind: 'timer', retryGroup: Number(key) };
      group.backoffTimerId = timerId;
      const fireAt = now + delay;
      effects.timers.push({ timerId, fireAt });
      effects.history.push(historyEvent.timerCreated(now, timerId, new Date(fireAt).toISOString()));
      return;
    }
    if (group.attempt >= group.options.maxNumberOfAttempts) {
      return; // the library now fails the task with the last attempt's error
    }
    const taskId = state.nextSequence++;
    group.attempt += 1;
    group.attemptTaskId = taskId;
    if (group.kind === 'activity') {
      state.tasks[taskId] = { kind: 'activity', name: group.name, retryGroup: Number(key) };
    } else {
      state.tasks[taskId] = {
        kind: 'subOrchestration',
        name: group.name,
        childInstanceId: group.childInstanceId ?? `${instance.instanceId}:${taskId}`,
        retryGroup: Number(key),
      };
    }
    if (group.exhausted) {
      const failure = group.lastFailure ?? { reason: 'Retry timeout exceeded', details: '' };
      effects.selfEvents.push(
        group.kind === 'activity'
          ? historyEvent.taskFailed(now, taskId, failure.reason, failure.details)
          : historyEvent.subOrchestrationFailed(now, taskId, failure.reason, failure.details),
      );
      return;
    }
    this.scheduleTask(
      group.kind,
      group.name,
      group.input,
      taskId,
      group.attempt,
      group.childInstanceId,
      effects,
      instance,
      now,
    );
  }

  private scheduleTask(
    kind: 'activity' | 'subOrchestration',
    name: string,
    input: unknown,
    taskId: number,
    attempt: number,
    childInstanceId: string | undefined,
    effects: EpisodeEffects,
    instance: InstanceRecord,
    now: number,
  ): void {
    if (kind === 'activity') {
      effects.work.push({
        instanceId: instance.instanceId,
        executionId: instance.executionId,
        taskId,
        name,
        input,
        attempt,
      });
      effects.history.push(historyEvent.taskScheduled(now, taskId, name, input));
    } else {
      const childId = childInstanceId ?? `${instance.instanceId}:${taskId}`;
      effects.children.push({ instanceId: childId, name, input, taskId });
      effects.history.push(historyEvent.subOrchestrationCreated(now, taskId, name, childId, input));
    }
  }

  /** Matches the returned actions against those already scheduled and schedules the new ones. */
  private applyActions(
    actions: readonly OrchestratorAction[],
    state: InstanceState,
    effects: EpisodeEffects,
    instance: InstanceRecord,
    now: number,
    isDone: boolean,
  ): { reason: string; details: string } | undefined {
    const known = state.actions;
    for (let i = 0; i < Math.min(known.length, actions.length); i++) {
      const before = known[i];
      const action = actions[i];
      if (!before || !action) {
        continue;
      }
      const now_ = signatureOf(action);
      if (!sameSignature(before, now_)) {
        return nonDeterminism(i, describeSignature(before), describeSignature(now_));
      }
      if (
        action.actionType === ActionType.CreateTimer &&
        action.isCanceled === true &&
        before.taskId !== undefined &&
        !state.cancelledTimers.includes(before.taskId)
      ) {
        state.cancelledTimers.push(before.taskId);
        effects.cancelledTimers.push(before.taskId);
      }
    }
    if (actions.length < known.length && !isDone) {
      const missing = known[actions.length];
      return nonDeterminism(actions.length, missing ? describeSignature(missing) : 'an action', 'nothing');
    }
    for (let i = known.length; i < actions.length; i++) {
      const action = actions[i];
      if (!action) {
        continue;
      }
      const signature = signatureOf(action);
      switch (action.actionType) {
        case ActionType.CallActivity:
        case ActionType.CallActivityWithRetry: {
          const name = action.functionName ?? '';
          if (!this.catalog.activity(name)) {
            return {
              reason: `The orchestrator called activity "${name}", which is not registered.`,
              details: '',
            };
          }
          const taskId = state.nextSequence++;
          const input = decodeActionInput(action);
          if (action.actionType === ActionType.CallActivityWithRetry && action.retryOptions) {
            state.retryGroups[taskId] = newRetryGroup('activity', name, input, action, taskId, now);
            state.tasks[taskId] = { kind: 'activity', name, retryGroup: taskId };
          } else {
            state.tasks[taskId] = { kind: 'activity', name };
          }
          this.scheduleTask('activity', name, input, taskId, 1, undefined, effects, instance, now);
          known.push({ ...signature, taskId });
          break;
        }
        case ActionType.CallSubOrchestrator:
        case ActionType.CallSubOrchestratorWithRetry: {
          const name = action.functionName ?? '';
          if (!this.catalog.orchestrator(name)) {
            return {
              reason: `The orchestrator called sub-orchestrator "${name}", which is not registered.`,
              details: '',
            };
          }
          const taskId = state.nextSequence++;
          const childInstanceId = action.instanceId || `${instance.instanceId}:${taskId}`;
          const input = decodeActionInput(action);
          if (action.actionType === ActionType.CallSubOrchestratorWithRetry && action.retryOptions) {
            state.retryGroups[taskId] = {
              ...newRetryGroup('subOrchestration', name, input, action, taskId, now),
              childInstanceId,
            };
            state.tasks[taskId] = { kind: 'subOrchestration', name, childInstanceId, retryGroup: taskId };
          } else {
            state.tasks[taskId] = { kind: 'subOrchestration', name, childInstanceId };
          }
          this.scheduleTask(
            'subOrchestration',
            name,
            input,
            taskId,
            1,
            childInstanceId,
            effects,
            instance,
            now,
          );
          known.push({ ...signature, taskId });
          break;
        }
        case ActionType.CreateTimer: {
          const taskId = state.nextSequence++;
          state.tasks[taskId] = { kind: 'timer' };
          const fireAt = Date.parse(action.fireAt ?? '');
          if (Number.isNaN(fireAt)) {
            return {
              reason: `A timer action carried an invalid fireAt "${String(action.fireAt)}".`,
              details: '',
            };
          }
          if (action.isCanceled === true) {
            state.cancelledTimers.push(taskId);
          } else {
            effects.timers.push({ timerId: taskId, fireAt });
          }
          effects.history.push(historyEvent.timerCreated(now, taskId, new Date(fireAt).toISOString()));
          known.push({ ...signature, taskId });
          break;
        }
        case ActionType.WaitForExternalEvent:
        case ActionType.ContinueAsNew:
          known.push(signature);
          break;
        default:
          return {
            reason: `The orchestrator used ${describeSignature(signature)}, which the local runtime does not support (entities and durable HTTP are not available locally).`,
            details: '',
          };
      }
    }
    return undefined;
  }

  private async invokeOrchestrator(
    instance: InstanceRecord,
    history: HistoryEvent[],
  ): Promise<EpisodeOutcome> {
    const orchestrator = this.catalog.orchestrator(instance.name);
    if (!orchestrator) {
      return {
        kind: 'failed',
        reason: `No orchestrator function named "${instance.name}" is registered.`,
        details: '',
      };
    }
    const triggerInput = {
      history,
      input: JSON.parse(instance.input) as unknown,
      instanceId: instance.instanceId,
      isReplaying: false,
      parentInstanceId: instance.parent?.instanceId ?? '',
      upperSchemaVersion: replaySchemaVersion,
      upperSchemaVersionNew: replaySchemaVersion,
      longRunningTimerIntervalDuration: '3.00:00:00',
      maximumShortTimerDuration: '6.00:00:00',
      defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
    };
    try {
      const trace = traceContextFromExecutionStarted(
        history.find((e) => e.EventType === EventType.ExecutionStarted),
      );
      const response = await this.invoke(orchestrator, {
        inputData: [{ name: orchestrator.triggerName, data: { json: JSON.stringify(triggerInput) } }],
        ...(trace ? { traceContext: trace } : {}),
      });
      const state = fromTypedData(response.returnValue) as OrchestratorStateWire | undefined;
      if (!state || !Array.isArray(state.actions)) {
        return {
          kind: 'failed',
          reason: 'The orchestrator handler returned no orchestration state.',
          details: '',
        };
      }
      return { kind: 'ran', state };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const at = message.indexOf(outOfProcDataLabel);
      if (at >= 0) {
        const state = JSON.parse(message.slice(at + outOfProcDataLabel.length)) as OrchestratorStateWire;
        return {
          kind: 'failed',
          reason: state.error ?? message.slice(0, at).trim(),
          details: err instanceof Error ? (err.stack ?? '') : '',
        };
      }
      return { kind: 'failed', reason: message, details: err instanceof Error ? (err.stack ?? '') : '' };
    }
  }

  // ---- instance lifecycle helpers ---------------------------------------------------------------------

  private createInstance(
    instanceId: string,
    name: string,
    input: unknown,
    parent?: InstanceRecord['parent'],
    trace?: RpcTraceContext,
  ): void {
    const now = this.clock.now();
    const executionId = randomUUID();
    this.store.putInstance({
      instanceId,
      name,
      executionId,
      runtimeStatus: 'Pending',
      input: toJsonText(input),
      output: null,
      customStatus: null,
      createdAt: now,
      lastUpdatedAt: now,
      ...(parent ? { parent } : {}),
      state: emptyInstanceState(),
    });
    this.store.enqueueEvent(instanceId, executionId, historyEvent.executionStarted(now, name, input, trace));
  }

  private startChild(parent: InstanceRecord, child: EpisodeEffects['children'][number], now: number): void {
    const existing = this.store.getInstance(child.instanceId);
    if (existing && !isTerminal(existing.runtimeStatus)) {
      const reason = `A sub-orchestration with the ID "${child.instanceId}" is already ${existing.runtimeStatus}.`;
      this.store.enqueueEvent(
        parent.instanceId,
        parent.executionId,
        historyEvent.subOrchestrationFailed(now, child.taskId, reason, ''),
      );
      return;
    }
    if (existing) {
      this.store.deleteInstance(child.instanceId);
    }
    // A sub-orchestration continues its parent's trace.
    this.createInstance(
      child.instanceId,
      child.name,
      child.input,
      { instanceId: parent.instanceId, executionId: parent.executionId, taskId: child.taskId },
      traceContextFromExecutionStarted(this.store.executionStarted(parent.instanceId)),
    );
  }

  private continueAsNew(current: InstanceRecord, input: unknown, now: number): void {
    const keptEvents = this.store
      .inbox(current.instanceId, current.executionId)
      .filter((e) => e.event.EventType === EventType.EventRaised);
    const trace = traceContextFromExecutionStarted(this.store.executionStarted(current.instanceId));
    this.store.deleteInstanceWork(current.instanceId);
    this.store.deleteInboxEntries(this.store.inbox(current.instanceId, current.executionId).map((e) => e.id));
    this.store.clearHistory(current.instanceId);
    const executionId = randomUUID();
    this.store.putInstance({
      ...current,
      executionId,
      runtimeStatus: current.runtimeStatus === 'Suspended' ? 'Suspended' : 'Running',
      input: toJsonText(input),
      output: null,
      lastUpdatedAt: now,
      state: emptyInstanceState(),
    });
    // ExecutionStarted first, then the raised events that arrived after the batch that ended the previous
    // execution: a raised event targets the instance, not an execution (the extension's client clears the
    // execution id), so the next execution gets them. The batch's own unprocessed events were dropped.
    this.store.enqueueEvent(
      current.instanceId,
      executionId,
      historyEvent.executionStarted(now, current.name, input, trace),
    );
    for (const kept of keptEvents) {
      this.store.enqueueEvent(current.instanceId, executionId, kept.event);
    }
  }

  /** Runs a management operation on an instance that exists and has not finished, in one transaction. */
  private onLiveInstance(
    instanceId: string,
    operation: (instance: InstanceRecord) => void,
  ): ManagementOutcome {
    return this.store.transaction(() => {
      const instance = this.store.getInstance(instanceId);
      if (!instance) {
        return 'not-found';
      }
      if (isTerminal(instance.runtimeStatus)) {
        return 'gone';
      }
      operation(instance);
      return 'accepted';
    });
  }

  private setSuspended(instanceId: string, reason: string, suspend: boolean): ManagementOutcome {
    return this.onLiveInstance(instanceId, (instance) => {
      const now = this.clock.now();
      if (suspend && instance.runtimeStatus !== 'Suspended') {
        this.store.appendHistory(instanceId, [historyEvent.executionSuspended(now, reason)]);
        this.store.putInstance({ ...instance, runtimeStatus: 'Suspended', lastUpdatedAt: now });
      } else if (!suspend && instance.runtimeStatus === 'Suspended') {
        this.store.appendHistory(instanceId, [historyEvent.executionResumed(now, reason)]);
        this.store.putInstance({ ...instance, runtimeStatus: 'Running', lastUpdatedAt: now });
      }
    });
  }

  private notifyParentOfFailure(child: InstanceRecord, reason: string, details: string): void {
    this.notifyParent(child, (at, taskId) =>
      historyEvent.subOrchestrationFailed(at, taskId, reason, details),
    );
  }

  private notifyParent(child: InstanceRecord, makeEvent: (at: number, taskId: number) => HistoryEvent): void {
    if (!child.parent) {
      return;
    }
    const parent = this.store.getInstance(child.parent.instanceId);
    if (!parent || parent.executionId !== child.parent.executionId || isTerminal(parent.runtimeStatus)) {
      return;
    }
    this.store.enqueueEvent(
      parent.instanceId,
      parent.executionId,
      makeEvent(this.clock.now(), child.parent.taskId),
    );
  }
}

function newRetryGroup(
  kind: RetryGroup['kind'],
  name: string,
  input: unknown,
  action: OrchestratorAction,
  taskId: number,
  now: number,
): RetryGroup {
  if (!action.retryOptions) {
    throw new Error('Internal error: a retry action without retry options.');
  }
  return {
    kind,
    name,
    input,
    options: action.retryOptions,
    firstAttemptAt: now,
    attempt: 1,
    attemptTaskId: taskId,
    exhausted: false,
  };
}

function retryGroupOf(
  event: HistoryEvent,
  state: InstanceState,
): { key: string; group: RetryGroup; kind: 'attempt-failed' | 'backoff-elapsed' } | undefined {
  let taskId: unknown;
  let kind: 'attempt-failed' | 'backoff-elapsed';
  if (
    event.EventType === EventType.TaskFailed ||
    event.EventType === EventType.SubOrchestrationInstanceFailed
  ) {
    taskId = event.TaskScheduledId;
    kind = 'attempt-failed';
  } else if (event.EventType === EventType.TimerFired) {
    taskId = event.TimerId;
    kind = 'backoff-elapsed';
  } else {
    return undefined;
  }
  if (typeof taskId !== 'number') {
    return undefined;
  }
  const task = state.tasks[taskId];
  if (!task || task.retryGroup === undefined) {
    return undefined;
  }
  if (kind === 'backoff-elapsed' && task.kind !== 'timer') {
    return undefined;
  }
  const key = String(task.retryGroup);
  const group = state.retryGroups[key];
  return group ? { key, group, kind } : undefined;
}

/**
 * A retried call that succeeded needs no more bookkeeping: its group (which holds the call's input) is
 * dropped, so the instance state stays the size of the calls in flight instead of every call ever made,
 * which the engine would otherwise parse and rewrite in every episode.
 */
function forgetSettledRetries(batch: readonly { event: HistoryEvent }[], state: InstanceState): void {
  for (const { event } of batch) {
    const settled =
      event.EventType === EventType.TaskCompleted ||
      event.EventType === EventType.SubOrchestrationInstanceCompleted;
    const taskId = event.TaskScheduledId;
    if (!settled || typeof taskId !== 'number') {
      continue;
    }
    const group = state.tasks[taskId]?.retryGroup;
    if (group !== undefined) {
      delete state.retryGroups[String(group)];
    }
  }
}

function nonDeterminism(index: number, before: string, now: string): { reason: string; details: string } {
  return {
    reason:
      `Non-deterministic workflow detected: action #${index} was ${before} when this orchestration first ran, ` +
      `but replay produced ${now}. Orchestrator code must not change its decisions on replay ` +
      `(use context.df.currentUtcDateTime and context.df.newGuid; do I/O in activities).`,
    details: '',
  };
}

function compareOutcomes(a: EpisodeOutcome, b: EpisodeOutcome): string | undefined {
  if (a.kind !== b.kind) {
    return `${a.kind} vs ${b.kind}`;
  }
  if (a.kind === 'ran' && b.kind === 'ran') {
    const sa = JSON.stringify(flattenActions(a.state.actions.flat()).map(signatureOf));
    const sb = JSON.stringify(flattenActions(b.state.actions.flat()).map(signatureOf));
    if (sa !== sb) {
      return `actions ${sa} vs ${sb}`;
    }
    if (
      a.state.isDone !== b.state.isDone ||
      JSON.stringify(a.state.output) !== JSON.stringify(b.state.output)
    ) {
      return 'outputs differ';
    }
  }
  return undefined;
}
