// The incident lifecycle (DESIGN "Incident lifecycle"): every status an incident can be in, and which
// transitions between them are allowed.
import { z } from 'zod';

export const INCIDENT_STATUSES = [
  'detected',
  'observing',
  'dismissed',
  'awaiting-approval',
  'rejected',
  'expired',
  'failing-over',
  'paused',
  'validating',
  'recovered',
  'failed',
  'rolled-back',
  'aborted',
  // Follow-up phases of a finished failover (docs/incident-lifecycle.md#follow-up-phases).
  'failback-requested',
  'awaiting-failback-approval',
  'failing-back',
  'validating-primary',
  'failed-back',
  'failback-failed',
  'rolling-back',
  'rollback-failed',
] as const;
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/**
 * Statuses in which no orchestration of the incident runs: the failover's RTO clock has stopped. Some of them
 * admit a follow-up phase started by an operator (FOLLOW_UP_PHASES), which runs in its own orchestration.
 */
export const TERMINAL_STATUSES = [
  'dismissed',
  'rejected',
  'expired',
  'recovered',
  'failed',
  'rolled-back',
  'aborted',
  'failed-back',
  'failback-failed',
  'rollback-failed',
] as const satisfies readonly IncidentStatus[];
export const terminalStatusSchema = z.enum(TERMINAL_STATUSES);
export type TerminalStatus = z.infer<typeof terminalStatusSchema>;

export function isTerminal(status: IncidentStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly IncidentStatus[]).includes(status);
}

/**
 * Where each status may go next. Abort is possible until the incident ends; a paused failover resumes,
 * fails or is rolled back; terminal statuses go nowhere.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  detected: ['observing', 'dismissed', 'awaiting-approval', 'aborted'],
  observing: ['dismissed', 'awaiting-approval', 'aborted'],
  // `failed` when the approval gate itself breaks: nothing was failed over, and the record must say so.
  'awaiting-approval': ['rejected', 'expired', 'failing-over', 'failed', 'aborted'],
  'failing-over': ['paused', 'validating', 'failed', 'rolled-back', 'aborted'],
  // A paused runbook of any direction resumes into its own running status (runningStatusOf) or ends.
  paused: [
    'failing-over',
    'aborted',
    'failed',
    'rolled-back',
    'failing-back',
    'failback-failed',
    'rolling-back',
    'rollback-failed',
  ],
  validating: ['recovered', 'failed', 'aborted'],
  dismissed: [],
  rejected: [],
  expired: [],
  // The follow-up phases: an operator's request moves the incident on (FOLLOW_UP_PHASES).
  recovered: ['failback-requested'],
  failed: ['rolling-back'],
  'rolled-back': [],
  aborted: ['rolling-back'],
  // Failback: the primary's readiness, then a person's approval, the failback runbook, the primary validated.
  // Whatever stops it (not ready, rejected, aborted, a failed step) ends it failback-failed with the reason.
  'failback-requested': ['awaiting-failback-approval', 'failback-failed'],
  'awaiting-failback-approval': ['failing-back', 'failback-failed'],
  'failing-back': ['paused', 'validating-primary', 'failback-failed'],
  'validating-primary': ['failed-back', 'failback-failed'],
  'failed-back': [],
  'failback-failed': [],
  // Rollback: the rollback steps of the failover's completed steps, in reverse order.
  'rolling-back': ['paused', 'rolled-back', 'rollback-failed'],
  'rollback-failed': [],
};

/** A phase that may follow a finished failover, each in its own orchestration (followUpInstanceId). */
export const FOLLOW_UP_PHASES = ['failback', 'rollback'] as const;
export type FollowUpPhase = (typeof FOLLOW_UP_PHASES)[number];

/** Where each follow-up phase may start from, and the status its request moves the incident to. */
export const FOLLOW_UP_START: Readonly<
  Record<FollowUpPhase, { readonly from: readonly TerminalStatus[]; readonly to: IncidentStatus }>
> = {
  failback: { from: ['recovered'], to: 'failback-requested' },
  rollback: { from: ['failed', 'aborted'], to: 'rolling-back' },
};

/** The status a runbook of each direction runs in (and a paused one resumes into). */
export function runningStatusOf(purpose: 'failover' | FollowUpPhase): IncidentStatus {
  return { failover: 'failing-over', failback: 'failing-back', rollback: 'rolling-back' }[
    purpose
  ] as IncidentStatus;
}

/** Where a runbook of each direction ends when it is stopped or fails (the failover's own ends vary). */
export const FOLLOW_UP_FAILED: Readonly<Record<FollowUpPhase, TerminalStatus>> = {
  failback: 'failback-failed',
  rollback: 'rollback-failed',
};

/** A status to itself is not a transition: writers that re-apply a status treat it as already done. */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}
