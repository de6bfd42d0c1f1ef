// The Cosmos DB outbox, filled by the Cosmos incident store in the same partitions, against the contract on
// the Cosmos-protocol stand-in; and what only Cosmos has: two instances marking the same events. (Events a
// writer left in the head when it was killed after its commit: CosmosCrashAtomicity.test.ts.)
import { CosmosIncidentEventOutbox } from '../../../../shared/adapters/cosmos/CosmosIncidentEventOutbox';
import { CosmosIncidentStore } from '../../../../shared/adapters/cosmos/CosmosIncidentStore';
import { describeIncidentEventOutboxContract } from '../../../contracts/incidentEventOutboxContract';
import {
  DETECTED_AT,
  newIncident,
  timelineEntry,
} from '../../../unit/shared/domain/incident/incidentTestSupport';
import { stopCosmosStandIn, testCosmosDatabase, type TestCosmosDatabase } from './support/cosmosTestDatabase';

afterAll(() => stopCosmosStandIn());

describeIncidentEventOutboxContract('CosmosIncidentEventOutbox on the Cosmos stand-in', async () => {
  const { database, dispose } = await testCosmosDatabase();
  return {
    store: new CosmosIncidentStore(database),
    outbox: new CosmosIncidentEventOutbox(database),
    dispose,
  };
});

describe('CosmosIncidentEventOutbox', () => {
  let db: TestCosmosDatabase;
  beforeEach(async () => {
    db = await testCosmosDatabase();
  });
  afterEach(() => db.dispose());

  it('keeps the first publication time when two instances mark the same events', async () => {
    const store = new CosmosIncidentStore(db.database);
    const { incident } = await store.create(newIncident());
    await store.appendTimeline(incident.id, [
      timelineEntry('a', DETECTED_AT),
      timelineEntry('b', DETECTED_AT),
    ]);
    const first = new CosmosIncidentEventOutbox(db.database);
    const second = new CosmosIncidentEventOutbox(db.anotherInstance());
    const ids = (await first.unpublished(10)).map((e) => e.id);
    await Promise.all([
      first.markPublished(ids, '2026-11-22T04:00:00.000Z'),
      second.markPublished(ids, '2026-11-22T04:00:00.001Z'),
    ]);
    await second.markPublished(ids, '2026-11-22T05:00:00.000Z');

    const published = (await first.published({ limit: 10 })).items;
    expect(published.map((p) => p.event.id)).toEqual(ids);
    expect(new Set(published.map((p) => p.publishedAt)).size).toBe(1);
    expect(published[0]?.publishedAt).not.toBe('2026-11-22T05:00:00.000Z');
    expect(await first.unpublished(10)).toEqual([]);
  });

  it('tells its listener when a committed write recorded events, and only then', async () => {
    let calls = 0;
    const store = new CosmosIncidentStore(db.database, { onEventsRecorded: () => (calls += 1) });
    const { incident } = await store.create(newIncident());
    expect(calls).toBe(0);
    await store.appendTimeline(incident.id, [timelineEntry('a', DETECTED_AT)]);
    expect(calls).toBe(1);
    await store.appendTimeline(incident.id, [timelineEntry('a', DETECTED_AT)]);
    expect(calls).toBe(1);
  });
});
