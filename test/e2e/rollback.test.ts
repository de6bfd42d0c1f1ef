// Rollback through the local runtime against the two-region demo app: an aborted failover is rolled back —
// the rollback steps of its completed steps in reverse order, each recorded like a step, each effect once at
// the demo app (also under double execution) — ending rolled-back; and a rollback whose step fails and is then
// aborted ends rollback-failed, naming what is left to undo by hand. The workload's policy says who may roll
// back.
import { ManualClock } from '../../local/clock/Clock';
import { startTwoRegionDemoApp, type RunningDemoApp } from '../../local/demo/TwoRegionDemoApp';
import { startAppRuntime } from './support/appRuntime';
import { incidentApi, KEYS, OPERATOR_KEYS } from './support/incidentApi';
import { demoFailoverSteps } from './support/demoFailbackCatalog';
import { writeRunbookCatalog } from './support/runbookCatalog';

const SECOND = 1000;
const AUTOMATION_TOKEN = 'Bearer demo-automation-token-for-the-rollback-test';

interface StepView {
  id: string;
  status: string;
  undoes?: string;
  rollback?: { id: string };
}
interface IncidentView {
  id: string;
  status: string;
  direction: string;
  rto: { elapsedSeconds: number };
  runbook: { id: string; purpose: string } | null;
  steps: StepView[];
  rollback?: { undoable: string[]; withoutRollback: string[]; summary: string };
  outcome?: { status: string; reason: string };
  followUp?: { phase: string; outcome?: { status: string; reason: string } };
  timeline: { type: string; actor?: string; message: string }[];
}

