// AlertStore in the embedded database.
import { z } from 'zod';
import { alertSchema } from '../../domain/alerts/Alert';
import { ensureErrorType } from '../../errors';
import type { AlertQuery, AlertStore, DeadLetter, StoredAlert } from '../../ports/AlertStore';
import type { Page } from '../../ports/Page';
import { ensureEmbeddedAppSchema } from './embeddedAppSchema';
import { groupCommitFor, type GroupCommit } from './GroupCommit';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';
import { decodePageToken, keysetPage } from '../paging/pageToken';

interface AlertRow {
  id: string;
  received_at: string;
  routing: 'routed' | 'unrouted';
  workload_ids: string;
  routing_reasons: string;
  body: string;
}

interface DeadLetterRow {
  seq: number;
  entity: string;
  message_id: string;
  reason: string;
  details: string;
  body: string;
  dead_lettered_at: string;
}

const alertPosition = z.object({ r: z.string(), i: z.string() });
const deadLetterPosition = z.object({ s: z.number().int() });
const stringList = z.array(z.string());
const detailsList = z.array(z.object({ path: z.string(), message: z.string() }));

export class EmbeddedAlertStore implements AlertStore {
  private readonly group: GroupCommit;

  constructor(private readonly db: EmbeddedDatabase) {
    ensureEmbeddedAppSchema(db);
    this.group = groupCommitFor(db);
  }

  /** In the connection's group commit: concurrent correlators' records share one commit. */
  record(stored: StoredAlert): Promise<{ created: boolean }> {
    return this.group.run(() => {
      // Redeliveries are common under load: a read spares them a write.
      if (this.db.prepare(`SELECT 1 FROM app_alerts WHERE id = ?`).get(stored.alert.id) !== undefined) {
        return { created: false };
      }
      const result = this.db
        .prepare(
          `INSERT INTO app_alerts (id, received_at, routing, workload_ids, routing_reasons, body)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        )
        .run(
          stored.alert.id,
          stored.receivedAt,
          stored.routing,
          JSON.stringify(stored.workloadIds),
          JSON.stringify(stored.routingReasons),
          JSON.stringify(stored.alert),
        );
      return { created: result.changes > 0 };
    });
  }

  get(alertId: string): Promise<StoredAlert | undefined> {
    const row = this.db.prepare(`SELECT * FROM app_alerts WHERE id = ?`).get(alertId) as AlertRow | undefined;
    return Promise.resolve(row === undefined ? undefined : toStoredAlert(row));
  }

  list(query: AlertQuery): Promise<Page<StoredAlert>> {
    try {
      return Promise.resolve(this.listNow(query));
    } catch (err) {
      return Promise.reject(ensureErrorType(err));
    }
  }

  private listNow(query: AlertQuery): Page<StoredAlert> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.routing !== undefined) {
      where.push('routing = ?');
      params.push(query.routing);
    }
    if (query.workloadId !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(workload_ids) WHERE value = ?)');
      params.push(query.workloadId);
    }
    if (query.continuationToken !== undefined) {
      const after = decodePageToken(query.continuationToken, alertPosition);
      where.push('(received_at < ? OR (received_at = ? AND id < ?))');
      params.push(after.r, after.r, after.i);
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM app_alerts ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY received_at DESC, id DESC LIMIT ?`,
      )
      .all(...params, query.limit + 1) as AlertRow[];
    return keysetPage(rows, query.limit, toStoredAlert, (last) => ({ r: last.received_at, i: last.id }));
  }

  recordDeadLetter(deadLetter: DeadLetter): Promise<void> {
    return this.group.run(() => {
      this.db
        .prepare(
          `INSERT INTO app_dead_letters (entity, message_id, reason, details, body, dead_lettered_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity, message_id) DO NOTHING`,
        )
        .run(
          deadLetter.entity,
          deadLetter.messageId,
          deadLetter.reason,
          JSON.stringify(deadLetter.details),
          deadLetter.body,
          deadLetter.deadLetteredAt,
        );
    });
  }

  listDeadLetters(query: { limit: number; continuationToken?: string }): Promise<Page<DeadLetter>> {
    try {
      return Promise.resolve(this.listDeadLettersNow(query));
    } catch (err) {
      return Promise.reject(ensureErrorType(err));
    }
  }

  private listDeadLettersNow(query: { limit: number; continuationToken?: string }): Page<DeadLetter> {
    const after =
      query.continuationToken === undefined
        ? Number.MAX_SAFE_INTEGER
        : decodePageToken(query.continuationToken, deadLetterPosition).s;
    const rows = this.db
      .prepare(`SELECT * FROM app_dead_letters WHERE seq < ? ORDER BY seq DESC LIMIT ?`)
      .all(after, query.limit + 1) as DeadLetterRow[];
    return keysetPage(
      rows,
      query.limit,
      (row) => ({
        messageId: row.message_id,
        entity: row.entity,
        reason: row.reason,
        details: detailsList.parse(JSON.parse(row.details)),
        body: row.body,
        deadLetteredAt: row.dead_lettered_at,
      }),
      (last) => ({ s: last.seq }),
    );
  }
}

/** Documents read back are validated like any other input. */
function toStoredAlert(row: AlertRow): StoredAlert {
  return {
    alert: alertSchema.parse(JSON.parse(row.body)),
    receivedAt: row.received_at,
    routing: row.routing,
    workloadIds: stringList.parse(JSON.parse(row.workload_ids)),
    routingReasons: stringList.parse(JSON.parse(row.routing_reasons)),
  };
}
