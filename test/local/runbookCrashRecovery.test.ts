// Crash test for the runbook stage: SIGKILL the runtime while a runbook step's call is held at the target,
// restart it on the same data directory, and the runbook completes with each step's effect applied exactly
// once at the target (the re-sent call carries the same idempotency key and is deduplicated there).
import { EFFECT_ENDPOINTS } from '../../local/demo/DemoRegionState';
import { startTwoRegionDemoApp } from '../../local/demo/TwoRegionDemoApp';
import { RuntimeProcess } from './support/RuntimeProcess';
import {
  armDemoFault,
  AUTOMATION_TOKEN_SETTING,
  CRASH_WORKLOAD_ID,
  LifeboatClient,
  OPERATOR_KEYS,
  operatorKeysSetting,
  unquoteKey,
  writeDemoFailoverCatalog,
  type IncidentView,
} from './support/runbookCrashSupport';
import { removeDir, tempDataDir, testFunctionKey, waitFor } from './support/testRuntime';

const AUTOMATION_TOKEN = 'Bearer crash-test-automation-token-0123456789';
/** Long enough that the kill surely lands while the call is held; short enough for the test to wait it out. */
const COSMOS_HOLD_MS = 5000;
/** Generous: a restart through tsx takes seconds, and validation probes 10s apart (VALIDATION_INTERVAL_SECONDS). */
const STAGE_TIMEOUT_MS = 60000;
/** Incident statuses at which the runbook has stopped moving on its own. */
const STOPPED = ['paused', 'recovered', 'failed', 'aborted'];

// A handful of stages, each allowed STAGE_TIMEOUT_MS; the whole takes about 20s (10s of it validation).
jest.setTimeout(5 * STAGE_TIMEOUT_MS);

/** Undone in reverse in afterAll: the runtime child, the demo app, temporary directories. */
const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const undo of cleanup.reverse()) {
    await undo();
  }
});

