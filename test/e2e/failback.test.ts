// Failback through the local runtime against the two-region demo app, driven over HTTP as operators would: a
// tier 0 failover that activates itself when nobody answers, then the failback — refused while the primary is
// not ready, waiting until it is, asking a person even though the tier's failover approves itself, the failback
// runbook undoing the failover at the demo app (each effect once), the primary validated, `failed-back` with the
// failover's RTO left as it was. Also: a workload without a failback runbook is refused with a 409, and the
// catalog warns about it at start-up.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../local/clock/Clock';
import { startTwoRegionDemoApp, type RunningDemoApp } from '../../local/demo/TwoRegionDemoApp';
import { startAppRuntime } from './support/appRuntime';
import { incidentApi, KEYS, OPERATOR_KEYS } from './support/incidentApi';
import { writeDemoRoundTripCatalog } from './support/demoFailbackCatalog';

interface OutboxFile {
  kind: string;
  incidentId: string;
  emails: { subject: string }[];
}
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const AUTOMATION_TOKEN = 'Bearer demo-automation-token-for-the-failback-test';

interface IncidentView {
  id: string;
  status: string;
  direction: string;
  rto: { targetSeconds: number; elapsedSeconds: number; met?: boolean; remainingSeconds?: number };
  approval: { status: string; decisions: { approver: string }[] };
  runbook: { id: string; purpose: string } | null;
  steps: { id: string; status: string }[];
  outcome?: { status: string; reason: string };
  followUp?: {
    phase: string;
    requestedBy: string;
    endedAt?: string;
    outcome?: { status: string; reason: string };
  };
  earlierPhases?: { phase: string; status: string; steps: { id: string; status: string }[] }[];
  timeline: { type: string; actor?: string; message: string }[];
}

