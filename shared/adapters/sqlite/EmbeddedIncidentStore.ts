// IncidentStore in the embedded database. Every write is one IMMEDIATE transaction, so a read-modify-write
// holds the write lock from its read to its write: concurrent updates (other connections, other
// processes) queue up instead of conflicting, and `update` needs no retries here.
import { z } from 'zod';
import { ConflictError, ensureErrorType, NotFoundError, ValidationError } from '../../errors';
import {
  incidentSchema,
  newIncidentSchema,
  type Incident,
  type NewIncident,
} from '../../domain/incident/Incident';
import { incidentStepSchema, type IncidentStep } from '../../domain/incident/IncidentStep';
import type { RunbookPurpose } from '../../domain/incident/IncidentRunbook';
import { timelineEntrySchema, type TimelineEntry } from '../../domain/incident/TimelineEntry';
import { runbookPlanStepSchema } from '../../domain/runbook/runbookPlanStep';
import type { RunbookStep } from '../../domain/runbook/runbookStepSchema';
import type {
  IncidentMutation,
  IncidentQuery,
  IncidentStore,
  StepMutation,
  TimelineOfStepUpdate,
  TimelineOfUpdate,
  UpdateOptions,
} from '../../ports/IncidentStore';
import type { Page } from '../../ports/Page';
import type { IncidentEventHead } from '../../domain/events/toIncidentEvent';
import { ensureEmbeddedEventOutboxSchema, recordIncidentEvents } from './embeddedEventOutbox';
import { ensureEmbeddedIncidentSchema } from './embeddedIncidentSchema';
import {
  readIncidentStep,
  readIncidentSteps,
  writeIncidentStep,
  writeIncidentSteps,
} from './embeddedIncidentSteps';
import { validatedChange } from './validatedChange';
import { commitWithoutWaitingForDisk, type EmbeddedDatabase } from './openEmbeddedDatabase';
import { decodePageToken, keysetPage } from '../paging/pageToken';
import { validated } from '../validated';

interface IncidentRow {
  id: string;
  detected_at: string;
  version: number;
  body: string;
}

const incidentPosition = z.object({ d: z.string(), i: z.string() });
const positiveLimit = z.number().int().positive();
const timelineEntries = z.array(timelineEntrySchema);
const runbookPlan = z.array(runbookPlanStepSchema);
const position = z.number().int().nonnegative();

export interface EmbeddedIncidentStoreOptions {
  /** Called after a write that recorded incident events has committed (the publisher drains them). */
  readonly onEventsRecorded?: () => void;
}

export class EmbeddedIncidentStore implements IncidentStore {
  private eventsRecorded = false;

  constructor(
    private readonly db: EmbeddedDatabase,
    private readonly options: EmbeddedIncidentStoreOptions = {},
  ) {
    ensureEmbeddedIncidentSchema(db);
    ensureEmbeddedEventOutboxSchema(db);
  }

  create(incident: NewIncident): Promise<{ incident: Incident; created: boolean }> {
    return this.immediate(() => {
      const next = validated(newIncidentSchema, incident, 'incident');
      const existing = this.read(next.id);
      if (existing !== undefined) return { incident: existing, created: false };
      const { steps, ...head } = next;
      this.db
        .prepare(
          `INSERT INTO app_incidents (id, workload_id, status, mode, detected_at, version, body)
           VALUES (?, ?, ?, ?, ?, 1, ?)`,
        )
        .run(next.id, next.workloadId, next.status, next.mode, next.detectedAt, JSON.stringify(head));
      writeIncidentSteps(this.db, next.id, steps);
      return { incident: { ...next, version: 1 }, created: true };
    });
  }

  get(id: string): Promise<Incident | undefined> {
    return run(() => this.read(id));
  }

  replace(incident: Incident): Promise<Incident> {
    return this.immediate(() => {
      const { version, ...rest } = validated(incidentSchema, incident, 'incident');
      const current = this.read(rest.id);
      if (current === undefined) throw new NotFoundError(`Incident ${rest.id} does not exist`);
      if (current.version !== version) {
        throw new ConflictError(
          `Incident ${rest.id} is at version ${current.version}, not ${version}: read it again`,
          current,
        );
      }
      return this.write(rest, version);
    });
  }

