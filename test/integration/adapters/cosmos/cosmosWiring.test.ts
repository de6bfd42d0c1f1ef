// The container on Cosmos DB settings, against the stand-ins: a connection string selects the Cosmos stores and
// creates what is missing, GET /api/health's checks report Cosmos DB (and Service Bus) reachability, and with
// managed identity a missing container stops the start with a message naming it and the role.
import { loadConfig } from '../../../../shared/config';
import { createContainer } from '../../../../shared/container';
import { CosmosIncidentStore } from '../../../../shared/adapters/cosmos/CosmosIncidentStore';
import { CosmosIncidentEventOutbox } from '../../../../shared/adapters/cosmos/CosmosIncidentEventOutbox';
import { CosmosDeadLetterActionLog } from '../../../../shared/adapters/cosmos/CosmosDeadLetterActionLog';
import { CosmosDatabase } from '../../../../shared/adapters/cosmos/CosmosDatabase';
import {
  createCosmosClient,
  parseConnectionString,
} from '../../../../shared/adapters/cosmos/createCosmosClient';
import { NonRetryableError, ValidationError } from '../../../../shared/errors';
import { Secret } from '../../../../shared/Secret';
import { CosmosStandIn, STAND_IN_KEY } from '../../../../local/cosmos/CosmosStandIn';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';
import { ServiceBusStandIn } from '../../../standins/serviceBus/ServiceBusStandIn';
import { failingOverIncident } from '../../../unit/shared/domain/incident/incidentTestSupport';

describe('Cosmos DB wiring', () => {
  let standIn: CosmosStandIn;
  const dataDir = tempDataDir();
  beforeAll(async () => {
    standIn = await CosmosStandIn.start();
  });
  afterAll(async () => {
    await standIn.close();
    removeDir(dataDir);
  });

  it('uses the Cosmos stores with a connection string, creates the database, and reports it healthy', async () => {
    const settings = {
      LIFEBOAT_DATA_DIR: dataDir,
      LIFEBOAT_COSMOS_CONNECTION_STRING: standIn.connectionString,
      LIFEBOAT_COSMOS_DATABASE: 'wired',
    };
    const made = createContainer(loadConfig(settings), settings);
    try {
      await made.prepareStores();
      expect(made.incidentStore()).toBeInstanceOf(CosmosIncidentStore);
      expect(made.incidentEventOutbox()).toBeInstanceOf(CosmosIncidentEventOutbox);
      expect(made.deadLetterActions()).toBeInstanceOf(CosmosDeadLetterActionLog);
      const { incident } = await made.incidentStore().create(failingOverIncident());
      expect(await made.incidentStore().get(incident.id)).toEqual(incident);
      const checks = await Promise.all(made.healthChecks.map((c) => c.check()));
      // The embedded queue is still in use (no Service Bus configured), so the embedded database is checked too.
      expect(checks).toEqual([
        { name: 'embedded-database', ok: true },
        { name: 'cosmos-db', ok: true },
      ]);
    } finally {
      await made.close();
    }
  });

  it('with Cosmos DB and Service Bus configured, checks both and nothing embedded', async () => {
    const sb = await ServiceBusStandIn.start({ queues: [{ name: 'alerts' }] });
    const settings = {
      LIFEBOAT_DATA_DIR: dataDir,
      LIFEBOAT_COSMOS_CONNECTION_STRING: standIn.connectionString,
      ServiceBusConnection: sb.connectionString,
    };
    const made = createContainer(loadConfig(settings), settings);
    try {
      await made.prepareStores();
      expect(await Promise.all(made.healthChecks.map((c) => c.check()))).toEqual([
        { name: 'cosmos-db', ok: true },
        { name: 'service-bus', ok: true },
      ]);
    } finally {
      await made.close();
      await sb.stop();
    }
  });

  it('reports Cosmos DB unreachable instead of answering ok', async () => {
    const gone = await CosmosStandIn.start();
    const settings = { LIFEBOAT_DATA_DIR: dataDir, LIFEBOAT_COSMOS_CONNECTION_STRING: gone.connectionString };
    await gone.close();
    const made = createContainer(loadConfig(settings), settings);
    try {
      const cosmos = made.healthChecks.find((c) => c.name === 'cosmos-db');
      expect(await cosmos?.check()).toMatchObject({
        name: 'cosmos-db',
        ok: false,
        detail: expect.any(String),
      });
    } finally {
      await made.close();
    }
  }, 60_000);

  it('with managed identity, fails the start on a container that does not exist, naming it and the role', async () => {
    const keyed = createCosmosClient({ connectionString: new Secret(standIn.connectionString) });
    await keyed.databases.createIfNotExists({ id: 'rbac' });
    // As data-plane RBAC would: the database exists, the containers were never deployed.
    const database = new CosmosDatabase(keyed, { databaseId: 'rbac', createMissing: false });
    const error: unknown = await database.containers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetryableError);
    expect((error as Error).message).toMatch(/rbac\/\w+ does not exist/);
    expect((error as Error).message).toMatch(/Cosmos DB Built-in Data Contributor/);
    keyed.dispose();
  });

  it('reads a portal connection string, and refuses one without a key without echoing it', () => {
    expect(
      parseConnectionString(`AccountEndpoint=https://a.documents.azure.com:443/;AccountKey=${STAND_IN_KEY};`),
    ).toEqual({
      endpoint: 'https://a.documents.azure.com:443/',
      key: STAND_IN_KEY,
    });
    expect(() => parseConnectionString('AccountEndpoint=https://a.documents.azure.com:443/;')).toThrow(
      ValidationError,
    );
    expect(() => parseConnectionString('AccountKey=secret-value')).toThrow(/AccountEndpoint/);
    expect(() => parseConnectionString('AccountKey=secret-value')).not.toThrow(/secret-value/);
  });
});
