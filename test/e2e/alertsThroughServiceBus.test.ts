// Alerts end to end with Service Bus on the AMQP stand-in: POST /api/alerts sends through @azure/service-bus
// and the local runtime's correlator trigger receives through it. A storm of alerts for one workload reaches
// one incident, and a stand-in outage mid-storm loses none: the intake answers 503 (with Retry-After) while
// it cannot enqueue, the sources retry, and everything arrives once the bus is back.
import { container } from '../../shared/container';
import { ALERTS_QUEUE } from '../../shared/domain/contracts/queues';
import { ServiceBusStandIn } from '../standins/serviceBus/ServiceBusStandIn';
import { waitFor } from '../local/support/testRuntime';
import { startAppRuntime } from './support/appRuntime';
import { writeRunbookCatalog } from './support/runbookCatalog';

const ALERTS = 120;
const SENDERS = 6;
const OUTAGE_AFTER = 40;
const OUTAGE_MS = 3_000;
const RETRY_DELAY_MS = 250;

jest.setTimeout(180_000);

describe('alerts through Service Bus (stand-in)', () => {
  it(`turns a storm of ${ALERTS} alerts into one incident, losing none across a bus outage`, async () => {
    const sb = await ServiceBusStandIn.start({
      queues: [{ name: ALERTS_QUEUE, duplicateDetectionWindowMs: 600_000, lockDurationMs: 5_000 }],
      topics: [{ name: 'incident-events', duplicateDetectionWindowMs: 600_000, subscriptions: ['audit'] }],
    });
    const catalogDir = writeRunbookCatalog([
      {
        id: 'storm',
        steps: [{ id: 'look', name: 'Look', type: 'manual', instructions: 'Look.', timeout: '10m' }],
        activation: { activateWhen: { minSeverity: 'Sev0' } },
      },
    ]);
    const app = await startAppRuntime({
      catalogDir,
      settings: { ServiceBusConnection: sb.connectionString },
    });
    try {
      const statuses = new Map<number, number>();
      const accepted = new Set<string>();
      let next = 0;
      let outage: Promise<void> | undefined;
      const post = async (index: number) => {
        for (;;) {
          const res = await app.postAlerts({
            schema: 'lifeboat.alert/v1',
            alerts: [
              {
                source: 'storm-test',
                id: `storm-${index}`,
                status: 'fired',
                severity: 'Sev2',
                summary: `storm alert ${index}`,
                firedAt: new Date(Date.now() - 1000).toISOString(),
                labels: { service: 'storm' },
              },
            ],
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);

          if (res.status === 202) {
            const body = (await res.json()) as { alerts: { id: string }[] };
            for (const alert of body.alerts) accepted.add(alert.id);
            return;
          }
          expect(res.status).toBe(503);
          expect(res.headers.get('retry-after')).not.toBeNull();
          await res.text();
          // As Azure Monitor and Alertmanager do: the same notification again, a little later.
          await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
        }
      };
      const sender = async () => {
        while (next < ALERTS) {
          const index = next++;
          if (index === OUTAGE_AFTER) {
            outage = (async () => {
              await sb.goOffline();
              await new Promise((r) => setTimeout(r, OUTAGE_MS));
              await sb.comeBack();
            })();
          }
          await post(index);
        }
      };
      await Promise.all(Array.from({ length: SENDERS }, sender));
      await outage;

      expect(accepted.size).toBe(ALERTS);
      expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
      expect([...statuses.keys()].sort()).toEqual([202, 503]);

      const alerts = container().alertStore();
      await waitFor(
        'every accepted alert to be correlated',
        async () => {
          const stored = await alerts.list({ workloadId: 'storm', limit: ALERTS + 10 });
          return stored.items.length >= ALERTS ? true : undefined;
        },
        120_000,
      );
      const stored = await alerts.list({ workloadId: 'storm', limit: ALERTS + 10 });
      expect(new Set(stored.items.map((a) => a.alert.id))).toEqual(accepted);
      const incidents = app.incidentIds();
      expect(incidents).toHaveLength(1);
      const recorded = await container()
        .correlationStore()
        .readIncidentAlerts(incidents[0] ?? '');
      expect(new Set(recorded?.alerts.map((a) => a.id))).toEqual(accepted);
      expect(sb.deadLetters(ALERTS_QUEUE)).toEqual([]);
    } finally {
      await app.stop();
      await sb.stop();
    }
  });
});
