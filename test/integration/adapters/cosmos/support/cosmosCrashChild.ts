// Child process of the Cosmos DB crash test: makes one write through a Cosmos store and is killed while it is
// under way (the test holds one of its requests at the stand-in). Arguments: connection string, database id,
// and which write (`incident-update`, `correlate`).
import { CosmosCorrelationStore } from '../../../../../shared/adapters/cosmos/CosmosCorrelationStore';
import { CosmosDatabase } from '../../../../../shared/adapters/cosmos/CosmosDatabase';
import { CosmosIncidentStore } from '../../../../../shared/adapters/cosmos/CosmosIncidentStore';
import { createCosmosClient } from '../../../../../shared/adapters/cosmos/createCosmosClient';
import { Secret } from '../../../../../shared/Secret';
import { crashingCorrelation, crashingUpdate, CRASH_INCIDENT_ID } from './cosmosCrashWrites';

const [connectionString, databaseId, write] = process.argv.slice(2);
const database = new CosmosDatabase(
  createCosmosClient({ connectionString: new Secret(connectionString ?? '') }),
  {
    databaseId: databaseId ?? '',
    createMissing: true,
  },
);

async function main(): Promise<void> {
  if (write === 'incident-update') {
    const { mutate, timeline } = crashingUpdate();
    await new CosmosIncidentStore(database).update(CRASH_INCIDENT_ID, mutate, timeline);
  } else if (write === 'correlate') {
    await new CosmosCorrelationStore(database).correlate(crashingCorrelation());
  } else {
    throw new Error(`unknown write ${write ?? ''}`);
  }
  process.stdout.write('written\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
