// AlertStore on Cosmos DB: one item per alert in its own partition (created once: 409 = a redelivery), and
// dead letters per queue; listings are cross-partition keyset queries in the order of a composite index.
import { z } from 'zod';
import { alertSchema } from '../../domain/alerts/Alert';
import type { AlertQuery, AlertStore, DeadLetter, StoredAlert } from '../../ports/AlertStore';
import type { Page } from '../../ports/Page';
import { decodePageToken, keysetPage } from '../paging/pageToken';
import { cosmosCall, cosmosStatus, unlessStatus } from './cosmosErrors';
import type { CosmosDatabase } from './CosmosDatabase';
import { cosmosItemId } from './cosmosItemId';
import { readBack } from './readBack';

const alertItemSchema = z.object({
  alertId: z.string(),
  receivedAt: z.string(),
  routing: z.enum(['routed', 'unrouted']),
  workloadIds: z.array(z.string()),
  routingReasons: z.array(z.string()),
  alert: alertSchema,
});

const deadLetterItemSchema = z.object({
  messageId: z.string(),
  entity: z.string(),
  reason: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })),
  body: z.string(),
  deadLetteredAt: z.string(),
});

const alertPosition = z.object({ r: z.string(), i: z.string() });
const deadLetterPosition = z.object({ d: z.string(), m: z.string() });

export class CosmosAlertStore implements AlertStore {
  constructor(private readonly db: CosmosDatabase) {}

  record(stored: StoredAlert): Promise<{ created: boolean }> {
    return cosmosCall('alert record', async () => {
      const alerts = await this.db.container('alerts');
      try {
        await alerts.items.create({
          id: cosmosItemId(stored.alert.id),
          alertId: stored.alert.id,
          receivedAt: stored.receivedAt,
          routing: stored.routing,
          workloadIds: stored.workloadIds,
          routingReasons: stored.routingReasons,
          alert: stored.alert,
        });
        return { created: true };
      } catch (err) {
        if (cosmosStatus(err) === 409) return { created: false };
        throw err;
      }
    });
  }

  get(alertId: string): Promise<StoredAlert | undefined> {
    return cosmosCall('alert read', async () => {
      const alerts = await this.db.container('alerts');
      const id = cosmosItemId(alertId);
      const read = await unlessStatus(404, () => alerts.item(id, id).read<Record<string, unknown>>());
      return read?.resource === undefined ? undefined : toStoredAlert(read.resource);
    });
  }

  list(query: AlertQuery): Promise<Page<StoredAlert>> {
    return cosmosCall('alert listing', async () => {
      const where: string[] = [];
      const parameters: { name: string; value: string | number }[] = [
        { name: '@top', value: query.limit + 1 },
      ];
      if (query.routing !== undefined) {
        where.push('c.routing = @routing');
        parameters.push({ name: '@routing', value: query.routing });
      }
      if (query.workloadId !== undefined) {
        where.push('ARRAY_CONTAINS(c.workloadIds, @workload)');
        parameters.push({ name: '@workload', value: query.workloadId });
      }
      if (query.continuationToken !== undefined) {
        const after = decodePageToken(query.continuationToken, alertPosition);
        where.push('(c.receivedAt < @r OR (c.receivedAt = @r AND c.alertId < @i))');
        parameters.push({ name: '@r', value: after.r }, { name: '@i', value: after.i });
      }
      const alerts = await this.db.container('alerts');
      const { resources } = await alerts.items
        .query<unknown>({
          query: `SELECT TOP @top * FROM c ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
                  ORDER BY c.receivedAt DESC, c.alertId DESC`,
          parameters,
        })
        .fetchAll();
      const items = resources.map((r) => readBack(alertItemSchema, r, 'alert item'));
      return keysetPage(items, query.limit, toStored, (last) => ({ r: last.receivedAt, i: last.alertId }));
    });
  }

  recordDeadLetter(deadLetter: DeadLetter): Promise<void> {
    return cosmosCall('dead letter record', async () => {
      const letters = await this.db.container('deadLetters');
      // Idempotent per (entity, messageId): the first record is kept.
      await unlessStatus(409, () =>
        letters.items.create({ id: cosmosItemId(deadLetter.messageId), ...deadLetter }),
      );
    });
  }

  listDeadLetters(query: { limit: number; continuationToken?: string }): Promise<Page<DeadLetter>> {
    return cosmosCall('dead letter listing', async () => {
      const parameters: { name: string; value: string | number }[] = [
        { name: '@top', value: query.limit + 1 },
      ];
      let where = '';
      if (query.continuationToken !== undefined) {
        const after = decodePageToken(query.continuationToken, deadLetterPosition);
        where = 'WHERE (c.deadLetteredAt < @d OR (c.deadLetteredAt = @d AND c.messageId < @m))';
        parameters.push({ name: '@d', value: after.d }, { name: '@m', value: after.m });
      }
      const letters = await this.db.container('deadLetters');
      const { resources } = await letters.items
        .query<unknown>({
          query: `SELECT TOP @top * FROM c ${where} ORDER BY c.deadLetteredAt DESC, c.messageId DESC`,
          parameters,
        })
        .fetchAll();
      const items = resources.map((r) => readBack(deadLetterItemSchema, r, 'dead letter item'));
      return keysetPage(
        items,
        query.limit,
        (item) => item,
        (last) => ({ d: last.deadLetteredAt, m: last.messageId }),
      );
    });
  }
}

function toStored(item: z.infer<typeof alertItemSchema>): StoredAlert {
  return {
    alert: item.alert,
    receivedAt: item.receivedAt,
    routing: item.routing,
    workloadIds: item.workloadIds,
    routingReasons: item.routingReasons,
  };
}

function toStoredAlert(resource: unknown): StoredAlert {
  return toStored(readBack(alertItemSchema, resource, 'alert item'));
}
