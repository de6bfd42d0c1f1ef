// Atomicity on Cosmos DB, shown by killing the writer between its writes: a child process writes through a
// Cosmos store, the stand-in holds one of its requests unanswered, the child is SIGKILLed, and a fresh store
// (as after a restart) reads either all of the change or none of it — never a half-applied one — and the
// next write goes on from there. Killed before the head's replace: nothing happened (the step items written
// ahead are unnamed garbage). Killed after it: everything happened, although the timeline entries or the
// correlation items were never written as items of their own (the head carries them until someone does),
// and the incident events of the write reach the outbox all the same.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { CosmosCorrelationStore } from '../../../../shared/adapters/cosmos/CosmosCorrelationStore';
import { CosmosIncidentEventOutbox } from '../../../../shared/adapters/cosmos/CosmosIncidentEventOutbox';
import { CosmosIncidentStore } from '../../../../shared/adapters/cosmos/CosmosIncidentStore';
import { PARALLEL_REQUESTS } from '../../../../shared/adapters/cosmos/inBatches';
import type { StandInRequest } from '../../../../local/cosmos/CosmosStandIn';
import { notification } from '../../../contracts/correlationStoreContract';
import { failingOverIncident, timelineEntry } from '../../../unit/shared/domain/incident/incidentTestSupport';
import {
  cosmosStandIn,
  stopCosmosStandIn,
  testCosmosDatabase,
  type TestCosmosDatabase,
} from './support/cosmosTestDatabase';
import { crashingCorrelation, crashingUpdate, CRASH_INCIDENT_ID } from './support/cosmosCrashWrites';

// A child through tsx takes a few seconds to start.
jest.setTimeout(60_000);

afterAll(() => stopCosmosStandIn());

let db: TestCosmosDatabase;
beforeEach(async () => {
  db = await testCosmosDatabase();
});
afterEach(() => db.dispose());

/**
 * Runs the child's write until the stand-in receives a request `hold()` matches, then SIGKILLs it. Requests
 * sent in parallel with that one are held as well (up to `parallel` of them), so none of them happens.
 */
async function killDuring(
  write: string,
  hold: () => (request: StandInRequest) => boolean,
  parallel = 1,
): Promise<void> {
  const standIn = await cosmosStandIn();
  const holds = Array.from({ length: parallel }, () => standIn.holdNext(hold()));
  const held = Promise.race(holds);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(__dirname, 'support/cosmosCrashChild.ts'),
      standIn.connectionString,
      db.database.databaseId,
      write,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const outcome = await Promise.race([
    held.then(() => 'held' as const),
    exited.then(() => 'exited' as const),
  ]);
  if (outcome !== 'held') throw new Error('the child finished its write before the request was held');
  child.kill('SIGKILL');
  await exited;
  standIn.cancelHolds();
}

/** Matches the first request of `kind` on `container` after the head of that container was replaced. */
function afterHeadReplace(container: string, kind: StandInRequest['kind']): (r: StandInRequest) => boolean {
  let replaced = false;
  return (r) => {
    if (r.container !== container) return false;
    if (r.kind === 'replace' && /\/docs\/(incident|workload)$/.test(r.path)) {
      replaced = true;
      return false;
    }
    return replaced && r.kind === kind;
  };
}

/** The timeline entries of the unpublished events, in the order the publisher would send them. */
async function eventEntries(outbox: CosmosIncidentEventOutbox): Promise<string[]> {
  return (await outbox.unpublished(100)).map((e) => e.data.timelineEntryId);
}

const headReplace = (container: string) => (r: StandInRequest) =>
  r.container === container && r.kind === 'replace' && /\/docs\/(incident|workload)$/.test(r.path);

