// A follow-up phase of a finished incident: the failback of a recovered one, the rollback of a failed or aborted
// failover. An operator asks for it; the request is recorded on the incident first (this module says how), then
// one orchestration runs the phase (instance followUpInstanceId). The failover's runbook, steps, approval and
// abort are kept in `earlierPhases`, so the phase starts with a clean slate and the failover stays readable.
import { z } from 'zod';
import { abortRequestSchema } from './abort';
import type { Incident } from './Incident';
import { incidentApprovalSchema } from './IncidentApproval';
import { incidentRunbookSchema, runbookPurposeSchema } from './IncidentRunbook';
import {
  FOLLOW_UP_PHASES,
  FOLLOW_UP_START,
  terminalStatusSchema,
  type FollowUpPhase,
  type IncidentStatus,
} from './IncidentStatus';
import { incidentStepSchema, type IncidentStep } from './IncidentStep';
import type { TimelineEntry } from './TimelineEntry';

const utcInstant = z.iso.datetime({ precision: 3 });

export const followUpSchema = z.object({
  phase: z.enum(FOLLOW_UP_PHASES),
  /** 1 for the first follow-up of its kind: part of its orchestration's instance id. */
  seq: z.number().int().positive(),
  requestedBy: z.string().min(1),
  requestedAt: utcInstant,
  comment: z.string().optional(),
  /** When the phase reached a terminal status, and how: its duration is measured apart from the RTO. */
  endedAt: utcInstant.optional(),
  outcome: z.object({ status: terminalStatusSchema, reason: z.string() }).optional(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const earlierPhaseSchema = z.object({
  phase: runbookPurposeSchema,
  /** The status the phase ended in. */
  status: terminalStatusSchema,
  runbook: incidentRunbookSchema.optional(),
  steps: z.array(incidentStepSchema),
  approval: incidentApprovalSchema.optional(),
  abortRequested: abortRequestSchema.optional(),
});
export type EarlierPhase = z.infer<typeof earlierPhaseSchema>;

/** Follow-ups are numbered per kind; today an incident has at most one of each. */
export const FIRST_FOLLOW_UP = 1;

/** The orchestration instance of a follow-up phase: deterministic, so a repeated request starts nothing new. */
export function followUpInstanceId(incidentId: string, phase: FollowUpPhase, seq = FIRST_FOLLOW_UP): string {
  return `${incidentId}:${phase}:${seq}`;
}

export interface FollowUpRequest {
  readonly phase: FollowUpPhase;
  readonly actor: string;
  readonly at: string;
  readonly comment?: string;
}

export type FollowUpRecording =
  | { readonly kind: 'recorded'; readonly incident: Incident }
  /** Already recorded (a repeated request): the caller makes sure its orchestration runs. */
  | { readonly kind: 'repeat'; readonly followUp: FollowUp }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * The incident with the follow-up recorded: the status its request moves to, the earlier phase kept, and the
 * abort, approval, runbook and steps of that phase cleared (they belong to it, not to the follow-up).
 */
export function withFollowUpRequested(incident: Incident, request: FollowUpRequest): FollowUpRecording {
  if (incident.followUp !== undefined) {
    return incident.followUp.phase === request.phase
      ? { kind: 'repeat', followUp: incident.followUp }
      : {
          kind: 'refused',
          reason: `Incident already had a ${incident.followUp.phase}; it is ${incident.status}.`,
        };
  }
  const start = FOLLOW_UP_START[request.phase];
  const from = incident.status as (typeof start.from)[number];
  if (!start.from.includes(from)) {
    return {
      kind: 'refused',
      reason: `${request.phase} applies to an incident that is ${start.from.join(' or ')} (incident is ${incident.status}).`,
    };
  }
  const earlier: EarlierPhase = {
    phase: incident.runbook?.purpose ?? 'failover',
    status: from,
    ...(incident.runbook ? { runbook: incident.runbook } : {}),
    steps: incident.steps,
    ...(incident.approval ? { approval: incident.approval } : {}),
    ...(incident.abortRequested ? { abortRequested: incident.abortRequested } : {}),
  };
  const { runbook: _runbook, approval: _approval, abortRequested: _abort, ...rest } = incident;
  return {
    kind: 'recorded',
    incident: {
      ...rest,
      status: start.to,
      steps: [],
      followUp: {
        phase: request.phase,
        seq: FIRST_FOLLOW_UP,
        requestedBy: request.actor,
        requestedAt: request.at,
        ...(request.comment ? { comment: request.comment } : {}),
      },
      earlierPhases: [...(incident.earlierPhases ?? []), earlier],
    },
  };
}

/** The timeline entry of the request (once per follow-up: its id is derived from it). */
export function followUpRequestedEntry(request: FollowUpRequest, to: IncidentStatus): TimelineEntry {
  const comment = request.comment ? `: ${request.comment}` : '';
  return {
    id: `${request.phase}-${FIRST_FOLLOW_UP}-requested`,
    at: request.at,
    type: 'status-changed',
    actor: request.actor,
    message: `${request.actor} started the ${request.phase} (${to})${comment}`,
  };
}

/** The failover's step records: on the incident until a follow-up starts, then kept in `earlierPhases`. */
export function failoverSteps(incident: Pick<Incident, 'followUp' | 'earlierPhases' | 'steps' | 'runbook'>) {
  if (incident.followUp === undefined) {
    return incident.runbook === undefined || incident.runbook.purpose === 'failover' ? incident.steps : [];
  }
  return incident.earlierPhases?.find((p) => p.phase === 'failover')?.steps ?? [];
}

/** Step types that change something outside: completed without a rollback, someone must undo them by hand. */
const EFFECT_TYPES: readonly IncidentStep['type'][] = ['http', 'manual'];

/** What a rollback of the failover could undo: its completed steps, with and without a rollback step. */
export interface RollbackCoverage {
  readonly undoable: readonly IncidentStep[];
  /** Completed steps that declare no rollback: whatever they did must be undone by hand. */
  readonly withoutRollback: readonly IncidentStep[];
}

export function rollbackCoverage(steps: readonly IncidentStep[]): RollbackCoverage {
  // Waits and probes change nothing, and a parallel group's effects are its branch steps': none needs undoing.
  const completed = steps.filter(
    (s) => s.status === 'succeeded' && (s.rollback !== undefined || EFFECT_TYPES.includes(s.type)),
  );
  return {
    undoable: completed.filter((s) => s.rollback !== undefined),
    withoutRollback: completed.filter((s) => s.rollback === undefined),
  };
}

/** The rollback coverage in words, for the failure message and the incident view. */
export function describeRollbackCoverage(coverage: RollbackCoverage): string | undefined {
  const { undoable, withoutRollback } = coverage;
  if (undoable.length === 0 && withoutRollback.length === 0) return undefined;
  const parts = [
    undoable.length > 0
      ? `${undoable.length} completed step(s) can be rolled back (actions/rollback): ${undoable.map((s) => s.id).join(', ')}`
      : 'no completed step has a rollback',
    withoutRollback.length > 0
      ? `completed without a rollback, to undo by hand: ${withoutRollback.map((s) => s.id).join(', ')}`
      : '',
  ].filter(Boolean);
  return parts.join('; ');
}

/**
 * The incident as its failover left it, for what reports the failover (the post-incident report): a follow-up
 * keeps the failover's runbook, steps, approval and abort in `earlierPhases`, and its own timeline entries come
 * after its request.
 */
export function failoverRecord<E extends { readonly at: string }>(
  incident: Incident,
  timeline: readonly E[],
): { readonly incident: Incident; readonly timeline: readonly E[] } {
  const followUp = incident.followUp;
  const failover = incident.earlierPhases?.find((p) => p.phase === 'failover');
  if (followUp === undefined || failover === undefined) return { incident, timeline };
  const { runbook: _runbook, approval: _approval, abortRequested: _abort, ...rest } = incident;
  return {
    incident: {
      ...rest,
      status: failover.status,
      steps: failover.steps,
      ...(failover.runbook ? { runbook: failover.runbook } : {}),
      ...(failover.approval ? { approval: failover.approval } : {}),
      ...(failover.abortRequested ? { abortRequested: failover.abortRequested } : {}),
    },
    timeline: timeline.filter((e) => e.at < followUp.requestedAt),
  };
}
