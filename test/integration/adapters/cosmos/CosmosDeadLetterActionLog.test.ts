// The Cosmos DB dead-letter action log against the DeadLetterActionLog contract, on the Cosmos stand-in;
// and the first action winning when two instances act on the same dead letter at once.
import { CosmosDeadLetterActionLog } from '../../../../shared/adapters/cosmos/CosmosDeadLetterActionLog';
import { describeDeadLetterActionLogContract } from '../../../contracts/deadLetterActionLogContract';
import { stopCosmosStandIn, testCosmosDatabase } from './support/cosmosTestDatabase';

afterAll(() => stopCosmosStandIn());

describeDeadLetterActionLogContract('CosmosDeadLetterActionLog on the Cosmos stand-in', async () => {
  const { database, dispose } = await testCosmosDatabase();
  return { log: new CosmosDeadLetterActionLog(database), dispose };
});

describe('CosmosDeadLetterActionLog', () => {
  it('records one action when two instances act on the same dead letter at once', async () => {
    const db = await testCosmosDatabase();
    try {
      const action = (actor: string) => ({
        deadLetterId: 'eyJzb3VyY2UiOiJhcHAifQ',
        action: 'discard' as const,
        actor,
        at: '2026-11-22T04:00:00.000Z',
        entity: 'alerts',
        messageId: 'm-1',
      });
      const results = await Promise.all([
        new CosmosDeadLetterActionLog(db.database).record(action('first@example.com')),
        new CosmosDeadLetterActionLog(db.anotherInstance()).record(action('second@example.com')),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await new CosmosDeadLetterActionLog(db.database).list({ limit: 10 })).items).toHaveLength(1);
    } finally {
      await db.dispose();
    }
  });
});
