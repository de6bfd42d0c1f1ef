// A fresh Cosmos DB database per test on one in-process stand-in per test file, driven by the real SDK
// through the app's own client factory and start-up (containers created from the data model, with a key).
import { randomUUID } from 'node:crypto';
import { createCosmosClient } from '../../../../../shared/adapters/cosmos/createCosmosClient';
import { CosmosDatabase } from '../../../../../shared/adapters/cosmos/CosmosDatabase';
import { Secret } from '../../../../../shared/Secret';
import { CosmosStandIn } from '../../../../../local/cosmos/CosmosStandIn';

let standIn: Promise<CosmosStandIn> | undefined;

/** The file's stand-in, started on first use; call `stopCosmosStandIn` in afterAll. */
export function cosmosStandIn(): Promise<CosmosStandIn> {
  standIn ??= CosmosStandIn.start();
  return standIn;
}

export async function stopCosmosStandIn(): Promise<void> {
  const running = standIn;
  standIn = undefined;
  await (await running)?.close();
}

export interface TestCosmosDatabase {
  readonly database: CosmosDatabase;
  /** Another client on the same database, as a second app instance would have. */
  readonly anotherInstance: () => CosmosDatabase;
  readonly dispose: () => Promise<void>;
}

export async function testCosmosDatabase(databaseId = `db-${randomUUID()}`): Promise<TestCosmosDatabase> {
  const running = await cosmosStandIn();
  const clients: ReturnType<typeof createCosmosClient>[] = [];
  const open = () => {
    const client = createCosmosClient({ connectionString: new Secret(running.connectionString) });
    clients.push(client);
    return new CosmosDatabase(client, { databaseId, createMissing: true });
  };
  const database = open();
  await database.containers();
  return {
    database,
    anotherInstance: open,
    dispose: async () => {
      await database.client.database(databaseId).delete();
      for (const client of clients) client.dispose();
    },
  };
}
