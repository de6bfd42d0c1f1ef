// IncidentEventOutbox on Cosmos DB: the event items CosmosIncidentStore creates in each incident's partition
// with the timeline entries they are for (cosmosEventItems.ts). The publisher's reads are cross-partition;
// heads whose events were committed but never made items (a writer that crashed right after its commit,
// an incident nobody writes again) are found by their indexed flag and materialised first, so no event is
// left behind in a head.
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { IncidentEvent } from '../../domain/events/IncidentEvent';
import type {
  IncidentEventOutbox,
  PublishedEventQuery,
  PublishedIncidentEvent,
} from '../../ports/IncidentEventOutbox';
import type { Page } from '../../ports/Page';
import { decodePageToken, keysetPage } from '../paging/pageToken';
import { validated } from '../validated';
import { cosmosCall, cosmosStatus } from './cosmosErrors';
import type { CosmosDatabase } from './CosmosDatabase';
import { eventItemSchema, type EventItem } from './cosmosEventItems';
import { headItemSchema } from './cosmosIncidentItems';
import { stripSystem } from './cosmosIncidentDocuments';
import { clearPending, materialisePending } from './cosmosPendingItems';
import { inBatches } from './inBatches';
import { readBack } from './readBack';

const positiveLimit = z.number().int().positive();
const instant = z.iso.datetime({ precision: 3 });
const eventIds = z.array(z.string().min(1));
const position = z.object({ o: z.number().int().positive(), e: z.string().min(1) });
/** Heads with pending events taken per sweep; more wait for the next call. */
const PENDING_HEADS_PER_SWEEP = 50;
/**
 * Heads are swept at most this often: a writer materialises its own events right after its commit, so only a
 * writer that stopped in between leaves any, and a drain right after a write (the nudge) need not look.
 */
const SWEEP_EVERY_MS = 5_000;
/** A mark that loses a race with another publisher's reads the item again, at most this often. */
const MARK_ATTEMPTS = 5;

type Parameter = { name: string; value: string | number | string[] };

export class CosmosIncidentEventOutbox implements IncidentEventOutbox {
  private lastSweepAt: number | undefined;

  constructor(private readonly db: CosmosDatabase) {}

  unpublished(limit: number): Promise<IncidentEvent[]> {
    return cosmosCall('incident event outbox read', async () => {
      const top = validated(positiveLimit, limit, 'limit');
      const c = await this.incidents();
      const now = Date.now();
      if (this.lastSweepAt === undefined || now - this.lastSweepAt >= SWEEP_EVERY_MS) {
        await this.materialiseLeftBehind(c);
        this.lastSweepAt = now;
      }
      const items = await this.events(c, ['c.published = false'], [], top);
      return items.map((item) => item.event);
    });
  }

  markPublished(ids: readonly string[], at: string): Promise<void> {
    return cosmosCall('incident event outbox mark', async () => {
      const publishedAt = validated(instant, at, 'at');
      const wanted = validated(eventIds, [...ids], 'eventIds');
      if (wanted.length === 0) return;
      const c = await this.incidents();
      const found = await this.events(
        c,
        ['ARRAY_CONTAINS(@ids, c.eventId)'],
        [{ name: '@ids', value: wanted }],
        wanted.length,
      );
      await inBatches(found, (item) => this.mark(c, item, publishedAt));
    });
  }

  published(query: PublishedEventQuery): Promise<Page<PublishedIncidentEvent>> {
    return cosmosCall('incident event listing', async () => {
      const limit = validated(positiveLimit, query.limit, 'limit');
      const where = ['c.published = true'];
      const parameters: Parameter[] = [];
      if (query.incidentId !== undefined) {
        where.push('c.incidentId = @incident');
        parameters.push({ name: '@incident', value: query.incidentId });
      }
      if (query.continuationToken !== undefined) {
        const after = decodePageToken(query.continuationToken, position);
        where.push('(c["order"] > @o OR (c["order"] = @o AND c.eventId > @e))');
        parameters.push({ name: '@o', value: after.o }, { name: '@e', value: after.e });
      }
      const c = await this.incidents();
      const items = await this.events(c, where, parameters, limit + 1, query.incidentId);
      return keysetPage(
        items,
        limit,
        (item) => ({ event: item.event, publishedAt: item.publishedAt ?? '' }),
        (last) => ({ o: last.order, e: last.eventId }),
      );
    });
  }

  private incidents(): Promise<Container> {
    return this.db.container('incidents');
  }

  /** Event items matching `where`, in record order (ties by event id), at most `top`. */
  private async events(
    c: Container,
    where: readonly string[],
    parameters: readonly Parameter[],
    top: number,
    partitionKey?: string,
  ): Promise<EventItem[]> {
    const { resources } = await c.items
      .query<unknown>(
        {
          // `order` is a keyword of the query language: the property is named with brackets.
          query: `SELECT TOP @top * FROM c WHERE c.kind = 'event' AND ${where.join(' AND ')}
                  ORDER BY c["order"], c.eventId`,
          parameters: [{ name: '@top', value: top }, ...parameters],
        },
        partitionKey === undefined ? {} : { partitionKey },
      )
      .fetchAll();
    return resources.map((r) => readBack(eventItemSchema, r, 'incident event item'));
  }

  /** Makes the events of committed writes that are still only in their heads items, and clears those heads. */
  private async materialiseLeftBehind(c: Container): Promise<void> {
    const { resources } = await c.items
      .query<unknown>({
        query: `SELECT TOP @top * FROM c WHERE c.kind = 'incident' AND c.pendingEvents = true`,
        parameters: [{ name: '@top', value: PENDING_HEADS_PER_SWEEP }],
      })
      .fetchAll();
    for (const raw of resources) {
      const head = readBack(headItemSchema, raw, 'incident head');
      await materialisePending(c, head.incidentId, head.pending);
      await clearPending(c, head.incidentId, stripSystem(head), head._etag);
    }
  }

  /** Keeps the first publication time: an item another publisher marked meanwhile stays as it is. */
  private async mark(c: Container, found: EventItem, publishedAt: string): Promise<void> {
    let item: EventItem | undefined = found;
    for (let attempt = 1; item !== undefined && !item.published; attempt++) {
      const { _etag: etag, ...doc } = item;
      try {
        await c
          .item(item.id, item.incidentId)
          .replace(
            { ...doc, published: true, publishedAt },
            etag === undefined ? {} : { accessCondition: { type: 'IfMatch', condition: etag } },
          );
        return;
      } catch (err) {
        if (cosmosStatus(err) !== 412 || attempt >= MARK_ATTEMPTS) throw err;
      }
      const { resource }: { resource?: Record<string, unknown> } = await c
        .item(found.id, found.incidentId)
        .read<Record<string, unknown>>();
      item = resource === undefined ? undefined : readBack(eventItemSchema, resource, 'event item');
    }
  }
}
