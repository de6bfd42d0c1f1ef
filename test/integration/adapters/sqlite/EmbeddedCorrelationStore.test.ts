// The embedded correlation store against the CorrelationStore contract, plus what only it has: the unique
// index behind one open window per workload, and its incremental reads.
import { EmbeddedCorrelationStore } from '../../../../shared/adapters/sqlite/EmbeddedCorrelationStore';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import type { IncidentAlert } from '../../../../shared/domain/correlation/IncidentAlert';
import { describeCorrelationStoreContract, notification } from '../../../contracts/correlationStoreContract';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';

const T0 = '2026-11-22T03:12:05.000Z';

describeCorrelationStoreContract('EmbeddedCorrelationStore', () => {
  const dir = tempDataDir();
  const connections = [openEmbeddedDatabase(dir)];
  const instance = () => {
    const db = openEmbeddedDatabase(dir);
    connections.push(db);
    return new EmbeddedCorrelationStore(db);
  };
  return Promise.resolve({
    store: new EmbeddedCorrelationStore(connections[0] as EmbeddedDatabase),
    anotherInstance: instance,
    dispose: () => {
      for (const db of connections) db.close();
      removeDir(dir);
      return Promise.resolve();
    },
  });
});

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