describe('an incident update killed', () => {
  const expected = () => crashingUpdate().mutate({ ...failingOverIncident(), version: 1 });

  beforeEach(async () => {
    await new CosmosIncidentStore(db.database).create(failingOverIncident());
    await new CosmosIncidentStore(db.database).appendTimeline(CRASH_INCIDENT_ID, [
      timelineEntry('before', '2026-11-22T03:12:06.000Z'),
    ]);
  });

  it('before its commit leaves the incident as it was, and the write then succeeds once', async () => {
    await killDuring('incident-update', () => headReplace('incidents'));

    const restarted = new CosmosIncidentStore(db.anotherInstance());
    expect(await restarted.get(CRASH_INCIDENT_ID)).toEqual({ ...failingOverIncident(), version: 1 });
    expect((await restarted.timeline(CRASH_INCIDENT_ID)).map((e) => e.id)).toEqual(['before']);
    const outbox = new CosmosIncidentEventOutbox(db.anotherInstance());
    expect(await eventEntries(outbox)).toEqual(['before']);

    const { mutate, timeline } = crashingUpdate();
    await restarted.update(CRASH_INCIDENT_ID, mutate, timeline);
    expect(await restarted.get(CRASH_INCIDENT_ID)).toEqual({ ...expected(), version: 2 });
    expect((await restarted.timeline(CRASH_INCIDENT_ID)).map((e) => e.id)).toEqual([
      'before',
      'crash-1',
      'crash-2',
      'crash-3',
    ]);
    expect(await eventEntries(outbox)).toEqual(['before', 'crash-1', 'crash-2', 'crash-3']);
  });

  it('after its commit, before any timeline entry was written, shows the whole change, and keeps it', async () => {
    await killDuring('incident-update', () => afterHeadReplace('incidents', 'create'), PARALLEL_REQUESTS);

    const restarted = new CosmosIncidentStore(db.anotherInstance());
    expect(await restarted.get(CRASH_INCIDENT_ID)).toEqual({ ...expected(), version: 2 });
    const ids = ['before', 'crash-1', 'crash-2', 'crash-3'];
    // Nobody writes the incident again: the outbox finds the committed events in the head, with the change.
    const outbox = new CosmosIncidentEventOutbox(db.anotherInstance());
    const events = await outbox.unpublished(10);
    expect(events.map((e) => e.data.timelineEntryId)).toEqual(ids);
    expect(events.slice(1).map((e) => e.data.status)).toEqual(['validating', 'validating', 'validating']);
    expect((await restarted.timeline(CRASH_INCIDENT_ID)).map((e) => e.id)).toEqual(ids);
    expect((await restarted.timeline(CRASH_INCIDENT_ID, { limit: 2 })).map((e) => e.id)).toEqual([
      'crash-2',
      'crash-3',
    ]);

    // The next write materialises the entries the crashed one left in the head, then adds its own once.
    await restarted.appendTimeline(CRASH_INCIDENT_ID, [
      timelineEntry('after', '2026-11-22T03:30:00.000Z'),
      timelineEntry('crash-1', '2026-11-22T03:31:00.000Z'),
    ]);
    expect((await restarted.timeline(CRASH_INCIDENT_ID)).map((e) => e.id)).toEqual([...ids, 'after']);
    expect(await eventEntries(outbox)).toEqual([...ids, 'after']);
    const { resources } = await (
      await db.database.container('incidents')
    ).items
      .query<{ id: string }>({ query: `SELECT c.id FROM c WHERE c.kind = 'timeline'` })
      .fetchAll();
    expect(resources.map((r) => r.id).sort()).toEqual([
      'timeline:after',
      'timeline:before',
      'timeline:crash-1',
      'timeline:crash-2',
      'timeline:crash-3',
    ]);
  });
});

describe('a correlation killed', () => {
  const correlationAt = '2026-11-22T03:12:05.000Z';

  beforeEach(async () => {
    const store = new CosmosCorrelationStore(db.database);
    await store.correlate({
      workloadId: 'orders-api',
      alert: notification('r2', 'f2', 'resolved', '2026-11-22T03:20:00.000Z'),
      at: correlationAt,
    });
    await store.correlate({
      workloadId: 'orders-api',
      alert: notification('a1', 'f1', 'fired'),
      at: correlationAt,
    });
  });

  it('before its commit records nothing, and the redelivered alert then joins once', async () => {
    await killDuring('correlate', () => headReplace('correlation'));

    const restarted = new CosmosCorrelationStore(db.anotherInstance());
    const before = await restarted.readIncidentAlerts('orders-api-20261122-031205');
    expect(before?.alerts.map((a) => a.id)).toEqual(['a1']);
    expect(await restarted.correlate(crashingCorrelation())).toMatchObject({ outcome: 'joined' });
    const after = await restarted.readIncidentAlerts('orders-api-20261122-031205');
    expect(after?.alerts.map((a) => a.id).sort()).toEqual(['a1', 'a2', 'r2']);
    expect(after?.version).toBe(before === undefined ? -1 : before.version + 2);
  });

  it('after its commit, before any item was written, has the alert joined with its adopted resolution', async () => {
    await killDuring('correlate', () => afterHeadReplace('correlation', 'upsert'), PARALLEL_REQUESTS);

    const restarted = new CosmosCorrelationStore(db.anotherInstance());
    const read = await restarted.readIncidentAlerts('orders-api-20261122-031205');
    expect(read?.alerts.map((a) => a.id).sort()).toEqual(['a1', 'a2', 'r2']);
    expect(read?.version).toBe(3);
    // The redelivery of the interrupted alert is recognised as such.
    expect(await restarted.correlate(crashingCorrelation())).toMatchObject({ outcome: 'already-recorded' });
  });
});
