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
] as const;
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** Statuses an incident never leaves: its orchestration has ended and the RTO clock has stopped. */
export const TERMINAL_STATUSES = [
  'dismissed',
  'rejected',
  'expired',
  'recovered',
  'failed',
  'rolled-back',
  'aborted',
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
  paused: ['failing-over', 'aborted', 'failed', 'rolled-back'],
  validating: ['recovered', 'failed', 'aborted'],
  dismissed: [],
  rejected: [],
  expired: [],
  recovered: [],
  failed: [],
  'rolled-back': [],
  aborted: [],
};

/** A status to itself is not a transition: writers that re-apply a status treat it as already done. */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}
