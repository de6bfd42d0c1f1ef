// The embedded correlation store against the CorrelationStore contract, plus what only it has: the unique
// index behind one open window per workload.
import { EmbeddedCorrelationStore } from '../../../../shared/adapters/sqlite/EmbeddedCorrelationStore';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { describeCorrelationStoreContract } from '../../../contracts/correlationStoreContract';
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

  beforeEach(() => {
    db = openEmbeddedDatabase(tempDataDir());
    new EmbeddedCorrelationStore(db); // creates the tables
  });
  afterEach(() => db.close());

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
});
