// `npm run start:cosmos`: `npm start` with the app's state in Cosmos DB — on the in-process Cosmos stand-in,
// driven by the real SDK — so that the documents of a DR activation can be watched as they appear. The
// stand-in keeps everything in memory, so every start begins empty, with a fresh data directory for the
// local runtime's own history (which would otherwise resume orchestrations whose incidents are gone).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CosmosStandIn } from './cosmos/CosmosStandIn';

/** The Cosmos DB emulator's usual port; LIFEBOAT_COSMOS_STANDIN_PORT picks another (0: any free one). */
const DEFAULT_PORT = 8081;

async function main(): Promise<void> {
  const port = Number(process.env.LIFEBOAT_COSMOS_STANDIN_PORT ?? DEFAULT_PORT);
  const standIn = await CosmosStandIn.start(port);
  const database = process.env.LIFEBOAT_COSMOS_DATABASE?.trim() || 'lifeboat';
  process.env.LIFEBOAT_COSMOS_CONNECTION_STRING = standIn.connectionString;
  process.env.LIFEBOAT_COSMOS_DATABASE = database;
  process.env.LIFEBOAT_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'lifeboat-cosmos-'));
  console.log(`Cosmos DB stand-in (in memory) at ${standIn.endpoint}, database ${database}`);
  console.log(`  documents:      curl ${standIn.endpoint}dbs/${database}/colls/incidents/docs`);
  console.log(
    '                  (also colls/correlation, alerts, deadLetters, approvalLinks; docs/cosmos-data-model.md)',
  );
  // The runtime itself: the same entry point as npm start, now on the Cosmos settings above.
  require('./start');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
