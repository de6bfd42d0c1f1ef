// Conformance: how durable-functions' own replay engine (3.5, the same code in the Functions host and the
// local runtime) hands raised events to waitForExternalEvent tasks. RunbookControl and its test fake
// (FakeControlContext) rely on exactly these rules; if an upgrade changes one, this fails first.
import type * as df from 'durable-functions';
import { historyEvent, type HistoryEvent } from '../../../../local/durable/historyEvents';

interface OrchestratorState {
  readonly isDone: boolean;
  readonly output?: unknown;
}
interface OrchestratorClass {
  new (fn: (context: df.OrchestrationContext) => Generator<df.Task, unknown, unknown>): {
    handle(trigger: unknown, context: object): Promise<OrchestratorState>;
  };
}
// The library's orchestrator handler, without the Functions registration around it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Orchestrator } = require('durable-functions/lib/src/orchestrations/Orchestrator') as {
  Orchestrator: OrchestratorClass;
};

const EVENT = 'runbook-control';
const t0 = Date.parse('2026-11-22T03:00:00.000Z');

/** One episode over `history`, as the host would run it. */
function replay(
  fn: (context: df.OrchestrationContext) => Generator<df.Task, unknown, unknown>,
  history: HistoryEvent[],
): Promise<OrchestratorState> {
  return new Orchestrator(fn).handle(
    {
      history,
      input: null,
      instanceId: 'conformance',
      isReplaying: false,
      parentInstanceId: '',
      upperSchemaVersion: 2,
      upperSchemaVersionNew: 2,
      longRunningTimerIntervalDuration: '3.00:00:00',
      maximumShortTimerDuration: '6.00:00:00',
    },
    {},
  );
}

/** Episodes of history: each batch framed by OrchestratorStarted / Completed, one second apart. */
function history(...batches: ((at: number) => HistoryEvent[])[]): HistoryEvent[] {
  return batches.flatMap((batch, i) => {
    const at = t0 + i * 1000;
    return [historyEvent.orchestratorStarted(at), ...batch(at), historyEvent.orchestratorCompleted(at)];
  });
}
const started = (at: number) => [historyEvent.executionStarted(at, 'conformance', null)];

describe('durable-functions event delivery (what RunbookControl relies on)', () => {
  it('hands an event raised while an activity is awaited alone to a listener whose race is over, not to a later wait', async () => {
    let stale: df.Task | undefined;
    const fn = function* (context: df.OrchestrationContext) {
      stale = context.df.waitForExternalEvent(EVENT);
      yield context.df.Task.any([context.df.callActivity('A'), stale]); // A wins
      yield context.df.callActivity('B'); // the event comes meanwhile
      const later: unknown = yield context.df.waitForExternalEvent(EVENT);
      return later;
    };
    const state = await replay(
      fn,
      history(
        (at) => [...started(at), historyEvent.taskScheduled(at, 0, 'A', null)],
        (at) => [historyEvent.taskCompleted(at, 0, 1), historyEvent.taskScheduled(at, 1, 'B', null)],
        (at) => [historyEvent.eventRaised(at, EVENT, 'pause')],
        (at) => [historyEvent.taskCompleted(at, 1, 2)],
      ),
    );
    expect(state.isDone).toBe(false); // the later wait got nothing...
    expect(stale?.isCompleted).toBe(true); // ...the finished race's listener holds it
    expect(stale?.result).toBe('pause');
  });

  it('fills open listeners newest first', async () => {
    const listeners: df.Task[] = [];
    const fn = function* (context: df.OrchestrationContext) {
      for (const id of ['A', 'B']) {
        const listener = context.df.waitForExternalEvent(EVENT);
        listeners.push(listener);
        yield context.df.Task.any([context.df.callActivity(id), listener]);
      }
      yield context.df.callActivity('C');
      return 'done';
    };
    const state = await replay(
      fn,
      history(
        (at) => [...started(at), historyEvent.taskScheduled(at, 0, 'A', null)],
        (at) => [historyEvent.taskCompleted(at, 0, 1), historyEvent.taskScheduled(at, 1, 'B', null)],
        (at) => [historyEvent.taskCompleted(at, 1, 1), historyEvent.taskScheduled(at, 2, 'C', null)],
        (at) => [historyEvent.eventRaised(at, EVENT, 'first'), historyEvent.eventRaised(at, EVENT, 'second')],
        (at) => [historyEvent.taskCompleted(at, 2, 1)],
      ),
    );
    expect(state.isDone).toBe(true);
    expect(listeners.map((listener) => listener.result)).toEqual(['second', 'first']);
  });

  it('keeps an event that finds no open listener for the next one yielded', async () => {
    const fn = function* (context: df.OrchestrationContext) {
      yield context.df.callActivity('A'); // the event comes meanwhile; nothing listens
      const later: unknown = yield context.df.waitForExternalEvent(EVENT);
      return later;
    };
    const state = await replay(
      fn,
      history(
        (at) => [...started(at), historyEvent.taskScheduled(at, 0, 'A', null)],
        (at) => [historyEvent.eventRaised(at, EVENT, 'pause')],
        (at) => [historyEvent.taskCompleted(at, 0, 1)],
      ),
    );
    expect(state).toMatchObject({ isDone: true, output: 'pause' });
  });
});
