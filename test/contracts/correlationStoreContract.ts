// The CorrelationStore contract: behaviour every implementation must show (the embedded store, and the Cosmos
// adapter on its stand-in), including exactly one `opened` per workload under concurrent correlators on
// separate instances. Call describeCorrelationStoreContract from a *.test.ts file.
import type { IncidentAlert } from '../../shared/domain/correlation/IncidentAlert';
import type { Correlation, CorrelationStore } from '../../shared/ports/CorrelationStore';

export interface CorrelationStoreContractFixture {
  /** An empty store. */
  readonly store: CorrelationStore;
  /** Another store on the same data, as a second app instance (its own connection, its own caches). */
  readonly anotherInstance: () => CorrelationStore;
  readonly dispose: () => Promise<void>;
}

const T0 = '2026-11-22T03:12:05.000Z';
const CORRELATORS = 20;
const CONCURRENCY_WORKLOADS = ['orders-api', 'billing-api', 'search-api'] as const;
const ALERTS_PER_WORKLOAD = 12;
const DELIVERIES = 3;

export function notification(
  id: string,
  fingerprint: string,
  condition: 'fired' | 'resolved',
  at = T0,
): IncidentAlert {
  return {
    id,
    fingerprint,
    severity: 'Sev1',
    condition,
    firedAt: condition === 'fired' ? at : '2026-11-22T03:00:00.000Z',
    ...(condition === 'resolved' ? { resolvedAt: at } : {}),
    targetResourceIds: [],
    monitoringService: 'Platform',
    signalType: 'Metric',
    alertRule: 'rule',
    impactedServices: [],
    summary: `${fingerprint} ${condition}`,
    receivedAt: at,
  };
}

