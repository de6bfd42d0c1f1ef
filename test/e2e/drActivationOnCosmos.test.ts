// The whole DR activation on the Cosmos DB stores, beside the same run on the embedded store, with the same
// outcome: a fixture alert from Azure Monitor, correlation, the approval link from the approval email
// (outbox) confirmed through its page's form, the failover runbook against the two-region demo app,
// validation of the secondary, and `recovered` with the RTO measured, every change published as an incident
// event once — all read over the public API.
import { ManualClock } from '../../local/clock/Clock';
import { CosmosStandIn } from '../../local/cosmos/CosmosStandIn';
import { startTwoRegionDemoApp, type RunningDemoApp } from '../../local/demo/TwoRegionDemoApp';
import { waitFor } from '../local/support/testRuntime';
import { alertFixture, startAppRuntime } from './support/appRuntime';
import { writeDemoFailoverCatalog } from './support/demoFailoverCatalog';

const SECOND = 1000;
const OPERATOR = 'operator-key-0123456789abcdef';
const AUTOMATION_TOKEN = 'Bearer demo-automation-token-for-the-cosmos-test';

interface IncidentView {
  id: string;
  status: string;
  rto: { targetSeconds: number; elapsedSeconds: number; met?: boolean };
  approval: { status: string; decisions: { approver: string; channel: string; comment?: string }[] };
  steps: { id: string; status: string; attempts: number }[];
  alerts: { count: number };
  timeline: { type: string; message: string }[];
  outcome?: { status: string; reason: string };
}

/** What the two runs must agree on: everything a user reads, minus ids and instants. */
interface Outcome {
  readonly incident: unknown;
  readonly demo: unknown;
}

/** Ports and latencies differ between runs; everything else must not. */
function runFree(message: string): string {
  return message.replace(/127\.0\.0\.1:\d+/g, 'demo').replace(/\d+ ms/g, 'N ms');
}

