// DeadLetterActionLog in the embedded database: one row per dead letter an operator acted on.
import { z } from 'zod';
import { ensureErrorType } from '../../errors';
import type { DeadLetterAction, DeadLetterActionLog } from '../../ports/DeadLetterActionLog';
import type { Page } from '../../ports/Page';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';
import { deadLetterActionSchema } from '../../domain/deadLetters/deadLetterActionSchema';
import { decodePageToken, keysetPage } from '../paging/pageToken';
import { validated } from '../validated';

interface ActionRow {
  seq: number;
  body: string;
}

const position = z.object({ s: z.number().int() });
const positiveLimit = z.number().int().positive();

export class EmbeddedDeadLetterActionLog implements DeadLetterActionLog {
  constructor(private readonly db: EmbeddedDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS app_dead_letter_actions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        dead_letter_id TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL);
    `);
  }

  record(action: DeadLetterAction): Promise<boolean> {
    return run(() => {
      const checked = validated(deadLetterActionSchema, action, 'dead-letter action');
      return (
        this.db
          .prepare(
            `INSERT INTO app_dead_letter_actions (dead_letter_id, body) VALUES (?, ?)
             ON CONFLICT (dead_letter_id) DO NOTHING`,
          )
          .run(checked.deadLetterId, JSON.stringify(checked)).changes > 0
      );
    });
  }

  find(deadLetterIds: readonly string[]): Promise<ReadonlyMap<string, DeadLetterAction>> {
    return run(() => {
      const found = new Map<string, DeadLetterAction>();
      const get = this.db.prepare(`SELECT body FROM app_dead_letter_actions WHERE dead_letter_id = ?`);
      for (const id of deadLetterIds) {
        const row = get.get(id) as { body: string } | undefined;
        if (row) found.set(id, deadLetterActionSchema.parse(JSON.parse(row.body)));
      }
      return found;
    });
  }

  list(query: { limit: number; continuationToken?: string }): Promise<Page<DeadLetterAction>> {
    return run(() => {
      const limit = validated(positiveLimit, query.limit, 'limit');
      const before =
        query.continuationToken === undefined
          ? Number.MAX_SAFE_INTEGER
          : decodePageToken(query.continuationToken, position).s;
      const rows = this.db
        .prepare(`SELECT seq, body FROM app_dead_letter_actions WHERE seq < ? ORDER BY seq DESC LIMIT ?`)
        .all(before, limit + 1) as ActionRow[];
      return keysetPage(
        rows,
        limit,
        (row) => deadLetterActionSchema.parse(JSON.parse(row.body)),
        (last) => ({ s: last.seq }),
      );
    });
  }
}

function run<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(ensureErrorType(err));
  }
}
