// The embedded correlation store: join-or-open, coalesced wake-ups, out-of-order notifications, closing.
import { EmbeddedCorrelationStore } from '../../../../shared/adapters/sqlite/EmbeddedCorrelationStore';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import type { IncidentAlert } from '../../../../shared/domain/correlation/IncidentAlert';
import { tempDataDir } from '../../../local/support/testRuntime';

const T0 = '2026-11-22T03:12:05.000Z';

function notification(
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

describe('EmbeddedCorrelationStore', () => {
  let db: EmbeddedDatabase;
  let store: EmbeddedCorrelationStore;

  beforeEach(() => {
    db = openEmbeddedDatabase(tempDataDir());
    store = new EmbeddedCorrelationStore(db);
  });
  afterEach(() => db.close());

  const correlate = (alert: IncidentAlert, at = T0, workloadId = 'orders-api') =>
    store.correlate({ workloadId, alert, at });

  it('opens one window per workload and joins later alerts to it', async () => {
    const first = await correlate(notification('a1', 'f1', 'fired'));
    const second = await correlate(notification('a2', 'f2', 'fired'), '2026-11-22T03:13:00.000Z');
    const other = await correlate(notification('a3', 'f3', 'fired'), T0, 'billing');

    expect(first).toMatchObject({
      outcome: 'opened',
      incidentId: 'orders-api-20261122-031205',
      started: false,
    });
    expect(second).toMatchObject({ outcome: 'joined', incidentId: 'orders-api-20261122-031205' });
    expect(other).toMatchObject({ outcome: 'opened', incidentId: 'billing-20261122-031205' });
    expect((await store.openWindows()).map((w) => w.incidentId)).toEqual([
      'billing-20261122-031205',
      'orders-api-20261122-031205',
    ]);
  });

  it('coalesces wake-ups until the orchestration has read the alerts', async () => {
    const opened = await correlate(notification('a1', 'f1', 'fired'));
    const incidentId = opened.incidentId ?? '';

    expect((await correlate(notification('a2', 'f2', 'fired'))).signal).toBe(true);
    expect((await correlate(notification('a3', 'f3', 'fired'))).signal).toBe(false);
    const read = await store.readIncidentAlerts(incidentId);
    expect((await correlate(notification('a4', 'f4', 'fired'))).signal).toBe(true);

    expect(read?.alerts.map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    expect(read?.version).toBe(3);
  });

  it('answers a redelivery with the first decision, and a wake-up when none is pending', async () => {
    const first = await correlate(notification('a1', 'f1', 'fired'));
    await store.markStarted(first.incidentId ?? '');

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
    expect((await store.readIncidentAlerts(first.incidentId ?? ''))?.alerts).toHaveLength(1);
  });

  it('holds a resolution that overtook its firing, and the firing adopts it', async () => {
    const held = await correlate(notification('r1', 'f1', 'resolved', '2026-11-22T03:20:00.000Z'));
    const opened = await correlate(notification('a1', 'f1', 'fired'));

    expect(held).toEqual({ outcome: 'held', windowOpen: false, started: false, signal: false });
    const read = await store.readIncidentAlerts(opened.incidentId ?? '');
    expect(read?.alerts.map((a) => a.id).sort()).toEqual(['a1', 'r1']);
    expect(read?.version).toBe(2);
  });

  it('refuses to close a window that changed since it was read, and closes it otherwise', async () => {
    const opened = await correlate(notification('a1', 'f1', 'fired'));
    const incidentId = opened.incidentId ?? '';
    const read = await store.readIncidentAlerts(incidentId);
    await correlate(notification('a2', 'f2', 'fired'));

    expect(await store.closeWindow(incidentId, read?.version ?? -1, T0)).toEqual({
      closed: false,
      reason: 'changed',
    });
    const reread = await store.readIncidentAlerts(incidentId);
    expect(await store.closeWindow(incidentId, reread?.version ?? -1, T0)).toEqual({
      closed: true,
      closedAt: T0,
    });
    expect(await store.closeWindow(incidentId, 0, '2026-11-22T04:00:00.000Z')).toEqual({
      closed: true,
      closedAt: T0,
    });
    expect(await store.closeWindow('nope', 0, T0)).toEqual({ closed: false, reason: 'not-found' });
  });

  it('sends a late resolution to the closed incident that holds its firing, and a new firing to a new incident', async () => {
    const opened = await correlate(notification('a1', 'f1', 'fired'));
    const incidentId = opened.incidentId ?? '';
    const read = await store.readIncidentAlerts(incidentId);
    await store.closeWindow(incidentId, read?.version ?? -1, T0);

    const late = await correlate(notification('r1', 'f1', 'resolved', '2026-11-22T03:30:00.000Z'));
    const next = await correlate(notification('a2', 'f2', 'fired'), T0);

    expect(late).toMatchObject({ outcome: 'late', incidentId, windowOpen: false, signal: false });
    // Same workload, same second: the id must still be new, because it is also the orchestration's id.
    expect(next).toMatchObject({ outcome: 'opened', incidentId: `${incidentId}-2` });
  });

  it('keeps exactly one open window per workload at the database level', () => {
    db.prepare(
      `INSERT INTO app_incident_windows (incident_id, workload_id, opened_at, last_alert_at, version) VALUES ('x-1', 'x', ?, ?, 1)`,
    ).run(T0, T0);
    expect(() =>
      db
        .prepare(
          `INSERT INTO app_incident_windows (incident_id, workload_id, opened_at, last_alert_at, version) VALUES ('x-2', 'x', ?, ?, 1)`,
        )
        .run(T0, T0),
    ).toThrow(/UNIQUE/);
  });

  it('reads only what joined since its last read, and always what a fresh reader of the database reads', async () => {
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
        await store.closeWindow(incidentId, undefined, T0);
      } else {
        const cached = await store.readIncidentAlerts(incidentId);
        const fresh = await new EmbeddedCorrelationStore(db).readIncidentAlerts(incidentId);
        expect(cached).toEqual(fresh);
      }
    }
    const final = await store.readIncidentAlerts(incidentId);
    expect(final?.alerts.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'r9', 'r1']);
  });
});