  update(
    id: string,
    mutate: IncidentMutation,
    timeline?: TimelineOfUpdate,
    options?: UpdateOptions,
  ): Promise<Incident> {
    return this.immediate(() => {
      // Not schema-checked on the way in: this adapter checked it when it wrote it, the mutation's result
      // is checked before it is written, and an update is the hot path of every runbook step.
      const current = this.readForWrite(id);
      if (current === undefined) throw new NotFoundError(`Incident ${id} does not exist`);
      const proposed = mutate(current);
      let updated = current;
      if (proposed !== undefined) {
        // The schema without `version` drops whatever version the mutation left: the store sets it. Only
        // what the mutation changed is checked: a step write changes one step of many.
        const next = validatedChange(newIncidentSchema, current, proposed, 'incident');
        if (next.id !== id) {
          throw new ValidationError(`An update of incident ${id} must not change its id`, [
            { path: 'id', message: `expected ${JSON.stringify(id)}` },
          ]);
        }
        updated = this.write(next, current.version, current.steps);
      }
      if (timeline !== undefined) {
        this.insertTimeline(id, timeline(updated, proposed !== undefined), () => updated);
      }
      return updated;
    }, options?.durability);
  }

  updateStep(
    incidentId: string,
    stepId: string,
    mutate: StepMutation,
    timeline?: TimelineOfStepUpdate,
    options?: UpdateOptions,
  ): Promise<{ step: IncidentStep; changed: boolean }> {
    return this.immediate(() => {
      const row = this.row(incidentId);
      if (row === undefined) throw new NotFoundError(`Incident ${incidentId} does not exist`);
      const { head, legacySteps } = parseBody(row);
      if (legacySteps !== undefined) {
        this.moveLegacySteps(incidentId, head, legacySteps);
      }
      const current = readIncidentStep(this.db, incidentId, stepId);
      if (current === undefined) {
        throw new NotFoundError(`Incident ${incidentId} has no step ${stepId}`);
      }
      const proposed = mutate(current, { ...(head as Omit<NewIncident, 'steps'>), version: row.version });
      let step = current;
      if (proposed !== undefined) {
        step = validatedChange(incidentStepSchema, current, proposed, `step ${stepId}`);
        if (step.id !== stepId) {
          throw new ValidationError(`An update of step ${stepId} must not change its id`, [
            { path: 'id', message: `expected ${JSON.stringify(stepId)}` },
          ]);
        }
        writeIncidentStep(this.db, incidentId, step);
        this.db.prepare(`UPDATE app_incidents SET version = version + 1 WHERE id = ?`).run(incidentId);
      }
      if (timeline !== undefined) {
        this.insertTimeline(incidentId, timeline(proposed !== undefined), () => head as IncidentEventHead);
      }
      return { step, changed: proposed !== undefined };
    }, options?.durability);
  }

  keepRunbookPlan(
    incidentId: string,
    purpose: RunbookPurpose,
    steps: readonly RunbookStep[],
  ): Promise<RunbookStep[]> {
    return this.immediate(() => {
      if (this.db.prepare(`SELECT 1 FROM app_incidents WHERE id = ?`).get(incidentId) === undefined) {
        throw new NotFoundError(`Incident ${incidentId} does not exist`);
      }
      const kept = this.planRows(incidentId, purpose, 0, -1);
      if (kept.length > 0) {
        return kept;
      }
      const checked = validated(runbookPlan, steps, 'runbook steps');
      const insert = this.db.prepare(
        `INSERT INTO app_incident_runbook_plans (incident_id, purpose, position, body) VALUES (?, ?, ?, ?)`,
      );
      checked.forEach((step, position) => insert.run(incidentId, purpose, position, JSON.stringify(step)));
      return checked;
    });
  }

