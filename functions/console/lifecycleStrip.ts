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