export function describeCorrelationStoreContract(
  name: string,
  factory: () => Promise<CorrelationStoreContractFixture>,
): void {
  describe(`${name} satisfies the CorrelationStore contract`, () => {
    let fixture: CorrelationStoreContractFixture | undefined;
    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await fixture?.dispose();
      fixture = undefined;
    });
    const current = (): CorrelationStoreContractFixture => {
      if (!fixture) throw new Error('The contract fixture was not created.');
      return fixture;
    };
    const store = () => current().store;
    const correlate = (alert: IncidentAlert, at = T0, workloadId = 'orders-api') =>
      store().correlate({ workloadId, alert, at });

    it('opens one window per workload and joins later alerts to it', async () => {
      const first = await correlate(notification('a1', 'f1', 'fired'));
      const second = await correlate(notification('a2', 'f2', 'fired'), '2026-11-22T03:13:00.000Z');
      const other = await correlate(notification('a3', 'f3', 'fired'), T0, 'billing');

      expect(first).toEqual({
        outcome: 'opened',
        incidentId: 'orders-api-20261122-031205',
        openedAt: T0,
        windowOpen: true,
        started: false,
        signal: false,
      });
      expect(second).toMatchObject({
        outcome: 'joined',
        incidentId: 'orders-api-20261122-031205',
        signal: true,
      });
      expect(other).toMatchObject({ outcome: 'opened', incidentId: 'billing-20261122-031205' });
      expect((await store().openWindows()).map((w) => w.incidentId)).toEqual([
        'billing-20261122-031205',
        'orders-api-20261122-031205',
      ]);
    });

    it('coalesces wake-ups until the orchestration has read the alerts', async () => {
      const opened = await correlate(notification('a1', 'f1', 'fired'));
      const incidentId = opened.incidentId ?? '';

      expect((await correlate(notification('a2', 'f2', 'fired'))).signal).toBe(true);
      expect((await correlate(notification('a3', 'f3', 'fired'))).signal).toBe(false);
      const read = await store().readIncidentAlerts(incidentId);
      expect((await correlate(notification('a4', 'f4', 'fired'))).signal).toBe(true);

      expect(read).toMatchObject({ incidentId, workloadId: 'orders-api', openedAt: T0, version: 3 });
      expect(read?.alerts.map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
      expect(read?.alerts[0]).toEqual(notification('a1', 'f1', 'fired'));
    });

    it('answers a redelivery with the first decision, and a wake-up when none is pending', async () => {
      const first = await correlate(notification('a1', 'f1', 'fired'));
      await store().markStarted(first.incidentId ?? '');

      const again = await correlate(notification('a1', 'f1', 'fired'));
      const thrice = await correlate(notification('a1', 'f1', 'fired'));

      expect(again).toMatchObject({
        outcome: 'already-recorded',
        incidentId: first.incidentId,
        started: true,
        windowOpen: true,
        signal: true,
      });
      expect(thrice.signal).toBe(false);
      expect((await store().readIncidentAlerts(first.incidentId ?? ''))?.alerts).toHaveLength(1);
    });

    it('holds a resolution that overtook its firing, and the firing adopts it', async () => {
      const held = await correlate(notification('r1', 'f1', 'resolved', '2026-11-22T03:20:00.000Z'));
      const opened = await correlate(notification('a1', 'f1', 'fired'));

      expect(held).toEqual({ outcome: 'held', windowOpen: false, started: false, signal: false });
      const read = await store().readIncidentAlerts(opened.incidentId ?? '');
      expect(read?.alerts.map((a) => a.id).sort()).toEqual(['a1', 'r1']);
      expect(read?.version).toBe(2);
    });

    it('refuses to close a window that changed since it was read, and closes it otherwise', async () => {
      const opened = await correlate(notification('a1', 'f1', 'fired'));
      const incidentId = opened.incidentId ?? '';
      const read = await store().readIncidentAlerts(incidentId);
      await correlate(notification('a2', 'f2', 'fired'));

      expect(await store().closeWindow(incidentId, read?.version ?? -1, T0)).toEqual({
        closed: false,
        reason: 'changed',
      });
      const reread = await store().readIncidentAlerts(incidentId);
      expect(await store().closeWindow(incidentId, reread?.version ?? -1, T0)).toEqual({
        closed: true,
        closedAt: T0,
      });
      expect(await store().closeWindow(incidentId, 0, '2026-11-22T04:00:00.000Z')).toEqual({
        closed: true,
        closedAt: T0,
      });
      expect(await store().closeWindow('orders-api-20261122-999999', 0, T0)).toEqual({
        closed: false,
        reason: 'not-found',
      });
      expect(await store().openWindows()).toEqual([]);
      expect(await store().readIncidentAlerts('orders-api-20261122-999999')).toBeUndefined();
    });

    it('sends a late resolution to the closed incident that holds its firing, and a new firing to a new incident', async () => {
      const opened = await correlate(notification('a1', 'f1', 'fired'));
      const incidentId = opened.incidentId ?? '';
      const read = await store().readIncidentAlerts(incidentId);
      await store().closeWindow(incidentId, read?.version ?? -1, T0);

      const late = await correlate(notification('r1', 'f1', 'resolved', '2026-11-22T03:30:00.000Z'));
      const next = await correlate(notification('a2', 'f2', 'fired'), T0);

      expect(late).toMatchObject({ outcome: 'late', incidentId, windowOpen: false, signal: false });
      // Same workload, same second: the id must still be new, because it is also the orchestration's id.
      expect(next).toMatchObject({ outcome: 'opened', incidentId: `${incidentId}-2` });
      expect((await store().readIncidentAlerts(incidentId))?.alerts.map((a) => a.id)).toEqual(['a1', 'r1']);
    });

    it('reads on another instance exactly what this one recorded', async () => {
      const opened = await correlate(notification('a1', 'f1', 'fired'));
      await correlate(notification('a2', 'f2', 'fired'));
      const other = current().anotherInstance();
      expect(await other.readIncidentAlerts(opened.incidentId ?? '')).toEqual(
        await store().readIncidentAlerts(opened.incidentId ?? ''),
      );
    });

    it('reads, with whatever it keeps from its last read, always what a fresh instance reads', async () => {
      // Joins, held resolutions adopted by a later firing, late notifications after the close, redeliveries,
      // and notifications older than what was already read, with reads in between.
      const minute = (m: number) => `2026-11-22T03:${String(m).padStart(2, '0')}:00.000Z`;
      const steps: (['correlate', IncidentAlert] | ['read'] | ['close'])[] = [
        ['correlate', notification('a3', 'f1', 'fired', minute(30))],
        ['read'],
        ['correlate', notification('a1', 'f2', 'fired', minute(10))],
        ['correlate', notification('r9', 'f3', 'resolved', minute(40))],
        ['read'],
        ['correlate', notification('a2', 'f3', 'fired', minute(20))],
        ['correlate', notification('a1', 'f2', 'fired', minute(10))],
        ['read'],
        ['read'],
        ['close'],
        ['correlate', notification('r1', 'f1', 'resolved', minute(50))],
        ['read'],
      ];
      const incidentId = 'orders-api-20261122-031205';
      for (const step of steps) {
        if (step[0] === 'correlate') {
          await correlate(step[1]);
        } else if (step[0] === 'close') {
          await store().closeWindow(incidentId, undefined, T0);
        } else {
          const cached = await store().readIncidentAlerts(incidentId);
          const fresh = await current().anotherInstance().readIncidentAlerts(incidentId);
          expect(cached).toEqual(fresh);
        }
      }
      const final = await store().readIncidentAlerts(incidentId);
      expect(final?.alerts.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'r9', 'r1']);
    });

    it(`opens exactly one incident per workload under ${CORRELATORS} concurrent correlators on separate instances, with duplicates`, async () => {
      const instances = Array.from({ length: CORRELATORS }, () => current().anotherInstance());
      // Every alert of every workload, each delivered DELIVERIES times, dealt round-robin to the correlators;
      // each correlator takes its deliveries one after another, as a queue consumer does, all at once.
      const deliveries = CONCURRENCY_WORKLOADS.flatMap((workloadId) =>
        Array.from({ length: ALERTS_PER_WORKLOAD * DELIVERIES }, (_, n) => ({
          workloadId,
          alert: notification(`${workloadId}-alert-${n % ALERTS_PER_WORKLOAD}`, `f${n % 4}`, 'fired'),
        })),
      );
      const outcomes: (Correlation & { workloadId: string })[] = [];
      await Promise.all(
        instances.map(async (instance, i) => {
          for (const d of deliveries.filter((_, n) => n % CORRELATORS === i)) {
            outcomes.push({ ...(await instance.correlate({ ...d, at: T0 })), workloadId: d.workloadId });
          }
        }),
      );

      for (const workloadId of CONCURRENCY_WORKLOADS) {
        const mine = outcomes.filter((o) => o.workloadId === workloadId);
        expect(mine.filter((o) => o.outcome === 'opened')).toHaveLength(1);
        expect(new Set(mine.map((o) => o.incidentId))).toEqual(new Set([`${workloadId}-20261122-031205`]));
        // Each alert recorded once: the first delivery joins (or opens), the others are redeliveries.
        expect(mine.filter((o) => o.outcome === 'already-recorded')).toHaveLength(
          ALERTS_PER_WORKLOAD * (DELIVERIES - 1),
        );
        const read = await store().readIncidentAlerts(`${workloadId}-20261122-031205`);
        expect(read?.alerts).toHaveLength(ALERTS_PER_WORKLOAD);
        expect(read?.version).toBe(ALERTS_PER_WORKLOAD);
      }
      expect((await store().openWindows()).map((w) => w.workloadId).sort()).toEqual(
        [...CONCURRENCY_WORKLOADS].sort(),
      );
    });
  });
}