async function runActivation(store: 'embedded' | 'cosmos', doubleExecution = false): Promise<Outcome> {
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const demo: RunningDemoApp = await startTwoRegionDemoApp({
      primaryPort: 0,
      secondaryPort: 0,
      automationPort: 0,
      automationToken: AUTOMATION_TOKEN,
    });
    cleanup.push(() => demo.close());
    await fetch(`${demo.urls.automation}/demo/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ region: 'westeurope', down: true }),
    });
    const catalogDir = writeDemoFailoverCatalog(demo);
    let cosmos: CosmosStandIn | undefined;
    if (store === 'cosmos') {
      cosmos = await CosmosStandIn.start();
      cleanup.push(() => cosmos?.close() ?? Promise.resolve());
    }
    const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
    const app = await startAppRuntime({
      catalogDir,
      clock,
      doubleExecution,
      settings: {
        LIFEBOAT_OPERATOR_KEYS: JSON.stringify([{ key: OPERATOR, name: 'oscar', roles: ['viewer'] }]),
        LIFEBOAT_DEMO_AUTOMATION_TOKEN: AUTOMATION_TOKEN,
        ...(cosmos === undefined
          ? {}
          : {
              LIFEBOAT_COSMOS_CONNECTION_STRING: cosmos.connectionString,
              LIFEBOAT_COSMOS_DATABASE: 'lifeboat-e2e',
            }),
      },
    });
    cleanup.push(() => app.stop());
    const viewer = { headers: { authorization: `Bearer ${OPERATOR}` } };
    const incident = async (id: string) =>
      (await (await fetch(app.api(`incidents/${id}`), viewer)).json()) as IncidentView;
    const advance = async (ms: number) => {
      clock.advance(ms);
      await app.runtime.idle();
    };

    const health = (await (await fetch(app.api('health'))).json()) as {
      checks: { name: string; ok: boolean }[];
    };
    expect(health.checks.map((c) => c.name)).toEqual(
      store === 'cosmos' ? ['embedded-database', 'cosmos-db'] : ['embedded-database'],
    );

    // Two alerts of one outage, the second delivered twice: one incident.
    expect((await app.postAlerts(alertFixture('azure-monitor-metric-fired.json'))).status).toBe(202);
    expect((await app.postAlerts(alertFixture('azure-monitor-log-v2.json'))).status).toBe(202);
    expect((await app.postAlerts(alertFixture('azure-monitor-log-v2.json'))).status).toBe(202);
    await app.runtime.idle();
    const list = (await (await fetch(app.api('incidents?workload=orders-api'), viewer)).json()) as {
      items: { id: string }[];
    };
    expect(list.items).toHaveLength(1);
    const id = list.items[0]?.id ?? '';
    expect((await incident(id)).status).toBe('awaiting-approval');

    const line = await waitFor('the approval link for Alice', () =>
      app.outboxLines.find((l) => l.startsWith('Approve as Alice:')),
    );
    const link = new URL(/(https?:\/\/\S+)/.exec(line)?.[1] ?? '');
    // The page decides nothing (mail scanners fetch it); its form's POST decides, once.
    expect((await fetch(link)).status).toBe(200);
    expect((await incident(id)).approval.status).toBe('pending');
    const submit = () =>
      fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ decision: 'approve', comment: 'West Europe is down; go' }).toString(),
      });
    const [first, second] = await Promise.all([submit(), submit()]);
    // Submitted twice at once (a double click): one decides, the other is told the link was used.
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const pages = [await first.text(), await second.text()];
    expect(pages.filter((p) => p.includes('Decision recorded'))).toHaveLength(1);

    await app.runtime.idle();
    expect((await incident(id)).status).toBe('failing-over');
    await advance(30 * SECOND); // the wait step; then switch-traffic and the first probe round
    await advance(10 * SECOND); // the step's second passing round; validation's first
    await advance(10 * SECOND); // validation's second
    const done = await incident(id);
    // Every timeline entry reached the incident-events topic once, in order (the outbox on either store).
    const events = await waitFor('every event published', async () => {
      const page = (await (await fetch(app.api(`events?incident=${id}&limit=200`), viewer)).json()) as {
        items: { id: string; type: string; data: { timelineEntryId: string } }[];
      };
      return page.items.length === done.timeline.length ? page.items : undefined;
    });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const state = demo.state();
    if (cosmos !== undefined) {
      // The app's state went to Cosmos DB: the incident's head is there, read with the SDK's protocol.
      expect(cosmos.requestCounts()).toMatchObject({
        create: expect.any(Number),
        replace: expect.any(Number),
      });
      expect(cosmos.documentRequests()).toBeGreaterThan(50);
    }
    return {
      incident: {
        status: done.status,
        alerts: done.alerts.count,
        rto: done.rto,
        approval: done.approval,
        steps: done.steps.map((s) => [s.id, s.status, s.attempts]),
        outcome: done.outcome && { ...done.outcome, reason: runFree(done.outcome.reason) },
        timeline: done.timeline.map((t) => [t.type, runFree(t.message)]),
        events: events.map((e) => e.type),
      },
      demo: {
        cosmosWriteRegion: state.cosmosWriteRegion,
        trafficRegion: state.trafficRegion,
        effects: state.effects.map((e) => e.endpoint),
      },
    };
  } finally {
    for (const undo of cleanup.reverse()) await undo();
  }
}

describe('a DR activation on the Cosmos DB stores', () => {
  it('ends recovered, exactly as on the embedded store', async () => {
    const embedded = await runActivation('embedded');
    const cosmos = await runActivation('cosmos');

    expect(cosmos.incident).toMatchObject({
      status: 'recovered',
      alerts: 2,
      rto: { targetSeconds: 900, elapsedSeconds: 50, met: true },
      approval: {
        status: 'approved',
        decisions: [
          expect.objectContaining({ approver: 'alice@example.com', comment: 'West Europe is down; go' }),
        ],
      },
      steps: [
        ['freeze-writes', 'failed', 1],
        ['failover-cosmos', 'succeeded', 1],
        ['wait-for-replication', 'succeeded', 1],
        ['switch-traffic', 'succeeded', 1],
        ['validate-secondary', 'succeeded', 2], // two passing probe rounds
      ],
      events: expect.arrayContaining([
        'io.lifeboat.incident.detected',
        'io.lifeboat.incident.approval-decision',
        'io.lifeboat.incident.recovered',
      ]),
    });
    expect(cosmos.demo).toEqual({
      cosmosWriteRegion: 'northeurope',
      trafficRegion: 'northeurope',
      effects: ['POST /cosmos/failover', 'POST /traffic/switch'],
    });
    expect(cosmos).toEqual(embedded);
  });

  it('ends the same with every activity run twice and every episode replayed twice (idempotent on Cosmos DB)', async () => {
    const once = await runActivation('cosmos');
    const twice = await runActivation('cosmos', true);
    expect(twice).toEqual(once);
  });
});