it('finishes a runbook killed during a step with every step applied once at the target', async () => {
  const dataDir = tempDataDir();
  cleanup.push(() => removeDir(dataDir));
  // In the test process, so that the target outlives the runtime's kill.
  const demo = await startTwoRegionDemoApp({
    primaryPort: 0,
    secondaryPort: 0,
    automationPort: 0,
    automationToken: AUTOMATION_TOKEN,
  });
  cleanup.push(() => demo.close());
  const catalogDir = writeDemoFailoverCatalog(demo);
  cleanup.push(() => removeDir(catalogDir));
  const env = {
    LIFEBOAT_DATA_DIR: dataDir,
    LIFEBOAT_FUNCTION_KEY: testFunctionKey,
    LIFEBOAT_CATALOG_DIR: catalogDir,
    LIFEBOAT_OPERATOR_KEYS: operatorKeysSetting,
    [AUTOMATION_TOKEN_SETTING]: AUTOMATION_TOKEN,
    LIFEBOAT_DEMO_APP: 'false',
  };
  const startRuntime = async () => {
    const runtime = new RuntimeProcess(env);
    cleanup.push(() => runtime.kill('SIGKILL'));
    return { runtime, lifeboat: new LifeboatClient(await runtime.start()) };
  };

  await armDemoFault(demo, {
    server: 'automation',
    method: 'POST',
    path: '/cosmos/failover',
    delayMs: COSMOS_HOLD_MS,
  });
  const first = await startRuntime();
  await first.lifeboat.raiseSev0(CRASH_WORKLOAD_ID, 'runbook-crash-1');
  const incidentId = await waitFor(
    'the incident to ask for approval',
    () => first.lifeboat.approvalPending(CRASH_WORKLOAD_ID),
    STAGE_TIMEOUT_MS,
  );
  expect(await first.lifeboat.act(incidentId, 'approve', OPERATOR_KEYS.approver)).toBe(202);

  await waitFor(
    'the failover-cosmos call to be held at the target',
    () => (demo.state().delayed.some((d) => d.path === '/cosmos/failover') ? true : undefined),
    STAGE_TIMEOUT_MS,
  );
  await first.runtime.kill('SIGKILL');
  // Killed inside the step: freeze-writes done, nothing after failover-cosmos has reached the target.
  expect(demo.state().effects.map((e) => e.endpoint)).toEqual([EFFECT_ENDPOINTS.maintenance]);

  // The target finishes the held call although its caller is gone: the failover happened, unseen by Lifeboat.
  await waitFor(
    'the held failover-cosmos call to be applied',
    () => {
      const state = demo.state();
      const applied = state.effects.some((e) => e.endpoint === EFFECT_ENDPOINTS.cosmosFailover);
      return applied && state.delayed.length === 0 ? true : undefined;
    },
    STAGE_TIMEOUT_MS,
  );

  const { lifeboat } = await startRuntime();
  const atManualStep = await waitFor(
    'the smoke-test step to wait for an operator',
    async () => {
      const incident = await lifeboat.incident(incidentId);
      const waiting = incident.steps.some((s) => s.id === 'smoke-test' && s.status === 'waiting');
      return waiting || STOPPED.includes(incident.status) ? incident : undefined;
    },
    STAGE_TIMEOUT_MS,
  );
  expect(stepStatuses(atManualStep)).toEqual([
    ['freeze-writes', 'succeeded'],
    ['failover-cosmos', 'succeeded'],
    ['wait-for-replication', 'succeeded'],
    ['switch-traffic', 'succeeded'],
    ['validate-secondary', 'succeeded'],
    ['smoke-test', 'waiting'],
  ]);
  expect(
    await lifeboat.act(incidentId, 'confirm-step', OPERATOR_KEYS.operator, {
      stepId: 'smoke-test',
      comment: 'test order placed and listed',
    }),
  ).toBe(202);

  const done = await waitFor(
    'the incident to end',
    async () => {
      const incident = await lifeboat.incident(incidentId);
      return STOPPED.includes(incident.status) ? incident : undefined;
    },
    STAGE_TIMEOUT_MS,
  );
  expect(done.status).toBe('recovered');
  expect(stepStatuses(done)).toEqual(done.steps.map((s) => [s.id, 'succeeded']));
  // The restart re-ran the interrupted attempt; the crash did not count as a failed one.
  expect(done.steps.find((s) => s.id === 'failover-cosmos')).toMatchObject({ attempts: 1 });
  expect(done.rto.met).toBeDefined();
  // The restart is on the record, once, with where the incident stood.
  expect(done.timeline.filter((t) => t.type === 'picked-up').map((t) => t.message)).toEqual([
    'Lifeboat started again and goes on with this incident from its record (failing-over, step failover-cosmos)',
  ]);

  const state = demo.state();
  // Each step's effect exactly once at the target, under that step's key.
  expect(state.effects.map((e) => [e.endpoint, unquoteKey(e.idempotencyKey)])).toEqual([
    [EFFECT_ENDPOINTS.maintenance, `lifeboat:${incidentId}:freeze-writes`],
    [EFFECT_ENDPOINTS.cosmosFailover, `lifeboat:${incidentId}:failover-cosmos`],
    [EFFECT_ENDPOINTS.trafficSwitch, `lifeboat:${incidentId}:switch-traffic`],
  ]);
  expect(state).toMatchObject({ cosmosWriteRegion: 'northeurope', trafficRegion: 'northeurope' });
  // The call cut off by the crash was sent again after the restart, with the same key, and replayed.
  const cosmosCalls = state.requests.filter((r) => r.path === '/cosmos/failover');
  expect(cosmosCalls.length).toBeGreaterThanOrEqual(2);
  expect(new Set(cosmosCalls.map((r) => unquoteKey(r.idempotencyKey)))).toEqual(
    new Set([`lifeboat:${incidentId}:failover-cosmos`]),
  );
  expect(state.deduplicated).toBeGreaterThanOrEqual(1);
});

function stepStatuses(incident: IncidentView): [string, string][] {
  return incident.steps.map((s) => [s.id, s.status]);
}