  runbookPlan(
    incidentId: string,
    purpose: RunbookPurpose,
    from: number,
    count: number,
  ): Promise<RunbookStep[]> {
    return run(() =>
      this.planRows(
        incidentId,
        purpose,
        validated(position, from, 'from'),
        validated(positiveLimit, count, 'count'),
      ),
    );
  }

  /** `count` -1: all from `from` on. Kept steps were checked when they were written. */
  private planRows(incidentId: string, purpose: string, from: number, count: number): RunbookStep[] {
    const rows = this.db
      .prepare(
        `SELECT body FROM app_incident_runbook_plans WHERE incident_id = ? AND purpose = ? AND position >= ?
         ORDER BY position LIMIT ?`,
      )
      .all(incidentId, purpose, from, count) as { body: string }[];
    return rows.map((row) => JSON.parse(row.body) as RunbookStep);
  }

  appendTimeline(incidentId: string, entries: readonly TimelineEntry[]): Promise<void> {
    return this.immediate(() => {
      const row = this.row(incidentId);
      if (row === undefined) {
        throw new NotFoundError(`Incident ${incidentId} does not exist`);
      }
      this.insertTimeline(incidentId, entries, () => parseBody(row).head as IncidentEventHead);
    });
  }

  /**
   * Within a transaction, for an incident that exists. Each entry recorded for the first time gets its
   * incident event in the outbox, in the same transaction; `head`: the incident as this write leaves it.
   */
  private insertTimeline(
    incidentId: string,
    entries: readonly TimelineEntry[],
    head: () => IncidentEventHead,
  ): void {
    const checked = validated(timelineEntries, entries, 'timeline entries');
    const insert = this.db.prepare(
      `INSERT INTO app_incident_timeline (incident_id, entry_id, at, body) VALUES (?, ?, ?, ?)
       ON CONFLICT (incident_id, entry_id) DO NOTHING`,
    );
    const recorded: TimelineEntry[] = [];
    for (const entry of checked) {
      if (insert.run(incidentId, entry.id, entry.at, JSON.stringify(entry)).changes > 0) {
        recorded.push(entry);
      }
    }
    recordIncidentEvents(this.db, incidentId, recorded, head);
    this.eventsRecorded ||= recorded.length > 0;
  }

  timeline(incidentId: string, options: { limit?: number } = {}): Promise<TimelineEntry[]> {
    return run(() => {
      const rows =
        options.limit === undefined
          ? this.db
              .prepare(`SELECT body FROM app_incident_timeline WHERE incident_id = ? ORDER BY at, seq`)
              .all(incidentId)
          : this.db
              .prepare(
                `SELECT body FROM (
                   SELECT body, at, seq FROM app_incident_timeline WHERE incident_id = ?
                   ORDER BY at DESC, seq DESC LIMIT ?)
                 ORDER BY at, seq`,
              )
              .all(incidentId, validated(positiveLimit, options.limit, 'limit'));
      return (rows as { body: string }[]).map((row) => timelineEntrySchema.parse(JSON.parse(row.body)));
    });
  }

  list(query: IncidentQuery): Promise<Page<Incident>> {
    return run(() => {
      const limit = validated(positiveLimit, query.limit, 'limit');
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (query.status !== undefined) {
        // `IN ()` is not SQL; an empty set matches nothing.
        where.push(query.status.length === 0 ? '0' : `status IN (${query.status.map(() => '?').join(', ')})`);
        params.push(...query.status);
      }
      if (query.workloadId !== undefined) {
        where.push('workload_id = ?');
        params.push(query.workloadId);
      }
      if (query.mode !== undefined) {
        where.push('mode = ?');
        params.push(query.mode);
      }
      if (query.continuationToken !== undefined) {
        const after = decodePageToken(query.continuationToken, incidentPosition);
        where.push('(detected_at < ? OR (detected_at = ? AND id < ?))');
        params.push(after.d, after.d, after.i);
      }
      const rows = this.db
        .prepare(
          `SELECT id, detected_at, version, body FROM app_incidents
           ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY detected_at DESC, id DESC LIMIT ?`,
        )
        .all(...params, limit + 1) as IncidentRow[];
      return keysetPage(
        rows,
        limit,
        (row) => this.checked(row),
        (last) => ({ d: last.detected_at, i: last.id }),
      );
    });
  }

