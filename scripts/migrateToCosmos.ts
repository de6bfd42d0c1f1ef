// `npm run migrate:cosmos`: copies an embedded data directory's incidents (steps, runbook plans, timelines),
// alerts and dead letters into the Cosmos DB that the settings name (LIFEBOAT_COSMOS__accountEndpoint or
// LIFEBOAT_COSMOS_CONNECTION_STRING, LIFEBOAT_COSMOS_DATABASE). Run it again at will: what is there already
// is kept. The source is LIFEBOAT_DATA_DIR, or the directory given as the first argument. Correlation windows
// are not copied: migrate with no incident open, and new alerts open new incidents on Cosmos DB.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DefaultAzureCredential } from '@azure/identity';
import { CosmosAlertStore } from '../shared/adapters/cosmos/CosmosAlertStore';
import { CosmosDatabase } from '../shared/adapters/cosmos/CosmosDatabase';
import { CosmosIncidentStore } from '../shared/adapters/cosmos/CosmosIncidentStore';
import { createCosmosClient } from '../shared/adapters/cosmos/createCosmosClient';
import { EmbeddedAlertStore } from '../shared/adapters/sqlite/EmbeddedAlertStore';
import { EmbeddedIncidentStore } from '../shared/adapters/sqlite/EmbeddedIncidentStore';
import {
  embeddedDatabaseFileName,
  openEmbeddedDatabase,
} from '../shared/adapters/sqlite/openEmbeddedDatabase';
import { loadConfig } from '../shared/config';
import { errorMessage } from '../shared/errors';
import { copyStores } from './migration/copyStores';

async function main(): Promise<void> {
  const config = loadConfig();
  const dataDir = path.resolve(process.argv[2] ?? config.dataDir);
  if (!existsSync(path.join(dataDir, embeddedDatabaseFileName))) {
    throw new Error(
      `${dataDir} holds no embedded database (${embeddedDatabaseFileName}): pass the data directory to copy from`,
    );
  }
  const store = config.store;
  if (store.kind !== 'cosmos') {
    throw new Error(
      'Set LIFEBOAT_COSMOS__accountEndpoint or LIFEBOAT_COSMOS_CONNECTION_STRING (and LIFEBOAT_COSMOS_DATABASE) to say where to copy to',
    );
  }
  const client = createCosmosClient(store, () => new DefaultAzureCredential());
  const cosmos = new CosmosDatabase(client, {
    databaseId: store.database,
    createMissing: store.connectionString !== undefined,
  });
  const db = openEmbeddedDatabase(dataDir);
  try {
    await cosmos.containers();
    console.log(`Copying ${dataDir} into Cosmos DB database ${store.database}`);
    const report = await copyStores(
      { incidents: new EmbeddedIncidentStore(db), alerts: new EmbeddedAlertStore(db) },
      { incidents: new CosmosIncidentStore(cosmos), alerts: new CosmosAlertStore(cosmos) },
      (line) => console.log(`  ${line}`),
    );
    console.log(JSON.stringify(report, null, 2));
  } finally {
    db.close();
    client.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(errorMessage(err));
  process.exit(1);
});
