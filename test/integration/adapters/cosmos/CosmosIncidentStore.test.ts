// The Cosmos DB IncidentStore against the IncidentStore contract, on the Cosmos-protocol stand-in.
import { CosmosIncidentStore } from '../../../../shared/adapters/cosmos/CosmosIncidentStore';
import { describeIncidentStoreContract } from '../../../contracts/incidentStoreContract';
import { stopCosmosStandIn, testCosmosDatabase } from './support/cosmosTestDatabase';

afterAll(() => stopCosmosStandIn());

describeIncidentStoreContract('CosmosIncidentStore on the Cosmos stand-in', async () => {
  const { database, dispose } = await testCosmosDatabase();
  return { store: new CosmosIncidentStore(database), dispose };
});
