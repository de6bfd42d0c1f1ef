// The Cosmos DB AlertStore against the AlertStore contract, on the Cosmos-protocol stand-in.
import { CosmosAlertStore } from '../../../../shared/adapters/cosmos/CosmosAlertStore';
import { describeAlertStoreContract } from '../../../contracts/alertStoreContract';
import { stopCosmosStandIn, testCosmosDatabase } from './support/cosmosTestDatabase';

afterAll(() => stopCosmosStandIn());

describeAlertStoreContract('CosmosAlertStore on the Cosmos stand-in', async () => {
  const { database, dispose } = await testCosmosDatabase();
  return { store: new CosmosAlertStore(database), dispose };
});
