// `npm run bench:cosmos`: the app's state on Cosmos DB beside the embedded store, in one run. The real app in
// the local runtime (in this process, manual clock) takes an alert storm for three workloads (with
// redeliveries) and then runs one incident's runbook of no-op http steps to recovery, once on the embedded
// store and once on the Cosmos stand-in. Printed: times, and the Cosmos DB requests per alert and per runbook
// step by kind, which carry over to the real service's RU cost (the stand-in's times do not). Figures only:
// nothing here asserts them. See docs/benchmarks.md.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CosmosStandIn, type RequestKind } from '../../local/cosmos/CosmosStandIn';
import { installFunctionsCoreResolver } from '../../local/functionsCore/installFunctionsCoreResolver';
import { startAppRuntime } from '../../test/e2e/support/appRuntime';
import { fixed, table } from '../support/report';
import { runBenchMain, writeFiguresJson } from '../support/benchMain';
import { writeBenchCatalog } from '../runbook/writeBenchCatalog';

const ALERTS = Number(process.env.BENCH_COSMOS_ALERTS ?? 300);
const STEPS = Number(process.env.BENCH_COSMOS_STEPS ?? 50);
/** Alerts posted at once (as concurrent monitoring sources would). */
const CONCURRENT_POSTS = 20;
/** Every this-many-th alert is posted a second time (a redelivery). */
const REDELIVERY_EVERY = 10;
const STORM_WORKLOADS = ['storm-a', 'storm-b', 'storm-c'] as const;
const RUNBOOK_WORKLOAD = 'runbook';
const APPROVER = 'bench-approver-key-0123456789abcdef';

interface PhaseFigures {
  readonly ms: number;
  /** Cosmos DB document requests by kind (undefined on the embedded store). */
  readonly requests?: Record<RequestKind, number>;
}

interface BackendFigures {
  readonly store: 'embedded' | 'cosmos';
  readonly alerts: PhaseFigures;
  readonly runbook: PhaseFigures;
}

async function startTarget(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function stormAlert(n: number): Record<string, unknown> {
  return {
    schema: 'lifeboat.alert/v1',
    alerts: [
      {
        source: 'bench',
        id: `storm-${n}`,
        status: 'fired',
        severity: 'Sev2',
        summary: `storm alert ${n}`,
        firedAt: '2026-11-22T02:59:00Z',
        labels: { service: STORM_WORKLOADS[n % STORM_WORKLOADS.length] ?? 'storm-a', instance: `vm-${n}` },
      },
    ],
  };
}

async function runBackend(store: 'embedded' | 'cosmos', targetUrl: string): Promise<BackendFigures> {
  const catalogDir = writeBenchCatalog(targetUrl, [
    ...STORM_WORKLOADS.map((workloadId) => ({ workloadId, steps: 1 })),
    { workloadId: RUNBOOK_WORKLOAD, steps: STEPS },
  ]);
  const cosmos = store === 'cosmos' ? await CosmosStandIn.start() : undefined;
  const app = await startAppRuntime({
    catalogDir,
    settings: {
      LIFEBOAT_OPERATOR_KEYS: JSON.stringify([
        { key: APPROVER, name: 'bench', roles: ['viewer', 'approver'] },
      ]),
      ...(cosmos === undefined ? {} : { LIFEBOAT_COSMOS_CONNECTION_STRING: cosmos.connectionString }),
    },
  });
  const counts = () => cosmos?.requestCounts();
  const since = (
    before: Record<RequestKind, number> | undefined,
  ): Record<RequestKind, number> | undefined => {
    const after = counts();
    if (before === undefined || after === undefined) return undefined;
    return Object.fromEntries(
      Object.entries(after).map(([kind, n]) => [kind, n - (before[kind as RequestKind] ?? 0)]),
    ) as Record<RequestKind, number>;
  };
  try {
    // Alert storm: every alert posted, then the runtime left to correlate them all.
    const postings = Array.from({ length: ALERTS }, (_, n) => n).flatMap((n) =>
      n % REDELIVERY_EVERY === 0 ? [n, n] : [n],
    );
    const beforeStorm = counts();
    const stormStart = performance.now();
    for (let i = 0; i < postings.length; i += CONCURRENT_POSTS) {
      const responses = await Promise.all(
        postings.slice(i, i + CONCURRENT_POSTS).map((n) => app.postAlerts(stormAlert(n))),
      );
      for (const res of responses) {
        if (res.status !== 202)
          throw new Error(`POST /api/alerts answered ${res.status}: ${await res.text()}`);
      }
    }
    await app.runtime.idle();
    const alerts = { ms: performance.now() - stormStart, requests: since(beforeStorm) };
    const auth = { authorization: `Bearer ${APPROVER}` };
    const opened = (
      (await (await fetch(app.api('incidents'), { headers: auth })).json()) as {
        items: { workloadId: string }[];
      }
    ).items;
    // Exactly one incident per workload, or the figures measure something else.
    if (
      opened
        .map((i) => i.workloadId)
        .sort()
        .join() !== [...STORM_WORKLOADS].sort().join()
    ) {
      throw new Error(`the storm opened incidents for ${opened.map((i) => i.workloadId).join(', ')}`);
    }

    // One incident's runbook, from the approval to recovered.
    await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'bench',
          id: 'runbook-1',
          status: 'fired',
          severity: 'Sev1',
          summary: 'runbook workload down',
          firedAt: '2026-11-22T02:59:00Z',
          labels: { service: RUNBOOK_WORKLOAD },
        },
      ],
    });
    await app.runtime.idle();
    const list = (await (
      await fetch(app.api(`incidents?workload=${RUNBOOK_WORKLOAD}`), { headers: auth })
    ).json()) as {
      items: { id: string }[];
    };
    const id = list.items[0]?.id ?? '';
    const beforeRunbook = counts();
    const runbookStart = performance.now();
    const approved = await fetch(app.api(`incidents/${id}/actions/approve`), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    if (approved.status !== 202)
      throw new Error(`approve answered ${approved.status}: ${await approved.text()}`);
    await app.runtime.idle();
    const runbook = { ms: performance.now() - runbookStart, requests: since(beforeRunbook) };
    const done = (await (await fetch(app.api(`incidents/${id}`), { headers: auth })).json()) as {
      status: string;
      steps: { status: string }[];
    };
    if (done.status !== 'recovered' || done.steps.some((s) => s.status !== 'succeeded')) {
      throw new Error(`the runbook incident ended ${done.status}`);
    }
    return { store, alerts, runbook };
  } finally {
    await app.stop();
    await cosmos?.close();
  }
}

