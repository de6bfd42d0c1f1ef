// How a runbook's records are numbered, in one place for the orchestration that reserves the numbers and the
// activities that write under them: each step's changes carry a revision (a change applies only when newer
// than what the step's record holds), and every timeline entry a runbook writes has an id derived from
// them (entries are idempotent by id, so an activity that runs twice appends its entry once).
import type { RunbookPurpose } from '../incident/IncidentRunbook';

/** Timeline entry ids of one runbook run of an incident start with it. */
export function runbookEntryPrefix(purpose: RunbookPurpose): string {
  return `runbook-${purpose}`;
}

/** The timeline entry of a step's change with `revision`. */
export function stepEntryId(entryPrefix: string, stepId: string, revision: number): string {
  return `${entryPrefix}-${stepId}-r${revision}`;
}

/** Entries of the runbook itself, numbered by their own counters: pauses, resumes, ignored controls. */
export type RunbookEntryKind = 'pause' | 'resume' | 'ignored';

export function runbookEntryId(entryPrefix: string, kind: RunbookEntryKind, count: number): string {
  return `${entryPrefix}-${kind}-${count}`;
}

/**
 * The revisions of the steps of one execution of the runbook orchestration (a step runs within one
 * execution, so numbering starts afresh in each). Deterministic: replays reserve the same numbers.
 */
export class StepRevisions {
  private readonly last = new Map<string, number>();

  /** The next revision of `stepId`. */
  next(stepId: string): number {
    return this.reserve(stepId, 1);
  }

  /**
   * Reserves `count` consecutive revisions for an activity that writes several changes (an http attempt
   * records its start and its result); resolves with the first.
   */
  reserve(stepId: string, count: number): number {
    const first = (this.last.get(stepId) ?? 0) + 1;
    this.last.set(stepId, first + count - 1);
    return first;
  }
}
