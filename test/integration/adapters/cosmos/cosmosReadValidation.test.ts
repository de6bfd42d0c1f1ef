// Documents read back from Cosmos DB are validated like any other input: an item changed behind the app's
// back (by hand, by another version) fails the read with what is wrong, instead of flowing on half-valid.
import { CosmosAlertStore } from '../../../../shared/adapters/cosmos/CosmosAlertStore';
import { CosmosIncidentStore } from '../../../../shared/adapters/cosmos/CosmosIncidentStore';
import { storedAlert } from '../../../contracts/alertStoreContract';
import { failingOverIncident } from '../../../unit/shared/domain/incident/incidentTestSupport';
import { stopCosmosStandIn, testCosmosDatabase, type TestCosmosDatabase } from './support/cosmosTestDatabase';

afterAll(() => stopCosmosStandIn());

let db: TestCosmosDatabase;
beforeEach(async () => {
  db = await testCosmosDatabase();
});
afterEach(() => db.dispose());

it('rejects an incident whose head was changed into something that is not an incident', async () => {
  const store = new CosmosIncidentStore(db.database);
  const { incident } = await store.create(failingOverIncident());
  const head = (await db.database.container('incidents')).item('incident', incident.id);
  const { resource } = await head.read<Record<string, unknown>>();
  await head.replace({ ...resource, incident: { ...(resource?.incident as object), tier: 9 } });

  await expect(store.get(incident.id)).rejects.toThrow(/Cosmos DB returned an invalid incident: tier/);
  await expect(store.list({ limit: 10 })).rejects.toThrow(/invalid incident/);
});

it('rejects a step item that is not a step', async () => {
  const store = new CosmosIncidentStore(db.database);
  const { incident } = await store.create(failingOverIncident());
  const container = await db.database.container('incidents');
  const { resources } = await container.items
    .query<{ id: string }>({ query: `SELECT c.id FROM c WHERE c.kind = 'step'` })
    .fetchAll();
  const first = resources[0];
  if (first === undefined) throw new Error('the incident has step items');
  const item = container.item(first.id, incident.id);
  const { resource } = await item.read<Record<string, unknown>>();
  await item.replace({ ...resource, step: { id: 'dns', status: 'sideways' } });

  await expect(store.get(incident.id)).rejects.toThrow(/invalid incident: steps\[0\]/);
});

it('rejects an alert item whose alert is not an alert', async () => {
  const store = new CosmosAlertStore(db.database);
  const stored = storedAlert('a', 1);
  await store.record(stored);
  const item = (await db.database.container('alerts')).item(stored.alert.id, stored.alert.id);
  const { resource } = await item.read<Record<string, unknown>>();
  await item.replace({ ...resource, alert: { id: 'not-an-alert-id' } });

  await expect(store.get(stored.alert.id)).rejects.toThrow(/Cosmos DB returned an invalid alert item: alert/);
});
