// Child process of the runbook bench (`node --import tsx`): replays the final episode of a finished runbook
// instance through the local runtime's own engine, on a copy of the runtime's data directory.
//
// The final episode is the one that replays the whole history of the runbook's last execution (a runbook
// longer than one share of steps continues as new, see docs/runbook-execution.md): the engine feeds the
// orchestrator every stored event plus the last step's result, and the orchestrator returns its outcome. Here that episode is
// put back (history as it stood before it, its new events back in the inbox, the instance running again)
// and OrchestrationEngine.runEpisode runs it as the runtime would. The engine's invoke function is wrapped
// to time the orchestrator call alone; runEpisode's own time adds reading the history and the commit.
// Each replay must end as the original did (same output, same closing events), or it does not count.
import path from 'node:path';
import { openEmbeddedDatabase } from '../../shared/adapters/sqlite/openEmbeddedDatabase';
import { SystemClock } from '../../local/clock/Clock';
import { DurableStore } from '../../local/durable/DurableStore';
import { EventType, type HistoryEvent } from '../../local/durable/historyEvents';
import { OrchestrationEngine, type InvokeFunction } from '../../local/durable/OrchestrationEngine';
import { capturedFunctions } from '../../local/functionsCore/functionsCoreModule';
import { installFunctionsCoreResolver } from '../../local/functionsCore/installFunctionsCoreResolver';
import { FunctionCatalog } from '../../local/host/FunctionCatalog';
import { readHostConfig } from '../../local/host/HostConfig';
import { invokeRegisteredFunction } from '../../local/host/invokeRegisteredFunction';
import { repoRoot } from '../support/ChildServer';
import { REPLAY_RESULT_MARKER, type ReplayResult, type ReplayRun } from './ReplayResult';

/** Events an episode's actions add to history; the episode's new (inbox) events come before them. */
const EFFECT_EVENTS: ReadonlySet<number> = new Set([
  EventType.TaskScheduled,
  EventType.TimerCreated,
  EventType.SubOrchestrationInstanceCreated,
  EventType.OrchestratorCompleted,
  EventType.ExecutionCompleted,
]);

async function main(): Promise<void> {
  const dataDir = requiredEnv('REPLAY_DATA_DIR');
  const instanceId = requiredEnv('REPLAY_INSTANCE_ID');
  const times = Number(requiredEnv('REPLAY_TIMES'));

  // As local/start.ts does: the resolver first, then the app, whose registrations are captured.
  installFunctionsCoreResolver();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the resolver, on purpose
  require('../../functions/index');
  const catalog = new FunctionCatalog(capturedFunctions());
  const hostConfig = readHostConfig(path.join(repoRoot, 'host.json'));
  const store = new DurableStore(openEmbeddedDatabase(dataDir));

  let invocations: number[] = [];
  const invoke: InvokeFunction = async (fn, request) => {
    const started = performance.now();
    try {
      return await invokeRegisteredFunction(fn.fn, request, () => undefined, {});
    } finally {
      invocations.push(performance.now() - started);
    }
  };
  const silent = { info: () => undefined, warn: () => undefined };
  const engine = new OrchestrationEngine(
    store,
    catalog,
    new SystemClock(),
    invoke,
    {
      overridableExistingInstanceStates: hostConfig.overridableExistingInstanceStates,
      replayEveryEpisodeTwice: false,
      maxEventsPerEpisode: 100, // as LocalRuntime; the final episode has one new event
    },
    silent,
  );

  const finished = store.getInstance(instanceId);
  if (finished?.runtimeStatus !== 'Completed') {
    throw new Error(`Instance ${instanceId} is ${finished?.runtimeStatus ?? 'missing'}, not Completed`);
  }
  const history = store.getHistory(instanceId);
  const lastStart = history.findLastIndex((e) => e.EventType === EventType.OrchestratorStarted);
  const before = history.slice(0, lastStart);
  const newEvents: HistoryEvent[] = [];
  for (const event of history.slice(lastStart + 1)) {
    if (EFFECT_EVENTS.has(event.EventType)) break;
    newEvents.push(event);
  }
  const originalTail = JSON.stringify(history.slice(lastStart).map((e) => e.EventType));

  const runs: ReplayRun[] = [];
  for (let i = 0; i < times; i++) {
    store.transaction(() => {
      store.clearHistory(instanceId);
      store.appendHistory(instanceId, before);
      store.putInstance({ ...finished, runtimeStatus: 'Running', output: null });
      for (const event of newEvents) store.enqueueEvent(instanceId, finished.executionId, event);
    });
    invocations = [];
    const started = performance.now();
    const ran = await engine.runEpisode(instanceId);
    const episodeMs = performance.now() - started;
    const readStarted = performance.now();
    const replayed = store.getHistory(instanceId);
    const readHistoryMs = performance.now() - readStarted;
    const after = store.getInstance(instanceId);
    const tail = JSON.stringify(replayed.slice(lastStart).map((e) => e.EventType));
    runs.push({
      episodeMs,
      invokeMs: invocations[0] ?? Number.NaN,
      readHistoryMs,
      reproduced:
        ran &&
        invocations.length === 1 &&
        after?.runtimeStatus === 'Completed' &&
        after.output === finished.output &&
        tail === originalTail,
    });
  }
  const result: ReplayResult = {
    instanceId,
    historyEvents: history.length,
    replayedEvents: before.length + 1 + newEvents.length,
    episodes: history.filter((e) => e.EventType === EventType.OrchestratorStarted).length,
    runs,
  };
  console.log(`${REPLAY_RESULT_MARKER}${JSON.stringify(result)}`);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
