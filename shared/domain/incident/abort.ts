// What aborting an incident means, defined once for the actions API, the incident orchestration, the approval
// gate and the runbook. An abort is first recorded on the incident (`abortRequested`, so a runbook step about
// to call its target and a fresh execution of any orchestration see it whatever happened to the signal), then
// the incident orchestration alone is told; it stops what its phase runs, as ABORT_EFFECTS says, and ends
// `aborted`.
import { z } from 'zod';
import type { Incident } from './Incident';
import { isTerminal, type IncidentStatus, type TerminalStatus } from './IncidentStatus';
import type { TimelineEntry } from './TimelineEntry';

const utcInstant = z.iso.datetime({ precision: 3 });

/** The reason an abort carries when the operator gave none. */
export const DEFAULT_ABORT_REASON = 'aborted by an operator';

/** What an approval that an abort cancelled says it ended with. */
export const APPROVAL_CANCELLED_REASON = 'the incident was aborted';

/** An operator's request to abort, as the actions API records it on the incident. */
export const abortRequestSchema = z.object({
  actor: z.string().min(1),
  at: utcInstant,
  comment: z.string().optional(),
});
export type AbortRequest = z.infer<typeof abortRequestSchema>;

/** Who stopped the incident and why: what every phase ends with. */
export interface Abort {
  readonly actor: string;
  readonly reason: string;
}

export function abortOf(request: { readonly actor: string; readonly comment?: string | undefined }): Abort {
  return { actor: request.actor, reason: request.comment ?? DEFAULT_ABORT_REASON };
}

/** The statuses an abort applies to: every one an incident has not ended in. */
export type AbortablePhase = Exclude<IncidentStatus, TerminalStatus>;

/** What an abort stops in each phase, and what is left as it was. */
export const ABORT_EFFECTS: Readonly<
  Record<
    AbortablePhase,
    {
      readonly stops: 'observation' | 'readiness' | 'approval' | 'runbook' | 'validation';
      readonly effect: string;
    }
  >
> = {
  detected: { stops: 'observation', effect: 'Nobody is asked to approve; the correlation window closes.' },
  observing: { stops: 'observation', effect: 'Nobody is asked to approve; the correlation window closes.' },
  'awaiting-approval': {
    stops: 'approval',
    effect: 'The approval is cancelled: nobody further is asked, and those asked are told it was cancelled.',
  },
  'failing-over': {
    stops: 'runbook',
    effect:
      'The runbook stops before its next call or step; a call already made finishes and is recorded. Steps that ran are not undone.',
  },
  paused: {
    stops: 'runbook',
    effect: 'The paused runbook ends without running another step. Steps that ran are not undone.',
  },
  validating: {
    stops: 'validation',
    effect:
      'Validation stops; the incident ends aborted, not recovered. The failover that ran is not undone.',
  },
  // A follow-up phase that is stopped ends failed (failback-failed, rollback-failed), never `aborted`: an
  // aborted incident is one whose failover an operator stopped, which a rollback may then undo.
  'failback-requested': {
    stops: 'readiness',
    effect: 'The failback ends before anyone is asked to approve it; the workload stays on the secondary.',
  },
  'awaiting-failback-approval': {
    stops: 'approval',
    effect: 'The failback approval is cancelled; the workload stays on the secondary.',
  },
  'failing-back': {
    stops: 'runbook',
    effect:
      'The failback runbook stops before its next call or step; steps that ran are not undone. The failback ends failed.',
  },
  'validating-primary': {
    stops: 'validation',
    effect: 'Validation of the primary stops; the failback ends failed. The steps that ran are not undone.',
  },
  'rolling-back': {
    stops: 'runbook',
    effect:
      'The rollback stops before its next step; the rollback ends failed, listing what is left to undo by hand.',
  },
};

export function isAbortable(status: IncidentStatus): status is AbortablePhase {
  return !isTerminal(status);
}

/** The incident with the request recorded, or undefined when it has ended or an abort is already asked. */
export function withAbortRequested(incident: Incident, request: AbortRequest): Incident | undefined {
  if (!isAbortable(incident.status) || incident.abortRequested !== undefined) {
    return undefined;
  }
  return { ...incident, abortRequested: abortRequestSchema.parse(request) };
}

/** The timeline entry that goes with recording the request (once per incident). */
export function abortRequestedEntry(request: AbortRequest): TimelineEntry {
  return {
    id: 'abort-requested',
    at: request.at,
    type: 'operator-action',
    actor: request.actor,
    message: `${request.actor} asked to abort the incident${request.comment ? `: ${request.comment}` : ''}`,
  };
}