describe.each([
  ['rollback', false],
  ['rollback under double execution', true],
])('%s', (_name, doubleExecution) => {
  let demo: RunningDemoApp;
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));

  beforeAll(async () => {
    demo = await startTwoRegionDemoApp({
      primaryPort: 0,
      secondaryPort: 0,
      automationPort: 0,
      automationToken: AUTOMATION_TOKEN,
      now: () => new Date(clock.now()),
    });
    const steps = demoFailoverSteps(demo, { manualSignOff: true });
    const catalogDir = writeRunbookCatalog([
      { id: 'orders-api', steps },
      // Its policy lets approvers, not operators, roll it back.
      { id: 'orders-strict', steps, extra: { rollback: { role: 'approver' } } },
    ]);
    app = await startAppRuntime({
      catalogDir,
      clock,
      doubleExecution,
      settings: { LIFEBOAT_OPERATOR_KEYS: OPERATOR_KEYS, LIFEBOAT_DEMO_AUTOMATION_TOKEN: AUTOMATION_TOKEN },
    });
  });
  afterAll(async () => {
    await app.stop();
    await demo.close();
  });
  beforeEach(async () => {
    await fetch(`${demo.urls.automation}/demo/reset`, { method: 'POST' });
  });

  const { advance, act, incident, raiseSev0 } = incidentApi<IncidentView>(() => app, clock, 'rollback-alert');

  /** Fails the workload over up to its manual sign-off, then aborts it there. */
  async function abortedFailover(workload: string): Promise<string> {
    const id = await raiseSev0(workload, `${workload} misbehaves`);
    expect((await act(id, 'approve', KEYS.alice)).status).toBe(202);
    await advance(30 * SECOND); // the wait; then switch-traffic; the sign-off waits
    const waiting = await incident(id);
    expect(waiting.steps.find((s) => s.id === 'smoke-test')?.status).toBe('waiting');
    // Before anyone asks, the incident says what a rollback could undo.
    expect(waiting.rollback).toEqual({
      undoable: ['freeze-writes', 'failover-cosmos', 'switch-traffic'],
      withoutRollback: [],
      summary: expect.stringContaining('3 completed step(s) can be rolled back'),
    });
    expect(
      (await act(id, 'abort', KEYS.operator, { comment: 'wrong region: it was a DNS blip' })).status,
    ).toBe(202);
    const aborted = await incident(id);
    expect(aborted.status).toBe('aborted');
    expect(aborted.timeline.at(-1)?.message).toMatch(
      /Rollback: 3 completed step\(s\) can be rolled back \(actions\/rollback\): freeze-writes, failover-cosmos, switch-traffic/,
    );
    return id;
  }

  it('rolls an aborted failover back in reverse order, each effect once at the demo app', async () => {
    const id = await abortedFailover('orders-api');
    const abortedRto = (await incident(id)).rto;
    expect(demo.state()).toMatchObject({ cosmosWriteRegion: 'northeurope', trafficRegion: 'northeurope' });

    expect((await act(id, 'rollback', KEYS.viewer)).status).toBe(403);
    expect((await act(id, 'rollback', KEYS.operator, { comment: 'undo it' })).status).toBe(202);
    const done = await incident(id);
    expect(done).toMatchObject({
      status: 'rolled-back',
      direction: 'rollback',
      runbook: { id: 'orders-api-failover-rollback', purpose: 'rollback' },
      followUp: { phase: 'rollback', outcome: { status: 'rolled-back' } },
      outcome: { status: 'aborted' }, // the failover's
    });
    expect(done.rto).toEqual(abortedRto);
    expect(done.steps.map((s) => [s.id, s.status, s.undoes])).toEqual([
      ['restore-traffic', 'succeeded', 'switch-traffic'],
      ['restore-cosmos', 'succeeded', 'failover-cosmos'],
      ['unfreeze-writes', 'succeeded', 'freeze-writes'],
    ]);
    expect(done.timeline.at(-1)?.message).toMatch(/every completed failover step was undone/);
    // Recorded like any step: started and succeeded on the timeline.
    expect(
      done.timeline.filter((t) => /Step restore-cosmos (started|succeeded)/.test(t.message)),
    ).toHaveLength(2);

    const state = demo.state();
    expect(state).toMatchObject({ cosmosWriteRegion: 'westeurope', trafficRegion: 'westeurope' });
    expect(state.maintenance.enabled).toBe(false);
    expect(state.effects.map((e) => [e.endpoint, e.body])).toEqual([
      ['POST /admin/maintenance', { enabled: true, reason: 'DR' }],
      ['POST /cosmos/failover', { account: 'cosmos-orders', writeRegion: 'northeurope' }],
      ['POST /traffic/switch', { to: 'northeurope' }],
      ['POST /traffic/switch', { to: 'westeurope' }],
      ['POST /cosmos/failover', { account: 'cosmos-orders', writeRegion: 'westeurope' }],
      ['POST /admin/maintenance', { enabled: false }],
    ]);
    expect(new Set(state.effects.map((e) => e.idempotencyKey)).size).toBe(6);
    if (doubleExecution) expect(state.deduplicated).toBeGreaterThan(0);
    expect((await act(id, 'rollback', KEYS.operator)).status).toBe(409);
  });

  it('ends rollback-failed when a rollback step fails and the rollback is aborted, naming what is left', async () => {
    const id = await abortedFailover('orders-strict');
    // Every attempt of restoring the write region is refused.
    await fetch(`${demo.urls.automation}/demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/cosmos/failover', status: 400, times: 10 }),
    });
    const byOperator = await act(id, 'rollback', KEYS.operator);
    expect(byOperator.status).toBe(403);
    expect(await byOperator.json()).toMatchObject({
      error: { message: expect.stringContaining('approver') },
    });
    expect((await act(id, 'rollback', KEYS.alice)).status).toBe(202);
    const paused = await incident(id);
    expect(paused.status).toBe('paused');
    expect(paused.steps.map((s) => [s.id, s.status])).toEqual([
      ['restore-traffic', 'succeeded'],
      ['restore-cosmos', 'failed'],
      ['unfreeze-writes', 'pending'],
    ]);

    expect((await act(id, 'abort', KEYS.operator, { comment: 'do the rest by hand' })).status).toBe(202);
    const failed = await incident(id);
    expect(failed.status).toBe('rollback-failed');
    // Both aborts are on the timeline: the failover's and the rollback's.
    expect(
      failed.timeline.filter((t) => t.type === 'operator-action' && /asked to abort/.test(t.message)),
    ).toHaveLength(2);
    expect(failed.followUp?.outcome?.reason).toMatch(/rollback aborted by oscar \(do the rest by hand\)/);
    expect(failed.timeline.at(-1)?.message).toMatch(/left to undo by hand: freeze-writes, failover-cosmos/);
    expect(demo.state()).toMatchObject({ cosmosWriteRegion: 'northeurope', trafficRegion: 'westeurope' });
  });
});