describe.each([
  ['failback', false],
  ['failback under double execution', true],
])('%s', (_name, doubleExecution) => {
  let demo: RunningDemoApp;
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
  const warnings: string[] = [];

  beforeAll(async () => {
    demo = await startTwoRegionDemoApp({
      primaryPort: 0,
      secondaryPort: 0,
      automationPort: 0,
      automationToken: AUTOMATION_TOKEN,
      now: () => new Date(clock.now()),
    });
    const catalogDir = writeDemoRoundTripCatalog(demo, [
      // No failback runbook: its failback is refused.
      { id: 'one-way', steps: [{ id: 'settle', name: 'Settle', type: 'wait', duration: '5s' }] },
      {
        id: 'quick-trip',
        primaryChecks: [{ name: 'primary', url: `${demo.urls.primary}/health`, consecutivePasses: 2 }],
        steps: [{ id: 'settle', name: 'Settle', type: 'wait', duration: '5s' }],
        failbackSteps: [{ id: 'settle-back', name: 'Settle back', type: 'wait', duration: '5s' }],
        extra: { failback: { readiness: { interval: '10s', deadline: '1m' } } },
      },
    ]);
    const warn = jest.spyOn(console, 'warn').mockImplementation((line: string) => warnings.push(line));
    try {
      app = await startAppRuntime({
        catalogDir,
        clock,
        doubleExecution,
        settings: { LIFEBOAT_OPERATOR_KEYS: OPERATOR_KEYS, LIFEBOAT_DEMO_AUTOMATION_TOKEN: AUTOMATION_TOKEN },
      });
    } finally {
      warn.mockRestore();
    }
  });
  afterAll(async () => {
    await app.stop();
    await demo.close();
  });

  const { advance, call, act, incident, raiseSev0 } = incidentApi<IncidentView>(
    () => app,
    clock,
    'failback-alert',
  );
  const outage = (down: boolean) =>
    fetch(`${demo.urls.automation}/demo/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ region: 'westeurope', down }),
    });

  const openIncident = (workload: string) => raiseSev0(workload, `${workload} is down`);

  it('warns at start-up about a tier 0–2 workload without a failback runbook, and only about it', () => {
    expect(warnings.filter((w) => /failback runbook/.test(w))).toEqual([
      expect.stringContaining('workload one-way (tier 1) has no failback runbook'),
    ]);
  });

  it('fails over, then fails back once the primary is ready and a person approved, every effect once', async () => {
    await outage(true);
    const id = await openIncident('orders-api');
    // Tier 0: nobody answers the failover's approval, and after every level the policy activates it.
    await advance(3 * MINUTE);
    await advance(3 * MINUTE);
    await advance(4 * MINUTE);
    expect((await incident(id)).approval.status).toBe('auto-approved');
    await advance(30 * SECOND); // the wait; switch-traffic; the healthCheck step's first round
    await advance(10 * SECOND); // its second; validation's first
    await advance(10 * SECOND); // validation's second
    const recovered = await incident(id);
    expect(recovered.status).toBe('recovered');
    expect(recovered.rto.met).toBe(true);
    expect(demo.state()).toMatchObject({ cosmosWriteRegion: 'northeurope', trafficRegion: 'northeurope' });

    // The failback may be asked for at once; it waits for the primary, which is still down.
    expect((await act(id, 'failback', KEYS.viewer)).status).toBe(403);
    expect(
      (await act(id, 'failback', KEYS.operator, { comment: 'West Europe is back, says Azure' })).status,
    ).toBe(202);
    const requested = await incident(id);
    expect(requested).toMatchObject({
      status: 'failback-requested',
      direction: 'failback',
      followUp: { phase: 'failback', requestedBy: 'oscar' },
      // The failover stays readable, and its RTO as it was.
      earlierPhases: [{ phase: 'failover', status: 'recovered' }],
      rto: recovered.rto,
      steps: [],
    });
    expect(requested.earlierPhases?.[0]?.steps.map((s) => s.id)).toEqual(recovered.steps.map((s) => s.id));
    expect(requested.timeline.filter((t) => /Failback readiness probe round 1/.test(t.message))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/0 of 2 passes in a row.*503/) }),
    ]);
    // Asked again (a double click, a retry): accepted, and still one failback.
    expect((await act(id, 'failback', KEYS.operator)).status).toBe(202);
    const followUps = app.runtime.store
      .queryInstances({ top: 1000 })
      .filter((i) => i.name === 'incidentFollowUp');
    expect(followUps.map((i) => i.instanceId)).toEqual([`${id}:failback:1`]);
    // Nothing moves before the primary is ready: no approval asked, no step run.
    await advance(10 * SECOND);
    expect((await incident(id)).status).toBe('failback-requested');

    // West Europe recovers: two passing rounds in a row make it ready.
    await outage(false);
    await advance(10 * SECOND);
    expect((await incident(id)).status).toBe('failback-requested');
    await advance(10 * SECOND);
    const asking = await incident(id);
    expect(asking.status).toBe('awaiting-failback-approval');
    expect(asking.approval.status).toBe('pending');
    // A person is asked even though the tier's failover approves itself: past the failover's whole deadline,
    // the failback still waits for someone.
    await advance(10 * MINUTE);
    expect((await incident(id)).approval.status).toBe('pending');
    expect(demo.state().trafficRegion).toBe('northeurope');

    expect((await act(id, 'approve', KEYS.alice, { comment: 'go back' })).status).toBe(202);
    const failingBack = await incident(id);
    expect(failingBack.status).toBe('failing-back');
    expect(failingBack.runbook).toMatchObject({ id: 'orders-api-failback', purpose: 'failback' });
    await advance(10 * SECOND); // the wait; the traffic switch; the primary probe
    await advance(10 * SECOND); // validation of the primary: its second round
    const done = await incident(id);
    expect(done.status).toBe('failed-back');
    expect(done.steps.map((s) => [s.id, s.status])).toEqual([
      ['unfreeze-primary', 'succeeded'],
      ['failback-cosmos', 'succeeded'],
      ['wait-for-replication', 'succeeded'],
      ['switch-traffic', 'succeeded'],
      ['primary-serves-orders', 'succeeded'],
    ]);
    expect(done.followUp?.outcome).toMatchObject({ status: 'failed-back' });
    expect(done.outcome).toMatchObject({ status: 'recovered' }); // the failover's, with its RTO
    expect(done.rto).toEqual(recovered.rto);
    expect(done.timeline.at(-1)?.message).toMatch(
      /failed-back: back on westeurope, primary healthy.*The failback took/,
    );
    // The people are told how it ended, in the direction it ran: once, whatever ran twice.
    const told = readdirSync(path.join(app.dataDir, 'outbox'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(path.join(app.dataDir, 'outbox', f), 'utf8')) as OutboxFile)
      .filter((m) => m.kind === 'follow-up-outcome' && m.incidentId === id);
    expect(told.map((m) => m.emails[0]?.subject)).toEqual([
      expect.stringMatching(/^\[Lifeboat\] Failed back: Workload orders-api runs in westeurope \(\d+m/),
    ]);

    const state = demo.state();
    expect(state).toMatchObject({ cosmosWriteRegion: 'westeurope', trafficRegion: 'westeurope' });
    // Each effect once, however often the activities ran (the failover's freeze failed: the primary was down).
    expect(state.effects.map((e) => [e.endpoint, e.body])).toEqual([
      ['POST /cosmos/failover', { account: 'cosmos-orders', writeRegion: 'northeurope' }],
      ['POST /traffic/switch', { to: 'northeurope' }],
      ['POST /admin/maintenance', { enabled: false }],
      ['POST /cosmos/failover', { account: 'cosmos-orders', writeRegion: 'westeurope' }],
      ['POST /traffic/switch', { to: 'westeurope' }],
    ]);
    expect(new Set(state.effects.map((e) => e.idempotencyKey)).size).toBe(5);
    if (doubleExecution) expect(state.deduplicated).toBeGreaterThan(0);

    // The post-incident report is the failover's, with the failback as one line of it.
    const report = await (await call(`incidents/${id}/report?format=md`, KEYS.viewer)).text();
    expect(report).toContain('failover-cosmos');
    expect(report).not.toContain('failback-cosmos');
    expect(report).toMatch(/Followed by a failback requested by oscar .*: failed-back/);

    // Ended: a further request is refused.
    expect((await act(id, 'failback', KEYS.operator)).status).toBe(409);
  });

  it('ends failback-failed when the failback is aborted while it waits for the primary, or the primary stays down', async () => {
    await outage(true);
    const recoveredIncident = async () => {
      const id = await openIncident('quick-trip');
      expect((await act(id, 'approve', KEYS.alice)).status).toBe(202);
      await advance(5 * SECOND);
      expect((await incident(id)).status).toBe('recovered');
      return id;
    };
    const aborted = await recoveredIncident();
    expect((await act(aborted, 'failback', KEYS.operator)).status).toBe(202);
    expect((await incident(aborted)).status).toBe('failback-requested');
    expect((await act(aborted, 'abort', KEYS.operator, { comment: 'not tonight' })).status).toBe(202);
    const stopped = await incident(aborted);
    expect(stopped.status).toBe('failback-failed');
    expect(stopped.followUp?.outcome?.reason).toMatch(
      /failback aborted by oscar \(not tonight\).*stays on northeurope/,
    );
    expect(stopped.outcome).toMatchObject({ status: 'recovered' });
    expect((await act(aborted, 'abort', KEYS.operator)).status).toBe(409);

    const notReady = await recoveredIncident();
    expect((await act(notReady, 'failback', KEYS.operator)).status).toBe(202);
    await advance(30 * SECOND);
    await advance(30 * SECOND); // the readiness deadline (1m) passes with the primary down
    const refused = await incident(notReady);
    expect(refused.status).toBe('failback-failed');
    expect(refused.followUp?.outcome?.reason).toMatch(/westeurope was not ready within 60s: .*503/);
    await outage(false);
  });

  it('refuses the failback of a workload without a failback runbook with a 409 that says so', async () => {
    const id = await openIncident('one-way');
    expect((await act(id, 'approve', KEYS.alice)).status).toBe(202);
    await advance(5 * SECOND);
    expect((await incident(id)).status).toBe('recovered');
    const refused = await act(id, 'failback', KEYS.operator);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: { code: 'invalid_state', message: expect.stringContaining('has no failback runbook') },
      current: { status: 'recovered' },
    });
    expect((await incident(id)).status).toBe('recovered');
  });
});
