// Port: incidents, their optimistic-concurrency writes, and their append-only timelines.
import type { Incident, NewIncident } from '../domain/incident/Incident';
import type { IncidentMode } from '../domain/incident/IncidentMode';
import type { IncidentStatus } from '../domain/incident/IncidentStatus';
import type { IncidentStep } from '../domain/incident/IncidentStep';
import type { RunbookPurpose } from '../domain/incident/IncidentRunbook';
import type { RunbookStep } from '../domain/runbook/runbookStepSchema';
import type { TimelineEntry } from '../domain/incident/TimelineEntry';
import type { Page } from './Page';

export interface IncidentQuery {
  /** Any of these statuses; an empty list matches nothing. */
  readonly status?: readonly IncidentStatus[];
  readonly workloadId?: string;
  readonly mode?: IncidentMode;
  /** A positive integer. */
  readonly limit: number;
  readonly continuationToken?: string;
}

/** Returns the next record, or undefined to leave the incident as it is. Called again after a conflict. */
export type IncidentMutation = (current: Incident) => Incident | undefined;

/**
 * The timeline entries that go with an update, given the record after it and whether it changed: appended
 * in the same atomic write (idempotent by entry id, like `appendTimeline`). Called after `mutate`.
 */
export type TimelineOfUpdate = (updated: Incident, changed: boolean) => readonly TimelineEntry[];

/** An incident without its steps: what a step's mutation reads besides the step. */
export type IncidentHead = Omit<Incident, 'steps'>;

/** Returns the step's next record, or undefined to leave it as it is. Pure, like IncidentMutation. */
export type StepMutation = (step: IncidentStep, incident: IncidentHead) => IncidentStep | undefined;

/** The timeline entries that go with a step's update, given whether the step changed. */
export type TimelineOfStepUpdate = (changed: boolean) => readonly TimelineEntry[];

/**
 * How an update may be committed. `progress` marks work an activity would write again if it ran again
 * (its at-least-once re-run after a crash reproduces it), such as a runbook step's record: an adapter may
 * commit it without waiting for the disk, where a power cut could undo it together with everything after
 * it. The default, `acknowledged`, is for what someone outside is told was recorded.
 */
export interface UpdateOptions {
  readonly durability?: 'acknowledged' | 'progress';
}

/**
 * Every write validates the incident (or timeline entry) against its schema and rejects it with a
 * ValidationError; every read (`get`, `list`, `timeline`) validates what it got back. `update` may hand
 * `mutate` the stored record unchecked (it was checked when written; the result is checked before it is).
 */
export interface IncidentStore {
  /**
   * Creates the incident with version 1 if its id is absent. Idempotent: an existing id is returned
   * unchanged, with `created: false`, whatever the caller passed.
   */
  create(incident: NewIncident): Promise<{ readonly incident: Incident; readonly created: boolean }>;
  get(id: string): Promise<Incident | undefined>;
  /**
   * Optimistic concurrency: replaces the record only if the stored version equals `incident.version`,
   * and resolves with the stored record and its new version. A stale version fails with a
   * ConflictError whose `current` is the stored Incident; a missing id with a NotFoundError.
   */
  replace(incident: Incident): Promise<Incident>;
  /**
   * Read-modify-write for activities: `mutate` gets the current record and returns the next one (its
   * `version` is ignored; the id must not change), or undefined for no change, which resolves with the
   * current record and writes nothing. On a concurrent write the store reads again and calls `mutate`
   * again, so `mutate` must be pure; concurrent updates never lose each other's changes. A missing id
   * fails with a NotFoundError; contention beyond the adapter's retry policy with a ConflictError. With
   * `timeline`, its entries are written atomically with the record (none when `mutate` throws).
   */
  update(
    id: string,
    mutate: IncidentMutation,
    timeline?: TimelineOfUpdate,
    options?: UpdateOptions,
  ): Promise<Incident>;
  /**
   * Read-modify-write of one runbook step, at a cost that does not grow with the incident's other steps:
   * `mutate` gets the stored step and the incident without its steps, and returns the step's next record
   * (its id must not change) or undefined for no change. A change is validated and moves the incident's
   * version on like any write. With `timeline`, its entries are written atomically with the step (idempotent
   * by entry id), also when the step did not change. A missing incident or step fails with a NotFoundError.
   */
  updateStep(
    incidentId: string,
    stepId: string,
    mutate: StepMutation,
    timeline?: TimelineOfStepUpdate,
    options?: UpdateOptions,
  ): Promise<{ readonly step: IncidentStep; readonly changed: boolean }>;
  /**
   * Keeps a runbook's steps as they were when it started, once per incident and purpose: the first call
   * stores `steps`; a later call stores nothing. Resolves with the steps kept, which a running runbook reads
   * its later steps from (`runbookPlan`), so a catalog edit never changes a runbook already running.
   * NotFoundError for a missing incident, ValidationError for a step that is not a parsed runbook step.
   */
  keepRunbookPlan(
    incidentId: string,
    purpose: RunbookPurpose,
    steps: readonly RunbookStep[],
  ): Promise<RunbookStep[]>;
  /** The kept steps from position `from` (0-based) on, at most `count`, in order; none past the end. */
  runbookPlan(
    incidentId: string,
    purpose: RunbookPurpose,
    from: number,
    count: number,
  ): Promise<RunbookStep[]>;
  /**
   * Appends entries to an existing incident's timeline (NotFoundError otherwise). Idempotent by entry
   * id: an id already present, or repeated within the call, keeps its first entry.
   */
  appendTimeline(incidentId: string, entries: readonly TimelineEntry[]): Promise<void>;
  /**
   * Oldest first: by `at`, entries with the same `at` in the order they were appended. With `limit`,
   * the latest `limit` entries (still oldest first). An unknown incident has an empty timeline.
   */
  timeline(incidentId: string, options?: { readonly limit?: number }): Promise<TimelineEntry[]>;
  /** Newest `detectedAt` first, then descending id. A token from another listing: ValidationError. */
  list(query: IncidentQuery): Promise<Page<Incident>>;
}
