// IncidentEventOutbox in the embedded database: the events EmbeddedIncidentStore records with its timeline
// entries (same database, same transaction), read back for the publisher and the events API.
import { z } from 'zod';
import { ensureErrorType } from '../../errors';
import { incidentEventSchema, type IncidentEvent } from '../../domain/events/IncidentEvent';
import type {
  IncidentEventOutbox,
  PublishedEventQuery,
  PublishedIncidentEvent,
} from '../../ports/IncidentEventOutbox';
import type { Page } from '../../ports/Page';
import { ensureEmbeddedEventOutboxSchema } from './embeddedEventOutbox';
import { commitWithoutWaitingForDisk, type EmbeddedDatabase } from './openEmbeddedDatabase';
import { decodePageToken, keysetPage } from '../paging/pageToken';
import { validated } from '../validated';

interface EventRow {
  seq: number;
  event_id: string;
  body: string;
  published_at: string | null;
}

const positiveLimit = z.number().int().positive();
const position = z.object({ s: z.number().int().nonnegative() });
const instant = z.iso.datetime({ precision: 3 });

export class EmbeddedIncidentEventOutbox implements IncidentEventOutbox {
  constructor(private readonly db: EmbeddedDatabase) {
    ensureEmbeddedEventOutboxSchema(db);
  }

  unpublished(limit: number): Promise<IncidentEvent[]> {
    return run(() => {
      const rows = this.db
        .prepare(`SELECT * FROM app_incident_events WHERE published_at IS NULL ORDER BY seq LIMIT ?`)
        .all(validated(positiveLimit, limit, 'limit')) as EventRow[];
      return rows.map((row) => parsed(row));
    });
  }

  markPublished(eventIds: readonly string[], at: string): Promise<void> {
    return run(() => {
      const publishedAt = validated(instant, at, 'at');
      const mark = this.db.prepare(
        `UPDATE app_incident_events SET published_at = ? WHERE event_id = ? AND published_at IS NULL`,
      );
      // Without waiting for the disk: a mark a power cut undoes only means the event is sent again, and the
      // topic's duplicate detection drops it. It saves a disk flush per batch of events.
      commitWithoutWaitingForDisk(this.db, () => {
        for (const id of eventIds) mark.run(publishedAt, id);
      });
    });
  }

  published(query: PublishedEventQuery): Promise<Page<PublishedIncidentEvent>> {
    return run(() => {
      const limit = validated(positiveLimit, query.limit, 'limit');
      const where = ['published_at IS NOT NULL'];
      const params: (string | number)[] = [];
      if (query.incidentId !== undefined) {
        where.push('incident_id = ?');
        params.push(query.incidentId);
      }
      if (query.continuationToken !== undefined) {
        where.push('seq > ?');
        params.push(decodePageToken(query.continuationToken, position).s);
      }
      const rows = this.db
        .prepare(`SELECT * FROM app_incident_events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`)
        .all(...params, limit + 1) as EventRow[];
      return keysetPage(
        rows,
        limit,
        (row) => ({ event: parsed(row), publishedAt: row.published_at ?? '' }),
        (last) => ({ s: last.seq }),
      );
    });
  }
}

/** Rows read back are validated like any other input. */
function parsed(row: EventRow): IncidentEvent {
  return incidentEventSchema.parse(JSON.parse(row.body));
}

function run<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(ensureErrorType(err));
  }
}
