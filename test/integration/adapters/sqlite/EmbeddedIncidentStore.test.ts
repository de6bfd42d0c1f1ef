// The embedded IncidentStore against the IncidentStore contract, on a real embedded database file, plus
// what only the embedded store promises: the data survives reopening the file.
import { EmbeddedIncidentStore } from '../../../../shared/adapters/sqlite/EmbeddedIncidentStore';
import { openEmbeddedDatabase } from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { describeIncidentStoreContract } from '../../../contracts/incidentStoreContract';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';
import {
  DETECTED_AT,
  failingOverIncident,
  timelineEntry,
} from '../../../unit/shared/domain/incident/incidentTestSupport';

describeIncidentStoreContract('EmbeddedIncidentStore', () => {
  const dir = tempDataDir();
  const db = openEmbeddedDatabase(dir);
  return Promise.resolve({
    store: new EmbeddedIncidentStore(db),
    dispose: () => {
      db.close();
      removeDir(dir);
      return Promise.resolve();
    },
  });
});

describe('EmbeddedIncidentStore', () => {
  it('keeps incidents and timelines across connections to the same file', async () => {
    const dir = tempDataDir();
    try {
      const first = openEmbeddedDatabase(dir);
      const writer = new EmbeddedIncidentStore(first);
      const { incident } = await writer.create(failingOverIncident());
      await writer.appendTimeline(incident.id, [timelineEntry('e1', DETECTED_AT)]);
      first.close();

      const second = openEmbeddedDatabase(dir);
      const reader = new EmbeddedIncidentStore(second);
      expect(await reader.get(incident.id)).toEqual(incident);
      expect(await reader.timeline(incident.id)).toEqual([timelineEntry('e1', DETECTED_AT)]);
      second.close();
    } finally {
      removeDir(dir);
    }
  });

  it("sees the other connection's writes: updates through two connections to one file all land", async () => {
    const dir = tempDataDir();
    const a = openEmbeddedDatabase(dir);
    const b = openEmbeddedDatabase(dir);
    try {
      const storeA = new EmbeddedIncidentStore(a);
      const storeB = new EmbeddedIncidentStore(b);
      const { incident } = await storeA.create(failingOverIncident());
      const bump = (store: EmbeddedIncidentStore) =>
        store.update(incident.id, (current) => ({
          ...current,
          alerts: { ...current.alerts, count: current.alerts.count + 1 },
        }));

      await Promise.all([bump(storeA), bump(storeB), bump(storeA), bump(storeB)]);

      expect(await storeB.get(incident.id)).toMatchObject({ alerts: { count: 3 + 4 }, version: 5 });
    } finally {
      a.close();
      b.close();
      removeDir(dir);
    }
  });
});

describe('EmbeddedIncidentStore with an incident written before steps had their own rows', () => {
  it('reads its steps from the body and moves them to rows on the first write, losing none', async () => {
    const dir = tempDataDir();
    const db = openEmbeddedDatabase(dir);
    try {
      const store = new EmbeddedIncidentStore(db);
      const legacy = failingOverIncident();
      // As the store wrote incidents before: the whole record, steps included, in the body.
      db.prepare(
        `INSERT INTO app_incidents (id, workload_id, status, mode, detected_at, version, body)
         VALUES (?, ?, ?, ?, ?, 3, ?)`,
      ).run(
        legacy.id,
        legacy.workloadId,
        legacy.status,
        legacy.mode,
        legacy.detectedAt,
        JSON.stringify(legacy),
      );
      expect(await store.get(legacy.id)).toEqual({ ...legacy, version: 3 });

      const [first, ...rest] = legacy.steps;
      if (first === undefined) throw new Error('the fixture has steps');
      const { step } = await store.updateStep(legacy.id, first.id, (s) => ({
        ...s,
        detail: 'moved',
        revision: 9,
      }));
      expect(await store.get(legacy.id)).toEqual({ ...legacy, steps: [step, ...rest], version: 4 });

      const other = failingOverIncident({ id: 'orders-api-20261122-031500' });
      db.prepare(
        `INSERT INTO app_incidents (id, workload_id, status, mode, detected_at, version, body)
         VALUES (?, ?, ?, ?, ?, 1, ?)`,
      ).run(other.id, other.workloadId, other.status, other.mode, other.detectedAt, JSON.stringify(other));
      await store.update(other.id, (current) => ({ ...current, status: 'validating' }));
      expect(await store.get(other.id)).toEqual({ ...other, status: 'validating', version: 2 });
      const body = JSON.parse(
        (db.prepare(`SELECT body FROM app_incidents WHERE id = ?`).get(other.id) as { body: string }).body,
      ) as Record<string, unknown>;
      expect(body).not.toHaveProperty('steps');
    } finally {
      db.close();
      removeDir(dir);
    }
  });
});
