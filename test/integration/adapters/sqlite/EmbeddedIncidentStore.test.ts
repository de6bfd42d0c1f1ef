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