function documentRequests(requests: Record<RequestKind, number> | undefined): number | undefined {
  if (requests === undefined) return undefined;
  return Object.entries(requests).reduce(
    (sum, [kind, n]) => (kind === 'metadata' || kind === 'queryPlan' ? sum : sum + n),
    0,
  );
}

function byKind(requests: Record<RequestKind, number> | undefined, per: number): string {
  if (requests === undefined) return '–';
  return (['read', 'query', 'create', 'upsert', 'replace', 'delete'] as const)
    .map((kind) => `${kind} ${fixed(requests[kind] / per, 1)}`)
    .join(', ');
}

async function main(): Promise<void> {
  // The app's registrations go to the local runtime, as under npm start.
  installFunctionsCoreResolver();
  const target = await startTarget();
  try {
    console.log(
      `bench:cosmos: ${ALERTS} alerts (every ${REDELIVERY_EVERY}th twice) for 3 workloads; a runbook of ${STEPS} steps`,
    );
    const embedded = await runBackend('embedded', target.url);
    const cosmos = await runBackend('cosmos', target.url);
    const postings = ALERTS + Math.ceil(ALERTS / REDELIVERY_EVERY);
    const rows = [
      ['', 'embedded (baseline)', 'Cosmos DB (stand-in)'],
      [
        'storm: all alerts correlated',
        `${fixed(embedded.alerts.ms / 1000, 2)} s`,
        `${fixed(cosmos.alerts.ms / 1000, 2)} s`,
      ],
      [
        '  per alert',
        `${fixed(embedded.alerts.ms / ALERTS, 2)} ms`,
        `${fixed(cosmos.alerts.ms / ALERTS, 2)} ms`,
      ],
      [
        '  Cosmos requests per alert',
        '–',
        fixed((documentRequests(cosmos.alerts.requests) ?? NaN) / ALERTS, 1),
      ],
      [
        'runbook: approval to recovered',
        `${fixed(embedded.runbook.ms / 1000, 2)} s`,
        `${fixed(cosmos.runbook.ms / 1000, 2)} s`,
      ],
      [
        '  per step',
        `${fixed(embedded.runbook.ms / STEPS, 2)} ms`,
        `${fixed(cosmos.runbook.ms / STEPS, 2)} ms`,
      ],
      [
        '  Cosmos requests per step',
        '–',
        fixed((documentRequests(cosmos.runbook.requests) ?? NaN) / STEPS, 1),
      ],
    ];
    console.log(`\n${table(rows)}`);
    console.log(
      `\nCosmos requests per alert by kind (${postings} posts): ${byKind(cosmos.alerts.requests, ALERTS)}`,
    );
    console.log(`Cosmos requests per runbook step by kind: ${byKind(cosmos.runbook.requests, STEPS)}`);
    writeFiguresJson(process.env.BENCH_JSON, { alerts: ALERTS, steps: STEPS, embedded, cosmos });
  } finally {
    await target.close();
  }
}

runBenchMain(main);
