// The lifecycle as a strip of phases with the incident's place on it: the happy path, with the terminal
// status that ended it (dismissed, rejected, aborted...) in place of the phases it never reached.
import type { IncidentStatus } from '../../shared/domain/incident/IncidentStatus';
import { isTerminal } from '../../shared/domain/incident/IncidentStatus';

const PATH: readonly IncidentStatus[] = [
  'detected',
  'observing',
  'awaiting-approval',
  'failing-over',
  'validating',
  'recovered',
];

export interface Phase {
  readonly name: string;
  readonly state: 'done' | 'current' | 'todo' | 'ended';
}

/** The failback's own path, after the failover's recovered. */
const FAILBACK_PATH: readonly IncidentStatus[] = [
  'recovered',
  'failback-requested',
  'awaiting-failback-approval',
  'failing-back',
  'validating-primary',
  'failed-back',
];
const ROLLBACK_PATH: readonly IncidentStatus[] = ['rolling-back', 'rolled-back'];

/** Where a follow-up phase stands: the phase its path shows (paused is a state of its running status). */
export function followUpStrip(
  phase: 'failback' | 'rollback',
  status: IncidentStatus,
  startedFrom: IncidentStatus,
): Phase[] {
  const path = phase === 'failback' ? FAILBACK_PATH : [startedFrom, ...ROLLBACK_PATH];
  const running = phase === 'failback' ? 'failing-back' : 'rolling-back';
  const at = status === 'paused' ? running : status;
  const index = path.indexOf(at);
  if (index < 0) {
    // Ended off its path (failback-failed, rollback-failed): how far it came, then how it ended.
    return [
      ...path.slice(0, 1).map((name) => ({ name, state: 'done' as const })),
      { name: status, state: 'ended' },
    ];
  }
  return path.map((name, i) => ({
    name: name === running && status === 'paused' ? `${running} (paused)` : name,
    state: i < index ? 'done' : i === index ? (isTerminal(status) ? 'done' : 'current') : 'todo',
  }));
}

export function lifecycleStrip(status: IncidentStatus, reached: ReadonlySet<IncidentStatus>): Phase[] {
  // Paused is a state of failing over.
  const at = status === 'paused' ? 'failing-over' : status;
  const index = PATH.indexOf(at);
  if (index >= 0) {
    return PATH.map((name, i) => ({
      name: name === 'failing-over' && status === 'paused' ? 'failing-over (paused)' : name,
      state: i < index ? 'done' : i === index ? (isTerminal(status) ? 'done' : 'current') : 'todo',
    }));
  }
  // Ended off the path: the phases it went through, then how it ended.
  const through = PATH.filter((name) => reached.has(name));
  return [...through.map((name) => ({ name, state: 'done' as const })), { name: status, state: 'ended' }];
}
