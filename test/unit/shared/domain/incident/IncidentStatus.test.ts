import {
  ALLOWED_TRANSITIONS,
  canTransition,
  INCIDENT_STATUSES,
  FOLLOW_UP_FAILED,
  FOLLOW_UP_PHASES,
  FOLLOW_UP_START,
  isTerminal,
  runningStatusOf,
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

/** The statuses only a follow-up phase (failback, rollback) passes through. */
const FOLLOW_UP_STATUSES: readonly IncidentStatus[] = [
  'failback-requested',
  'awaiting-failback-approval',
  'failing-back',
  'validating-primary',
  'failed-back',
  'failback-failed',
  'rolling-back',
  'rollback-failed',
];

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

  it('lets every live failover status be aborted; a follow-up phase stopped ends failed, not aborted', () => {
    for (const status of INCIDENT_STATUSES) {
      const followUp = FOLLOW_UP_STATUSES.includes(status);
      expect([status, canTransition(status, 'aborted')]).toEqual([status, !isTerminal(status) && !followUp]);
    }
    for (const status of FOLLOW_UP_STATUSES.filter((s) => !isTerminal(s) && s !== 'paused')) {
      const phase = status === 'rolling-back' ? 'rollback' : 'failback';
      expect([status, canTransition(status, FOLLOW_UP_FAILED[phase])]).toEqual([status, true]);
    }
  });

  it('lets a terminal status go only into the follow-up phase that may start from it', () => {
    for (const status of INCIDENT_STATUSES.filter((s) => isTerminal(s))) {
      const follows = FOLLOW_UP_PHASES.filter((p) =>
        (FOLLOW_UP_START[p].from as readonly IncidentStatus[]).includes(status),
      ).map((p) => FOLLOW_UP_START[p].to);
      expect([status, ALLOWED_TRANSITIONS[status]]).toEqual([status, follows]);
    }
  });

  it.each([
    ['recovered', 'failback-requested'],
    ['failback-requested', 'awaiting-failback-approval'],
    ['failback-requested', 'failback-failed'],
    ['awaiting-failback-approval', 'failing-back'],
    ['failing-back', 'paused'],
    ['paused', 'failing-back'],
    ['failing-back', 'validating-primary'],
    ['validating-primary', 'failed-back'],
    ['failed', 'rolling-back'],
    ['aborted', 'rolling-back'],
    ['rolling-back', 'paused'],
    ['paused', 'rolling-back'],
    ['rolling-back', 'rolled-back'],
    ['rolling-back', 'rollback-failed'],
  ] as const)('allows the follow-up %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each([
    ['recovered', 'rolling-back'],
    ['failed', 'failback-requested'],
    ['failback-requested', 'failing-back'],
    ['failing-back', 'failed-back'],
    ['failed-back', 'failback-requested'],
    ['rolled-back', 'rolling-back'],
    ['rollback-failed', 'rolling-back'],
    ['rejected', 'rolling-back'],
  ] as const)('refuses the follow-up %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('names the terminal statuses, and only those are terminal', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(
      [
        'aborted',
        'dismissed',
        'expired',
        'failed',
        'recovered',
        'rejected',
        'rolled-back',
        'failed-back',
        'failback-failed',
        'rollback-failed',
      ].sort(),
    );
  });

  it('runs each direction of a runbook in its own status', () => {
    expect(['failover', 'failback', 'rollback'].map((p) => runningStatusOf(p as 'failover'))).toEqual([
      'failing-over',
      'failing-back',
      'rolling-back',
    ]);
  });

  it('reaches every status from detected, and a terminal status from every status', () => {
    expect([...reachable('detected')].sort()).toEqual([...INCIDENT_STATUSES].sort());
    for (const status of INCIDENT_STATUSES) {
      expect([status, [...reachable(status)].some((s) => isTerminal(s))]).toEqual([status, true]);
    }
  });
});
