// The Cosmos DB ReadinessStore against the ReadinessStore contract, on the Cosmos-protocol stand-in.
import { CosmosReadinessStore } from '../../../../shared/adapters/cosmos/CosmosReadinessStore';
import { describeReadinessStoreContract } from '../../../contracts/readinessStoreContract';
import { stopCosmosStandIn, testCosmosDatabase } from './support/cosmosTestDatabase';

afterAll(() => stopCosmosStandIn());

describeReadinessStoreContract('CosmosReadinessStore on the Cosmos stand-in', async () => {
  const { database, dispose } = await testCosmosDatabase();
  return { store: new CosmosReadinessStore(database), dispose };
});
