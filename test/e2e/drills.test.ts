// Drills through the local runtime, driven over HTTP as operators would: a drill of orders-api against its
// drill targets (a second two-region demo app standing in for the drill environment) while the live demo app
// sees no effect; a dry-run that calls nothing at all (neither demo app sees a request); both scored against
// the RTO and listed in the drill history; every message of a drill says DRILL first; a live alert during a
// drill opens the live incident and aborts the drill with that reason; a drill is refused while a live
// incident is open. On the embedded store, under double execution, and on the Cosmos DB stores.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../local/clock/Clock';
import { CosmosStandIn } from '../../local/cosmos/CosmosStandIn';
import { startTwoRegionDemoApp, type RunningDemoApp } from '../../local/demo/TwoRegionDemoApp';
import { startAppRuntime } from './support/appRuntime';
import { writeRunbookCatalog } from './support/runbookCatalog';

const SECOND = 1000;
const DAY = 86_400 * SECOND;
const AUTOMATION_TOKEN = 'Bearer demo-automation-token-for-the-drill-test';
const KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  operator: 'operator-key-0123456789abcdef',
  alice: 'alice-approver-key-0123456789',
};
const OPERATOR_KEYS = JSON.stringify([
  { key: KEYS.viewer, name: 'vera', roles: ['viewer'] },
  { key: KEYS.operator, name: 'oscar', roles: ['operator'] },
  { key: KEYS.alice, name: 'alice', roles: ['approver'] },
]);

interface StepView {
  id: string;
  status: string;
  detail?: string;
  dryRun?: {
    summary: string;
    requests: { method: string; url: string; headers: Record<string, string>; body?: unknown }[];
    instructions?: string;
    expectedSeconds: { min: number; max: number };
  };
}
interface IncidentView {
  id: string;
  status: string;
  mode: string;
  drill?: { kind: string; requestedBy: string; scenario?: string };
  rto: { targetSeconds: number; elapsedSeconds: number; met?: boolean };
  activation: { decision: string; reasons: string[] };
  alerts: { count: number };
  steps: StepView[];
  outcome?: { status: string; reason: string };
  timeline: { type: string; actor?: string; message: string }[];
}
interface DrillHistory {
  workloadId: string;
  schedule: {
    everySeconds: number;
    lastDrill: { incidentId: string } | null;
    nextDueAt: string;
    overdue: boolean;
  };
  items: {
    incidentId: string;
    kind: string;
    status: string;
    endedAt?: string;
    rto: {
      targetSeconds: number;
      achievedSeconds?: number;
      met?: boolean;
      expected?: { minSeconds: number; maxSeconds: number; fits: boolean };
    };
    outcome?: string;
    failedSteps: { id: string }[];
    slowSteps: { id: string; seconds: number }[];
  }[];
}
interface OutboxMessage {
  id: string;
  kind: string;
  incidentId: string;
  emails: { subject: string; text: string; html: string }[];
  card?: { attachments: [{ content: { body: { type: string; text?: string }[] } }] };
}

/** Write region and traffic to `region`, each step pointed at the drill environment in drills. */
function roundTripSteps(live: RunningDemoApp, drillEnv: RunningDemoApp, region: string) {
  const suffix = region === 'westeurope' ? '-back' : '';
  return [
    {
      id: `cosmos${suffix}`,
      name: `Cosmos DB write region to ${region}`,
      type: 'http',
      request: {
        url: `${live.urls.automation}/cosmos/failover`,
        headers: { Authorization: { secret: 'LIFEBOAT_DEMO_AUTOMATION_TOKEN' } },
        body: { account: 'cosmos-orders', writeRegion: region },
        expectStatus: [200, 202],
      },
      drill: { url: `${drillEnv.urls.automation}/cosmos/failover` },
    },
    {
      id: `traffic${suffix}`,
      name: `Traffic to ${region}`,
      type: 'http',
      request: { url: `${live.urls.automation}/traffic/switch`, body: { to: region } },
      drill: { url: `${drillEnv.urls.automation}/traffic/switch` },
    },
  ];
}

