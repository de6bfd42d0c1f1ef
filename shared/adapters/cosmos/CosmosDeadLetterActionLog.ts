// DeadLetterActionLog on Cosmos DB: one item per dead letter an operator acted on, in the `deadLetterActions`
// container. The item's id is a hash of the dead letter's id, so creating it is what makes the first
// action the only one (409: someone acted already), on any number of instances.
import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { deadLetterActionSchema } from '../../domain/deadLetters/deadLetterActionSchema';
import type { DeadLetterAction, DeadLetterActionLog } from '../../ports/DeadLetterActionLog';
import type { Page } from '../../ports/Page';
import { decodePageToken, keysetPage } from '../paging/pageToken';
import { validated } from '../validated';
import { cosmosCall, cosmosStatus, unlessStatus } from './cosmosErrors';
import type { CosmosDatabase } from './CosmosDatabase';
import { inBatches } from './inBatches';
import { readBack } from './readBack';

const actionItemSchema = z.object({ id: z.string(), action: deadLetterActionSchema });
const positiveLimit = z.number().int().positive();
const ids = z.array(z.string().min(1));
const position = z.object({ a: z.string(), k: z.string() });

/** Dead-letter ids are long (they name the entity and message): the item id is their hash. */
function actionItemId(deadLetterId: string): string {
  return createHash('sha256').update(deadLetterId, 'utf8').digest('hex');
}

export class CosmosDeadLetterActionLog implements DeadLetterActionLog {
  constructor(private readonly db: CosmosDatabase) {}

  record(action: DeadLetterAction): Promise<boolean> {
    return cosmosCall('dead-letter action write', async () => {
      const checked = validated(deadLetterActionSchema, action, 'dead-letter action');
      const c = await this.actions();
      try {
        await c.items.create({
          id: actionItemId(checked.deadLetterId),
          at: checked.at,
          action: checked,
        });
        return true;
      } catch (err) {
        if (cosmosStatus(err) === 409) return false;
        throw err;
      }
    });
  }

  find(deadLetterIds: readonly string[]): Promise<ReadonlyMap<string, DeadLetterAction>> {
    return cosmosCall('dead-letter action read', async () => {
      const wanted = validated(ids, [...deadLetterIds], 'deadLetterIds');
      const c = await this.actions();
      const read = await inBatches(wanted, (id) =>
        unlessStatus(404, () => c.item(actionItemId(id), actionItemId(id)).read<Record<string, unknown>>()),
      );
      const found = new Map<string, DeadLetterAction>();
      for (const r of read) {
        if (r?.resource === undefined) continue;
        const { action } = readBack(actionItemSchema, r.resource, 'dead-letter action item');
        found.set(action.deadLetterId, action);
      }
      return found;
    });
  }

  list(query: { limit: number; continuationToken?: string }): Promise<Page<DeadLetterAction>> {
    return cosmosCall('dead-letter action listing', async () => {
      const limit = validated(positiveLimit, query.limit, 'limit');
      const where: string[] = [];
      const parameters: { name: string; value: string | number }[] = [{ name: '@top', value: limit + 1 }];
      if (query.continuationToken !== undefined) {
        const after = decodePageToken(query.continuationToken, position);
        where.push('(c.at < @a OR (c.at = @a AND c.id < @k))');
        parameters.push({ name: '@a', value: after.a }, { name: '@k', value: after.k });
      }
      const c = await this.actions();
      const { resources } = await c.items
        .query<unknown>({
          query: `SELECT TOP @top * FROM c ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
                  ORDER BY c.at DESC, c.id DESC`,
          parameters,
        })
        .fetchAll();
      const items = resources.map((r) => readBack(actionItemSchema, r, 'dead-letter action item'));
      return keysetPage(
        items,
        limit,
        (item) => item.action,
        (last) => ({ a: last.action.at, k: last.id }),
      );
    });
  }

  private actions(): Promise<Container> {
    return this.db.container('deadLetterActions');
  }
}