  /** One IMMEDIATE transaction (validation included), its throws turned into rejections. */
  private immediate<T>(work: () => T, durability: UpdateOptions['durability'] = 'acknowledged'): Promise<T> {
    return run(() => {
      this.eventsRecorded = false;
      const result =
        durability === 'progress'
          ? commitWithoutWaitingForDisk(this.db, work, 'immediate')
          : this.db.transaction(work).immediate();
      // Committed (a throw above skips this): the events are there for the publisher to read.
      if (this.eventsRecorded) {
        this.eventsRecorded = false;
        this.options.onEventsRecorded?.();
      }
      return result;
    });
  }

  private row(id: string): IncidentRow | undefined {
    return this.db
      .prepare(`SELECT id, detected_at, version, body FROM app_incidents WHERE id = ?`)
      .get(id) as IncidentRow | undefined;
  }

  private read(id: string): Incident | undefined {
    const row = this.row(id);
    return row === undefined ? undefined : this.checked(row);
  }

  /** Documents read back are validated like any other input. */
  private checked(row: IncidentRow): Incident {
    return { ...newIncidentSchema.parse(this.assembled(row)), version: row.version };
  }

  /**
   * Within a write transaction: the stored record, unchecked (this adapter checked it when it wrote it),
   * with an older record's steps moved to their rows first, so the write can rewrite only the changed ones.
   */
  private readForWrite(id: string): Incident | undefined {
    const row = this.row(id);
    if (row === undefined) return undefined;
    const { head, legacySteps } = parseBody(row);
    if (legacySteps !== undefined) {
      this.moveLegacySteps(id, head, legacySteps);
    }
    const steps = legacySteps ?? readIncidentSteps(this.db, id);
    return { ...(head as Omit<NewIncident, 'steps'>), steps, version: row.version };
  }

  /** The body with its steps. */
  private assembled(row: IncidentRow): Record<string, unknown> {
    const { head, legacySteps } = parseBody(row);
    return { ...head, steps: legacySteps ?? readIncidentSteps(this.db, row.id) };
  }

  /**
   * Within a transaction that has checked `fromVersion` is the stored one. `stored`: the steps as read from
   * their rows in the same transaction, when only the changed ones need rewriting.
   */
  private write(next: NewIncident, fromVersion: number, stored?: readonly IncidentStep[]): Incident {
    const version = fromVersion + 1;
    const { steps, ...head } = next;
    this.db
      .prepare(
        `UPDATE app_incidents SET workload_id = ?, status = ?, mode = ?, detected_at = ?, version = ?, body = ?
         WHERE id = ?`,
      )
      .run(next.workloadId, next.status, next.mode, next.detectedAt, version, JSON.stringify(head), next.id);
    writeIncidentSteps(this.db, next.id, steps, stored);
    return { ...next, version };
  }

  /** Within a transaction: an incident written before steps had their own rows gets them, unchanged. */
  private moveLegacySteps(id: string, head: Record<string, unknown>, steps: readonly IncidentStep[]): void {
    writeIncidentSteps(this.db, id, steps);
    this.db.prepare(`UPDATE app_incidents SET body = ? WHERE id = ?`).run(JSON.stringify(head), id);
  }
}

/** The stored body without its steps, and the steps an incident written before step rows still carries. */
function parseBody(row: IncidentRow): {
  head: Record<string, unknown>;
  legacySteps: IncidentStep[] | undefined;
} {
  const { steps, ...head } = JSON.parse(row.body) as Record<string, unknown>;
  return { head, legacySteps: Array.isArray(steps) ? (steps as IncidentStep[]) : undefined };
}

/** Input that fails its schema is the caller's fault: a ValidationError naming what and where. */

/** better-sqlite3 is synchronous: turn its throws into rejections, as an asynchronous store would. */
function run<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(ensureErrorType(err));
  }
}