/** The orders-api runbook of the demo, each step with its drill override: the drill environment's automation. */
function drillCatalog(live: RunningDemoApp, drillEnv: RunningDemoApp): string {
  return writeRunbookCatalog([
    {
      id: 'orders-api',
      match: { resourceGroups: ['rg-orders-*'] },
      secondaryChecks: [{ name: 'orders-api', url: `${live.urls.secondary}/health`, consecutivePasses: 2 }],
      drills: {
        healthChecks: {
          secondary: [{ name: 'orders-api', url: `${drillEnv.urls.secondary}/health`, consecutivePasses: 2 }],
        },
      },
      steps: [
        {
          id: 'freeze-writes',
          name: 'Put the primary in maintenance mode',
          type: 'http',
          request: { url: `${live.urls.primary}/admin/maintenance`, body: { enabled: true, reason: 'DR' } },
          retry: 'none',
          onFailure: 'continue',
          drill: { skip: true, reason: 'the primary keeps taking orders while the plan is rehearsed' },
        },
        {
          id: 'failover-cosmos',
          name: 'Fail over the Cosmos DB write region',
          type: 'http',
          instructions: 'Check the write region in the portal afterwards.',
          request: {
            url: `${live.urls.automation}/cosmos/failover`,
            headers: { Authorization: { secret: 'LIFEBOAT_DEMO_AUTOMATION_TOKEN' } },
            body: { account: 'cosmos-orders', writeRegion: 'northeurope' },
            expectStatus: [200, 202],
          },
          drill: { url: `${drillEnv.urls.automation}/cosmos/failover` },
        },
        { id: 'wait-for-replication', name: 'Let replication settle', type: 'wait', duration: '30s' },
        {
          id: 'switch-traffic',
          name: 'Switch traffic to North Europe',
          type: 'http',
          request: { url: `${live.urls.automation}/traffic/switch`, body: { to: 'northeurope' } },
          drill: { url: `${drillEnv.urls.automation}/traffic/switch` },
        },
        {
          id: 'validate-secondary',
          name: 'Secondary serves orders',
          type: 'healthCheck',
          target: 'secondary',
          consecutivePasses: 2,
          interval: '10s',
          deadline: '2m',
        },
      ],
    },
    {
      // The round trip: a failover and a failback, both against the drill environment; drills skip approval.
      id: 'round-trip',
      primaryChecks: [{ name: 'round-trip', url: `${live.urls.primary}/health`, consecutivePasses: 2 }],
      secondaryChecks: [{ name: 'round-trip', url: `${live.urls.secondary}/health`, consecutivePasses: 2 }],
      drills: {
        approval: 'skip',
        healthChecks: {
          primary: [{ name: 'round-trip', url: `${drillEnv.urls.primary}/health`, consecutivePasses: 2 }],
          secondary: [{ name: 'round-trip', url: `${drillEnv.urls.secondary}/health`, consecutivePasses: 2 }],
        },
      },
      steps: roundTripSteps(live, drillEnv, 'northeurope'),
      failbackSteps: roundTripSteps(live, drillEnv, 'westeurope'),
      extra: { failback: { readiness: { consecutivePasses: 2, interval: '10s', deadline: '2m' } } },
    },
    {
      // Its drills skip the approval gate, and its runbook has an operator's step to rehearse.
      id: 'reports',
      drills: { approval: 'skip', every: '14d' },
      steps: [
        { id: 'settle', name: 'Let it settle', type: 'wait', duration: '10s' },
        { id: 'check', name: 'Check the reports', type: 'manual', instructions: 'Open the monthly report.' },
      ],
    },
  ]);
}

