// The Cosmos DB ApprovalLinkStore against the ApprovalLinkStore contract, on the Cosmos-protocol stand-in.
import { CosmosApprovalLinkStore } from '../../../../shared/adapters/cosmos/CosmosApprovalLinkStore';
import { describeApprovalLinkStoreContract } from '../../../contracts/approvalLinkStoreContract';
import { stopCosmosStandIn, testCosmosDatabase } from './support/cosmosTestDatabase';

afterAll(() => stopCosmosStandIn());

describeApprovalLinkStoreContract('CosmosApprovalLinkStore on the Cosmos stand-in', async () => {
  const { database, dispose } = await testCosmosDatabase();
  return { store: new CosmosApprovalLinkStore(database), dispose };
});
