// The migration from an embedded data directory to Cosmos DB (on the stand-in): incidents with their steps,
// plans and timelines, alerts and dead letters arrive as they were, and a second run changes nothing. The
// last case runs the CLI itself (`npm run migrate:cosmos`) on a real data directory.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CosmosAlertStore } from '../../../shared/adapters/cosmos/CosmosAlertStore';
import { CosmosIncidentStore } from '../../../shared/adapters/cosmos/CosmosIncidentStore';
import { EmbeddedAlertStore } from '../../../shared/adapters/sqlite/EmbeddedAlertStore';
import { EmbeddedIncidentStore } from '../../../shared/adapters/sqlite/EmbeddedIncidentStore';
import {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { leafStepSchema } from '../../../shared/domain/runbook/runbookStepSchema';
import { copyStores, type Stores } from '../../../scripts/migration/copyStores';
import { storedAlert } from '../../contracts/alertStoreContract';
import {
  cosmosStandIn,
  stopCosmosStandIn,
  testCosmosDatabase,
  type TestCosmosDatabase,
} from '../adapters/cosmos/support/cosmosTestDatabase';
import { removeDir, repoRoot, tempDataDir } from '../../local/support/testRuntime';
import {
  failingOverIncident,
  newIncident,
  timelineEntry,
} from '../../unit/shared/domain/incident/incidentTestSupport';

const run = promisify(execFile);

afterAll(() => stopCosmosStandIn());

let dataDir: string;
let db: EmbeddedDatabase;
let cosmos: TestCosmosDatabase;
let embedded: Stores;
let target: Stores;

beforeEach(async () => {
  dataDir = tempDataDir();
  db = openEmbeddedDatabase(dataDir);
  embedded = { incidents: new EmbeddedIncidentStore(db), alerts: new EmbeddedAlertStore(db) };
  cosmos = await testCosmosDatabase();
  target = {
    incidents: new CosmosIncidentStore(cosmos.database),
    alerts: new CosmosAlertStore(cosmos.database),
  };

  // A trial installation's history: two incidents (one with a kept plan and a timeline), alerts, a dead letter.
  const { incident } = await embedded.incidents.create(failingOverIncident());
  await embedded.incidents.update(incident.id, (current) => ({ ...current, status: 'validating' }));
  await embedded.incidents.appendTimeline(incident.id, [
    timelineEntry('t1', '2026-11-22T03:12:06.000Z'),
    timelineEntry('t2', '2026-11-22T03:12:06.000Z', { type: 'step-started' }),
    timelineEntry('t3', '2026-11-22T03:13:00.000Z'),
  ]);
  const plan = [leafStepSchema.parse({ id: 'dns', name: 'Switch DNS', type: 'wait', duration: '1s' })];
  await embedded.incidents.keepRunbookPlan(incident.id, 'failover', plan);
  await embedded.incidents.create(newIncident({ id: 'billing-20261122-040000', workloadId: 'billing' }));
  for (let i = 0; i < 3; i++) await embedded.alerts.record(storedAlert(`m${i}`, i));
  await embedded.alerts.recordDeadLetter({
    messageId: 'poison-1',
    entity: 'alerts',
    reason: 'InvalidAlertMessage',
    details: [{ path: 'id', message: 'Required' }],
    body: '{}',
    deadLetteredAt: '2026-11-22T03:00:00.000Z',
  });
});

afterEach(async () => {
  db.close();
  removeDir(dataDir);
  await cosmos.dispose();
});

async function contents(stores: Stores) {
  const incidents = (await stores.incidents.list({ limit: 100 })).items;
  return {
    incidents: incidents.map(({ version: _version, ...rest }) => rest),
    timelines: await Promise.all(incidents.map((i) => stores.incidents.timeline(i.id))),
    plans: await Promise.all(incidents.map((i) => stores.incidents.runbookPlan(i.id, 'failover', 0, 100))),
    alerts: (await stores.alerts.list({ limit: 100 })).items,
    deadLetters: (await stores.alerts.listDeadLetters({ limit: 100 })).items,
  };
}

it('copies everything as it was, and a second run copies nothing more', async () => {
  const first = await copyStores(embedded, target);
  expect(first).toEqual({
    incidents: { copied: 2, alreadyThere: 0 },
    timelineEntries: 3,
    runbookPlans: 1,
    alerts: { copied: 3, alreadyThere: 0 },
    deadLetters: 1,
  });
  const copied = await contents(target);
  expect(copied).toEqual(await contents(embedded));
  const orders = copied.incidents.findIndex((i) => i.id === failingOverIncident().id);
  expect(copied.timelines[orders]?.map((e) => e.id)).toEqual(['t1', 't2', 't3']);

  const second = await copyStores(embedded, target);
  expect(second).toMatchObject({
    incidents: { copied: 0, alreadyThere: 2 },
    alerts: { copied: 0, alreadyThere: 3 },
  });
  expect(await contents(target)).toEqual(copied);
});

it('runs as `npm run migrate:cosmos` on a data directory', async () => {
  // The CLI opens its own connection to the data directory, beside this test's.
  const standIn = await cosmosStandIn();
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'scripts/migrateToCosmos.ts'), dataDir],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        LIFEBOAT_COSMOS_CONNECTION_STRING: standIn.connectionString,
        LIFEBOAT_COSMOS_DATABASE: cosmos.database.databaseId,
      },
    },
  );
  expect(stdout).toMatch(/"copied": 2/);
  expect((await contents(target)).incidents).toEqual((await contents(embedded)).incidents);
}, 60_000);
