// ReadinessStore in the embedded database: one row per evaluation (with what the latest was when it was
// recorded) and one latest row per workload, written in one IMMEDIATE transaction, so two evaluations
// recorded at once each see the other or none.
import { z } from 'zod';
import {
  readinessResultSchema,
  readinessStateSchema,
  type ReadinessResult,
} from '../../domain/readiness/ReadinessResult';
import { ensureErrorType } from '../../errors';
import type { ReadinessStore, RecordedReadiness } from '../../ports/ReadinessStore';
import type { EmbeddedDatabase } from './openEmbeddedDatabase';
import { validated } from '../validated';

const resultRowSchema = z.object({
  doc: z.string(),
  previous_state: readinessStateSchema.nullable(),
  became_latest: z.union([z.literal(0), z.literal(1)]),
});

export class EmbeddedReadinessStore implements ReadinessStore {
  constructor(private readonly db: EmbeddedDatabase) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS app_readiness_results (
        workload_id TEXT NOT NULL, id TEXT NOT NULL, evaluated_at TEXT NOT NULL, doc TEXT NOT NULL,
        previous_state TEXT, became_latest INTEGER NOT NULL, PRIMARY KEY (workload_id, id));
      CREATE INDEX IF NOT EXISTS app_readiness_results_time ON app_readiness_results (workload_id, evaluated_at);
      CREATE TABLE IF NOT EXISTS app_readiness_latest (
        workload_id TEXT PRIMARY KEY, id TEXT NOT NULL, evaluated_at TEXT NOT NULL, state TEXT NOT NULL, doc TEXT NOT NULL);
    `);
  }

  record(result: ReadinessResult): Promise<RecordedReadiness> {
    return this.immediate((): RecordedReadiness => {
      const next = validated(readinessResultSchema, result, 'readiness result');
      const existing = this.db
        .prepare(
          `SELECT doc, previous_state, became_latest FROM app_readiness_results WHERE workload_id = ? AND id = ?`,
        )
        .get(next.workloadId, next.id);
      if (existing !== undefined) {
        const row = validated(resultRowSchema, existing, 'stored readiness result');
        return recorded(row.previous_state, row.became_latest === 1);
      }
      const latest = this.db
        .prepare(`SELECT evaluated_at, state FROM app_readiness_latest WHERE workload_id = ?`)
        .get(next.workloadId) as { evaluated_at: string; state: string } | undefined;
      const previousState = latest === undefined ? null : readinessStateSchema.parse(latest.state);
      const becomesLatest = latest === undefined || latest.evaluated_at <= next.evaluatedAt;
      const doc = JSON.stringify(next);
      this.db
        .prepare(
          `INSERT INTO app_readiness_results (workload_id, id, evaluated_at, doc, previous_state, became_latest) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(next.workloadId, next.id, next.evaluatedAt, doc, previousState, becomesLatest ? 1 : 0);
      if (becomesLatest) {
        this.db
          .prepare(
            `INSERT INTO app_readiness_latest (workload_id, id, evaluated_at, state, doc) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (workload_id) DO UPDATE SET id = excluded.id, evaluated_at = excluded.evaluated_at, state = excluded.state, doc = excluded.doc`,
          )
          .run(next.workloadId, next.id, next.evaluatedAt, next.state, doc);
      }
      return recorded(previousState, becomesLatest);
    });
  }

  latest(workloadId: string): Promise<ReadinessResult | undefined> {
    try {
      const row = this.db
        .prepare(`SELECT doc FROM app_readiness_latest WHERE workload_id = ?`)
        .get(workloadId) as { doc: string } | undefined;
      return Promise.resolve(row === undefined ? undefined : readBack(row.doc));
    } catch (err) {
      return Promise.reject(ensureErrorType(err));
    }
  }

  history(workloadId: string, limit: number): Promise<ReadinessResult[]> {
    try {
      const n = validated(z.int().positive(), limit, 'history limit');
      const rows = this.db
        .prepare(
          `SELECT doc FROM app_readiness_results WHERE workload_id = ? ORDER BY evaluated_at DESC, id DESC LIMIT ?`,
        )
        .all(workloadId, n) as { doc: string }[];
      return Promise.resolve(rows.map((row) => readBack(row.doc)));
    } catch (err) {
      return Promise.reject(ensureErrorType(err));
    }
  }

  private immediate<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(this.db.transaction(work).immediate());
    } catch (err) {
      return Promise.reject(ensureErrorType(err));
    }
  }
}

function recorded(
  previousState: z.infer<typeof readinessStateSchema> | null,
  latest: boolean,
): RecordedReadiness {
  return previousState === null ? { latest } : { previousState, latest };
}

function readBack(doc: string): ReadinessResult {
  return validated(readinessResultSchema, JSON.parse(doc) as unknown, 'stored readiness result');
}
