// The embedded outbox, filled by the embedded incident store in the same database, against the contract.
import { EmbeddedIncidentEventOutbox } from '../../../../shared/adapters/sqlite/EmbeddedIncidentEventOutbox';
import { EmbeddedIncidentStore } from '../../../../shared/adapters/sqlite/EmbeddedIncidentStore';
import { openEmbeddedDatabase } from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { describeIncidentEventOutboxContract } from '../../../contracts/incidentEventOutboxContract';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';
import {
  DETECTED_AT,
  newIncident,
  timelineEntry,
} from '../../../unit/shared/domain/incident/incidentTestSupport';

describeIncidentEventOutboxContract('EmbeddedIncidentEventOutbox', () => {
  const dir = tempDataDir();
  const db = openEmbeddedDatabase(dir);
  return Promise.resolve({
    store: new EmbeddedIncidentStore(db),
    outbox: new EmbeddedIncidentEventOutbox(db),
    dispose: () => {
      db.close();
      removeDir(dir);
      return Promise.resolve();
    },
  });
});

describe('EmbeddedIncidentStore and its outbox', () => {
  it('says when a committed write recorded events, and only then', async () => {
    const dir = tempDataDir();
    const db = openEmbeddedDatabase(dir);
    try {
      let calls = 0;
      const store = new EmbeddedIncidentStore(db, { onEventsRecorded: () => (calls += 1) });
      const { incident } = await store.create(newIncident());
      expect(calls).toBe(0);
      await store.appendTimeline(incident.id, [timelineEntry('a', DETECTED_AT)]);
      expect(calls).toBe(1);
      await store.appendTimeline(incident.id, [timelineEntry('a', DETECTED_AT)]);
      await store
        .appendTimeline(incident.id, [timelineEntry('b', DETECTED_AT), timelineEntry('', DETECTED_AT)])
        .catch(() => undefined);
      expect(calls).toBe(1);
    } finally {
      db.close();
      removeDir(dir);
    }
  });
});