describe.each([
  ['drills', false, 'embedded'],
  ['drills under double execution', true, 'embedded'],
  ['drills on the Cosmos DB stores', false, 'cosmos'],
] as const)('%s', (_name, doubleExecution, store) => {
  let live: RunningDemoApp;
  let drillEnv: RunningDemoApp;
  let cosmos: CosmosStandIn | undefined;
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
  let alertSequence = 0;

  beforeAll(async () => {
    const ports = { primaryPort: 0, secondaryPort: 0, automationPort: 0, automationToken: AUTOMATION_TOKEN };
    live = await startTwoRegionDemoApp(ports);
    drillEnv = await startTwoRegionDemoApp(ports);
    cosmos = store === 'cosmos' ? await CosmosStandIn.start() : undefined;
    app = await startAppRuntime({
      catalogDir: drillCatalog(live, drillEnv),
      clock,
      doubleExecution,
      settings: {
        LIFEBOAT_OPERATOR_KEYS: OPERATOR_KEYS,
        LIFEBOAT_DEMO_AUTOMATION_TOKEN: AUTOMATION_TOKEN,
        ...(cosmos === undefined
          ? {}
          : {
              LIFEBOAT_COSMOS_CONNECTION_STRING: cosmos.connectionString,
              LIFEBOAT_COSMOS_DATABASE: 'lifeboat-drills',
            }),
      },
    });
  });
  afterAll(async () => {
    await app.stop();
    await cosmos?.close();
    await live.close();
    await drillEnv.close();
  });

  async function advance(ms: number) {
    clock.advance(ms);
    await app.runtime.idle();
  }
  const call = (route: string, key?: string, init: RequestInit = {}) =>
    fetch(app.api(route), {
      ...init,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
    });
  const startDrill = async (body: unknown, key: string | null = KEYS.operator) => {
    const res = await call('drills', key ?? undefined, { method: 'POST', body: JSON.stringify(body) });
    await app.runtime.idle();
    return res;
  };
  const act = async (id: string, action: string, key: string) => {
    const res = await call(`incidents/${id}/actions/${action}`, key, { method: 'POST', body: '' });
    await app.runtime.idle();
    return res;
  };
  const incident = async (id: string) =>
    (await (await call(`incidents/${id}`, KEYS.viewer)).json()) as IncidentView;
  const history = async () =>
    (await (await call('workloads/orders-api/drills', KEYS.viewer)).json()) as DrillHistory;
  const outbox = (incidentId: string): OutboxMessage[] => {
    const dir = path.join(app.dataDir, 'outbox');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as OutboxMessage)
      .filter((m) => m.incidentId === incidentId);
  };
  const requestCount = (demo: RunningDemoApp) => demo.state().requests.length;
  /** Requests since `from` other than the readiness timer's background probes of the live health checks. */
  const drillRequests = (demo: RunningDemoApp, from: number) =>
    demo
      .state()
      .requests.slice(from)
      .filter((r) => !(r.method === 'GET' && r.path === '/health'));

  it('refuses a bad drill request with what is wrong, an unknown workload, and a caller without the operator role', async () => {
    const bad = await startDrill({ workloadId: 'orders-api', mode: 'rehearse' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { details: { path: string; message: string }[] } };
    expect(body.error.details).toEqual([
      expect.objectContaining({ path: 'mode', message: expect.stringContaining('drill, dry-run') }),
    ]);
    expect((await startDrill({ mode: 'drill' })).status).toBe(400);
    expect((await startDrill({ workloadId: 'orders-api', mode: 'drill', extra: 1 })).status).toBe(400);
    const unknown = await startDrill({ workloadId: 'payments', mode: 'drill' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('payments');
    expect((await startDrill({ workloadId: 'orders-api', mode: 'drill' }, KEYS.viewer)).status).toBe(403);
    expect((await startDrill({ workloadId: 'orders-api', mode: 'drill' }, null)).status).toBe(401);
  });

  it('runs a drill against the drill targets, not the live app, and scores it against the RTO', async () => {
    const liveRequestsBefore = requestCount(live);
    const res = await startDrill({
      workloadId: 'orders-api',
      mode: 'drill',
      scenario: 'West Europe lost',
      comment: 'quarterly rehearsal',
    });
    expect(res.status).toBe(202);
    const { incidentId: id } = (await res.json()) as { incidentId: string };
    const opened = await incident(id);
    expect(opened).toMatchObject({
      mode: 'drill',
      status: 'awaiting-approval',
      drill: { kind: 'drill', requestedBy: 'oscar', scenario: 'West Europe lost' },
    });
    // Criteria reported, not waited for: no alert, no observation.
    expect(opened.activation.reasons[0]).toContain('DRILL started by oscar');
    expect(opened.activation.reasons[1]).toMatch(/^A live incident activates when: /);
    expect(opened.timeline.map((e) => e.message)).not.toContainEqual(expect.stringContaining('Observing'));
    // The approval gate runs with the same approvers, and the request says DRILL first.
    const request = outbox(id).find((m) => m.kind === 'approval-request');
    expect(request?.emails[0]?.subject).toMatch(/^\[DRILL\] /);
    expect(request?.emails[0]?.text.split('\n')[0]).toContain('DRILL');
    expect(request?.card?.attachments[0].content.body[0]?.text).toMatch(/^DRILL: /);
    const link = app.outboxLines.find((l) => l.startsWith('Approve as Alice:') && l.includes('http'));
    expect(link).toBeDefined();

    expect((await act(id, 'approve', KEYS.alice)).status).toBe(202);
    expect((await incident(id)).status).toBe('failing-over');
    await advance(30 * SECOND); // the wait step, switch-traffic, the step's first probe round
    await advance(10 * SECOND); // the step's second round; validation's first
    await advance(10 * SECOND); // validation's second
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    expect(done.rto).toMatchObject({ targetSeconds: 900, met: true });
    expect(done.steps.map((s) => [s.id, s.status])).toEqual([
      ['freeze-writes', 'skipped'],
      ['failover-cosmos', 'succeeded'],
      ['wait-for-replication', 'succeeded'],
      ['switch-traffic', 'succeeded'],
      ['validate-secondary', 'succeeded'],
    ]);
    expect(done.steps[0]?.detail).toBe(
      'skipped in drills: the primary keeps taking orders while the plan is rehearsed',
    );

    // The drill environment did the failover, once per effect; the live app saw no effect and no request.
    const drillState = drillEnv.state();
    expect(drillState.effects.map((e) => [e.endpoint, e.idempotencyKey])).toEqual([
      ['POST /cosmos/failover', `"lifeboat:${id}:failover-cosmos"`],
      ['POST /traffic/switch', `"lifeboat:${id}:switch-traffic"`],
    ]);
    expect(live.state().effects).toEqual([]);
    expect(requestCount(live)).toBe(liveRequestsBefore);

    // Every message of the drill says DRILL in its subject and first line, or its card's first block.
    const messages = outbox(id);
    expect(messages.map((m) => m.kind).sort()).toEqual(
      expect.arrayContaining(['approval-request', 'approval-decided', 'incident-outcome']),
    );
    for (const message of messages) {
      for (const email of message.emails) {
        expect(email.subject).toMatch(/^\[DRILL\] /);
        expect(email.text.split('\n')[0]).toMatch(/^DRILL: /);
        expect(email.html).toMatch(/<body[^>]*>\s*<p[^>]*>DRILL: /);
      }
      expect(message.card?.attachments[0].content.body[0]?.text).toMatch(/^DRILL: /);
    }

    // The report and its page say DRILL first.
    const report = await (await call(`incidents/${id}/report?format=md`, KEYS.viewer)).text();
    expect(report.split('\n')[0]).toBe(`# DRILL report: Workload orders-api (${id})`);
    expect(report).toContain('Mode: DRILL;');
    const page = await (await call(`incidents/${id}/report`, KEYS.viewer)).text();
    expect(page).toContain('<h1>DRILL report: Workload orders-api</h1>');

    const drills = await history();
    expect(drills.items[0]).toMatchObject({
      incidentId: id,
      kind: 'drill',
      status: 'recovered',
      rto: { targetSeconds: 900, met: true },
      failedSteps: [],
    });
    expect(drills.items[0]?.rto.achievedSeconds).toBeLessThanOrEqual(900);
    // Tier 1: a drill every quarter, due from the end of this one.
    expect(drills.schedule.everySeconds).toBe(91 * 86_400);
    expect(Date.parse(drills.schedule.nextDueAt)).toBe(Date.parse(drills.items[0]?.endedAt ?? '') + 91 * DAY);
    expect(drills.schedule.overdue).toBe(false);
    const workloads = (await (await call('workloads', KEYS.viewer)).json()) as {
      items: { id: string; drills: { lastDrill: { incidentId: string } | null; nextDueAt: string } }[];
    };
    // On Cosmos DB the drill, its steps and its history were read from the Cosmos stores.
    if (cosmos !== undefined) expect(cosmos.documentRequests()).toBeGreaterThan(20);
    expect(workloads.items[0]?.drills).toMatchObject({
      lastDrill: { incidentId: id },
      nextDueAt: drills.schedule.nextDueAt,
    });
  });

  it('runs a dry-run that calls nothing and records what every step would have sent', async () => {
    const liveBefore = requestCount(live);
    const drillBefore = requestCount(drillEnv);
    const res = await startDrill({ workloadId: 'orders-api', mode: 'dry-run' });
    expect(res.status).toBe(202);
    const { incidentId: id } = (await res.json()) as { incidentId: string };
    expect((await incident(id)).drill?.kind).toBe('dry-run');
    expect((await act(id, 'approve', KEYS.alice)).status).toBe(202);
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    expect(done.rto.met).toBe(true);
    // Nothing called: no step, no probe, no validation reached either demo app.
    expect(requestCount(live)).toBe(liveBefore);
    expect(requestCount(drillEnv)).toBe(drillBefore);

    const cosmosStep = done.steps.find((s) => s.id === 'failover-cosmos');
    expect(cosmosStep?.dryRun).toEqual({
      summary: `would POST ${live.urls.automation}/cosmos/failover (3 attempt(s) at most, 30s each)`,
      requests: [
        {
          method: 'POST',
          url: `${live.urls.automation}/cosmos/failover`,
          headers: {
            Authorization: '***(app setting LIFEBOAT_DEMO_AUTOMATION_TOKEN)',
            'Idempotency-Key': `lifeboat:${id}:failover-cosmos`,
          },
          body: { account: 'cosmos-orders', writeRegion: 'northeurope' },
        },
      ],
      instructions: 'Check the write region in the portal afterwards.',
      expectedSeconds: { min: 0, max: expect.any(Number) },
    });
    expect(done.steps.find((s) => s.id === 'wait-for-replication')?.dryRun).toMatchObject({
      summary: 'would wait 30s',
      expectedSeconds: { min: 30, max: 30 },
    });
    expect(done.steps.find((s) => s.id === 'validate-secondary')?.dryRun).toMatchObject({
      requests: [{ method: 'GET', url: `${live.urls.secondary}/health` }],
      expectedSeconds: { min: 10, max: 120 },
    });
    // A dry-run describes the real plan: the step skipped in drills is described too.
    expect(done.steps.every((s) => s.status === 'succeeded' && s.dryRun !== undefined)).toBe(true);
    // The secret's value appears nowhere: not in the view, not in any message.
    const everything = JSON.stringify([done, outbox(id)]);
    expect(everything).not.toContain(AUTOMATION_TOKEN);
    expect(everything).not.toContain('demo-automation-token');
    for (const message of outbox(id)) {
      for (const email of message.emails) expect(email.subject).toMatch(/^\[DRILL \(dry-run\)\] /);
    }

    const drills = await history();
    // Scored by what the plan as written is expected to take: the manual-free demo runbook fits in 15m.
    const waitAndProbes = 30 + 10;
    expect(drills.items[0]?.rto).toEqual({
      targetSeconds: 900,
      expected: { minSeconds: waitAndProbes, maxSeconds: expect.any(Number), fits: true },
    });
    expect(drills.items.map((d) => [d.kind, d.status])).toEqual([
      ['dry-run', 'recovered'],
      ['drill', 'recovered'],
    ]);
    // A dry-run proves nothing about the targets: the next drill stays due from the last real one.
    expect(drills.schedule.lastDrill?.incidentId).toBe(id);
    expect(Date.parse(drills.schedule.nextDueAt)).toBe(Date.parse(drills.items[1]?.endedAt ?? '') + 91 * DAY);
  });

  /** Advances the clock 10 s at a time until the incident reaches `status` (at most `rounds` times). */
  async function until(id: string, status: string, rounds = 30): Promise<IncidentView> {
    for (let i = 0; i < rounds; i++) {
      const view = await incident(id);
      if (view.status === status) return view;
      await advance(10 * SECOND);
    }
    return incident(id);
  }

  it('rehearses the round trip: a drill fails over and then back against the drill environment only', async () => {
    const refused = await startDrill({ workloadId: 'orders-api', mode: 'drill', failback: true });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('no_failback_runbook');

    const liveRequestsBefore = requestCount(live);
    const drillEffectsBefore = drillEnv.state().effects.length;
    const res = await startDrill({ workloadId: 'round-trip', mode: 'drill', failback: true });
    expect(res.status).toBe(202);
    const { incidentId: id } = (await res.json()) as { incidentId: string };
    const done = await until(id, 'failed-back');
    expect(done.status).toBe('failed-back');
    const statuses = done.timeline.filter((t) => t.type === 'status-changed').map((t) => t.message);
    expect(statuses.at(-1)).toMatch(/^DRILL failed-back: back on westeurope, primary healthy/);
    expect(statuses.some((m) => m.includes('approval skipped (drills.approval: skip)'))).toBe(true);

    // Both directions ran at the drill environment, each effect once; the live app saw nothing at all.
    const effects = drillEnv.state().effects.slice(drillEffectsBefore);
    expect(effects.map((e) => [e.endpoint, e.idempotencyKey])).toEqual([
      ['POST /cosmos/failover', `"lifeboat:${id}:cosmos"`],
      ['POST /traffic/switch', `"lifeboat:${id}:traffic"`],
      ['POST /cosmos/failover', expect.stringContaining(`${id}`) as string],
      ['POST /traffic/switch', expect.stringContaining(`${id}`) as string],
    ]);
    expect(drillEnv.state()).toMatchObject({ cosmosWriteRegion: 'westeurope', trafficRegion: 'westeurope' });
    expect(live.state().effects).toEqual([]);
    // Readiness keeps probing the live health endpoints in the background; the drill itself sent nothing there,
    // and its readiness and validation rounds went to the drill environment.
    expect(drillRequests(live, liveRequestsBefore)).toEqual([]);
    expect(
      drillEnv.state().requests.filter((r) => r.server === 'primary' && r.path === '/health'),
    ).not.toEqual([]);

    // The history scores the failover against the RTO and says how the failback went.
    const rounds = (await (await call('workloads/round-trip/drills', KEYS.viewer)).json()) as {
      items: (DrillHistory['items'][number] & { failback?: { status: string; seconds?: number } })[];
    };
    expect(rounds.items[0]).toMatchObject({
      incidentId: id,
      status: 'failed-back',
      rto: { targetSeconds: 900, met: true },
      failback: { status: 'failed-back', seconds: expect.any(Number) as number },
    });
  });

  it('rehearses the round trip in a dry-run that calls nothing', async () => {
    const before = { live: requestCount(live), drill: requestCount(drillEnv) };
    const res = await startDrill({ workloadId: 'round-trip', mode: 'dry-run', failback: true });
    expect(res.status).toBe(202);
    const { incidentId: id } = (await res.json()) as { incidentId: string };
    const done = await until(id, 'failed-back');
    expect(done.status).toBe('failed-back');
    expect(done.steps.map((s) => [s.id, s.status, s.dryRun?.requests[0]?.url])).toEqual([
      ['cosmos-back', 'succeeded', `${live.urls.automation}/cosmos/failover`],
      ['traffic-back', 'succeeded', `${live.urls.automation}/traffic/switch`],
    ]);
    expect(drillRequests(live, before.live)).toEqual([]);
    expect(requestCount(drillEnv)).toBe(before.drill);
  });

  it('skips approval for a workload whose drills skip it, and rehearses its manual step with an operator', async () => {
    const res = await startDrill({ workloadId: 'reports', mode: 'drill' });
    expect(res.status).toBe(202);
    const { incidentId: id } = (await res.json()) as { incidentId: string };
    const running = await incident(id);
    expect(running.status).toBe('failing-over');
    expect(running.timeline.map((e) => e.message)).toContainEqual(
      expect.stringContaining('approval skipped (the workload lets drills skip it'),
    );
    expect(outbox(id).map((m) => m.kind)).not.toContain('approval-request');
    await advance(10 * SECOND);
    expect((await incident(id)).steps.map((s) => [s.id, s.status])).toEqual([
      ['settle', 'succeeded'],
      ['check', 'waiting'],
    ]);
    expect((await act(id, 'confirm-step', KEYS.operator)).status).toBe(202);
    const done = await incident(id);
    expect(done.status).toBe('recovered');
    const drills = (await (await call('workloads/reports/drills', KEYS.viewer)).json()) as DrillHistory;
    expect(drills.schedule.everySeconds).toBe(14 * 86_400);
    expect(drills.items[0]).toMatchObject({ incidentId: id, kind: 'drill', rto: { met: true } });
  });

  it('lets a live alert during a drill open the live incident, aborts the drill saying why, and refuses a drill while it is open', async () => {
    const res = await startDrill({ workloadId: 'orders-api', mode: 'drill' });
    const { incidentId: drillId } = (await res.json()) as { incidentId: string };
    expect((await act(drillId, 'approve', KEYS.alice)).status).toBe(202);
    expect((await incident(drillId)).status).toBe('failing-over'); // in the wait step

    const alert = await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: `drill-test-alert-${++alertSequence}`,
          status: 'fired',
          severity: 'Sev0',
          summary: 'orders-api is down in West Europe',
          firedAt: new Date(clock.now() - 60 * SECOND).toISOString(),
          resources: [
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders-weu/providers/Microsoft.Web/sites/orders',
          ],
        },
      ],
    });
    expect(alert.status).toBe(202);
    await app.runtime.idle();

    const list = (await (await call('incidents?workload=orders-api&mode=live', KEYS.viewer)).json()) as {
      items: { id: string; status: string }[];
    };
    expect(list.items).toHaveLength(1);
    const liveId = list.items[0]?.id ?? '';
    expect(list.items[0]?.status).toBe('awaiting-approval');

    const drill = await incident(drillId);
    expect(drill.status).toBe('aborted');
    expect(drill.outcome?.reason).toBe(
      `DRILL aborted: a live incident (${liveId}) opened for this workload: the live one wins, so the drill stops`,
    );
    // The alert never joined the drill.
    expect(drill.alerts.count).toBe(0);
    expect(drill.timeline.find((e) => e.type === 'operator-action')).toMatchObject({ actor: 'lifeboat' });
    const outcome = outbox(drillId).find((m) => m.kind === 'incident-outcome');
    expect(outcome?.emails[0]?.subject).toMatch(/^\[DRILL\] /);
    expect(outcome?.emails[0]?.text).toContain('the live one wins');
    // Nothing of the drill ran after the abort: the steps after the wait never called the drill targets.
    await advance(60 * SECOND);
    expect(drillEnv.state().effects.filter((e) => e.idempotencyKey.includes(drillId))).toHaveLength(1);

    const refused = await startDrill({ workloadId: 'orders-api', mode: 'dry-run' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(liveId);

    const drills = await history();
    expect(drills.items[0]).toMatchObject({ incidentId: drillId, status: 'aborted' });
    expect(drills.items[0]?.outcome).toContain('the live one wins');
    expect((await incident(liveId)).status).toBe('awaiting-approval');
  });
});
