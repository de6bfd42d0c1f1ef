import {
  ALLOWED_TRANSITIONS,
  canTransition,
  INCIDENT_STATUSES,
  isTerminal,
  TERMINAL_STATUSES,
  type IncidentStatus,
} from '../../../../../shared/domain/incident/IncidentStatus';

/** Every status reachable from `from` by allowed transitions, `from` included. */
function reachable(from: IncidentStatus): Set<IncidentStatus> {
  const seen = new Set<IncidentStatus>([from]);
  const queue = [from];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const to of ALLOWED_TRANSITIONS[next]) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

describe('incident lifecycle', () => {
  it.each([
    ['detected', 'observing'],
    ['detected', 'dismissed'],
    ['detected', 'awaiting-approval'],
    ['observing', 'dismissed'],
    ['observing', 'awaiting-approval'],
    ['awaiting-approval', 'rejected'],
    ['awaiting-approval', 'expired'],
    ['awaiting-approval', 'failing-over'],
    ['awaiting-approval', 'failed'],
    ['failing-over', 'paused'],
    ['paused', 'failing-over'],
    ['failing-over', 'validating'],
    ['failing-over', 'failed'],
    ['failing-over', 'rolled-back'],
    ['paused', 'rolled-back'],
    ['validating', 'recovered'],
    ['validating', 'failed'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each([
    ['detected', 'failing-over'],
    ['observing', 'detected'],
    ['observing', 'failing-over'],
    ['awaiting-approval', 'observing'],
    ['failing-over', 'recovered'],
    ['paused', 'validating'],
    ['validating', 'failing-over'],
    ['validating', 'rolled-back'],
    ['recovered', 'failing-over'],
    ['failing-over', 'failing-over'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('lets every live status be aborted and no terminal status go anywhere', () => {
    for (const status of INCIDENT_STATUSES) {
      expect([status, canTransition(status, 'aborted')]).toEqual([status, !isTerminal(status)]);
      if (isTerminal(status)) expect(ALLOWED_TRANSITIONS[status]).toEqual([]);
    }
  });

  it('names the terminal statuses, and only those are terminal', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(
      ['aborted', 'dismissed', 'expired', 'failed', 'recovered', 'rejected', 'rolled-back'].sort(),
    );
    expect(INCIDENT_STATUSES.filter((s) => isTerminal(s))).toEqual(
      INCIDENT_STATUSES.filter((s) => ALLOWED_TRANSITIONS[s].length === 0),
    );
  });

  it('reaches every status from detected, and a terminal status from every status', () => {
    expect([...reachable('detected')].sort()).toEqual([...INCIDENT_STATUSES].sort());
    for (const status of INCIDENT_STATUSES) {
      expect([status, [...reachable(status)].some((s) => isTerminal(s))]).toEqual([status, true]);
    }
  });
});
