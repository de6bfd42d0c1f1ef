// Exactly one incident per correlation key under duplicates, shuffled order and concurrent consumers:
// 2,000 alerts for 3 workloads, each delivered 1–5 times (as Service Bus redelivers), straight onto the
// queue the correlator reads with 16 concurrent calls.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { container } from '../../shared/container';
import type { Alert } from '../../shared/domain/alerts/Alert';
import { ALERTS_QUEUE } from '../../shared/domain/contracts/queues';
import { tempDataDir } from '../local/support/testRuntime';
import { genericAlert } from '../support/genericAlert';
import { sampleCatalogDir, startAppRuntime } from './support/appRuntime';

const ALERTS = 2000;
const WORKLOADS = ['orders-api', 'billing-api', 'search-api'] as const;
const MAX_DELIVERIES = 5;
const CHUNKS = 25;
const SEED = 20261122;

/** mulberry32: a small seeded generator, so a failure can be replayed exactly. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function catalogWithThreeWorkloads(): string {
  const dir = tempDataDir();
  mkdirSync(path.join(dir, 'workloads'));
  copyFileSync(
    path.join(sampleCatalogDir, 'workloads/orders-api.yaml'),
    path.join(dir, 'workloads/orders-api.yaml'),
  );
  // orders-api names its failover and failback runbooks, and the catalog checks that they exist.
  mkdirSync(path.join(dir, 'runbooks'));
  for (const runbook of ['orders-api-failover.yaml', 'orders-api-failback.yaml']) {
    copyFileSync(path.join(sampleCatalogDir, 'runbooks', runbook), path.join(dir, 'runbooks', runbook));
  }
  for (const id of ['billing-api', 'search-api']) {
    writeFileSync(
      path.join(dir, 'workloads', `${id}.yaml`),
      [
        'kind: Workload',
        `id: ${id}`,
        `name: ${id}`,
        'tier: 2',
        'rto: 4h',
        'rpo: 1h',
        'strategy: cold-standby',
        'regions: { primary: westeurope, secondary: northeurope }',
        'services: [App Service]',
        `match: { labels: { service: ${id} } }`,
        'contacts:',
        '  approver: [{ name: A, email: a@example.com }, { name: B, email: b@example.com }]',
        '  deputy: [{ name: C, email: c@example.com }]',
        '  executive: [{ name: D, email: d@example.com }]',
      ].join('\n'),
    );
  }
  return dir;
}

function alertFor(index: number, workloadId: string): Alert {
  return genericAlert({
    id: `alert-${index}`,
    source: 'load-test',
    summary: `synthetic alert ${index}`,
    firedAt: new Date(Date.UTC(2026, 10, 22, 3, 0, index % 60)).toISOString(),
    labels: { service: workloadId },
  });
}

describe('correlation under duplicates and concurrency', () => {
  it(`turns ${ALERTS} alerts for ${WORKLOADS.length} workloads, delivered 1–${MAX_DELIVERIES} times, into exactly ${WORKLOADS.length} incidents`, async () => {
    const app = await startAppRuntime({ catalogDir: catalogWithThreeWorkloads() });
    try {
      const random = seededRandom(SEED);
      const alerts = Array.from({ length: ALERTS }, (_, i) =>
        alertFor(i, WORKLOADS[i % WORKLOADS.length] ?? 'orders-api'),
      );
      const deliveries = alerts.flatMap((alert) =>
        Array.from({ length: 1 + Math.floor(random() * MAX_DELIVERIES) }, (_, copy) => ({
          // Distinct message ids get past the queue's duplicate detection, as redeliveries do.
          messageId: `${alert.id}#${copy}`,
          body: alert,
        })),
      );
      for (let i = deliveries.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const [a, b] = [deliveries[i], deliveries[j]];
        if (a && b) [deliveries[i], deliveries[j]] = [b, a];
      }
      const chunk = Math.ceil(deliveries.length / CHUNKS);
      for (let start = 0; start < deliveries.length; start += chunk) {
        app.runtime.queue.send(ALERTS_QUEUE, deliveries.slice(start, start + chunk));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await app.runtime.idle();

      const incidents = app.runtime.store.queryInstances({ top: 1000 }).filter((i) => i.name === 'incident');
      expect(incidents.map((i) => i.instanceId.replace(/-\d{8}-\d{6}$/, '')).sort()).toEqual(
        [...WORKLOADS].sort(),
      );
      expect(app.runtime.queue.deadLetters(ALERTS_QUEUE)).toEqual([]);

      const store = container().correlationStore();
      for (const incident of incidents) {
        const recorded = await store.readIncidentAlerts(incident.instanceId);
        const workloadId = recorded?.workloadId ?? '';
        const expected = alerts.filter((a) => a.labels.service === workloadId).map((a) => a.id);
        const ids = recorded?.alerts.map((a) => a.id) ?? [];
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual(expected.sort());
      }
      const everyAlert = await container()
        .alertStore()
        .list({ limit: ALERTS + 10 });
      expect(everyAlert.items).toHaveLength(ALERTS);
      expect(deliveries.length).toBeGreaterThan(ALERTS * 2);
    } finally {
      await app.stop();
    }
  });
});
