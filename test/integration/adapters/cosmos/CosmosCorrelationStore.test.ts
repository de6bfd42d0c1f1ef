// The Cosmos DB CorrelationStore against the CorrelationStore contract, on the Cosmos-protocol stand-in: its
// concurrency case runs 20 store instances, each with its own client, so they race on the workload's ETag.
import { CosmosCorrelationStore } from '../../../../shared/adapters/cosmos/CosmosCorrelationStore';
import { describeCorrelationStoreContract } from '../../../contracts/correlationStoreContract';
import { stopCosmosStandIn, testCosmosDatabase } from './support/cosmosTestDatabase';

afterAll(() => stopCosmosStandIn());

describeCorrelationStoreContract('CosmosCorrelationStore on the Cosmos stand-in', async () => {
  const { database, anotherInstance, dispose } = await testCosmosDatabase();
  return {
    store: new CosmosCorrelationStore(database),
    anotherInstance: () => new CosmosCorrelationStore(anotherInstance()),
    dispose,
  };
});
