import { catalogWarnings } from '../../../../../shared/domain/catalog/catalogWarnings';
import {
  compileFailbackPolicy,
  FAILBACK_APPROVAL_TIMEOUT_SECONDS,
  rollbackRole,
} from '../../../../../shared/domain/catalog/compileFailbackPolicy';
import { parseWorkload, workloadInput, workloadIssues } from './catalogTestSupport';

const primary = (consecutivePasses: number) => ({
  primary: [{ name: 'api', url: 'https://api.example.com/health', consecutivePasses }],
});

describe('compileFailbackPolicy', () => {
  it('asks the failover approvers, never approves itself, and waits for the primary checks by default', () => {
    // Tier 0 auto-activates its failover when nobody answers; its failback still expires.
    const workload = parseWorkload(workloadInput({ tier: 0, healthChecks: primary(4) }));
    expect(compileFailbackPolicy(workload)).toEqual({
      approverRoles: ['approver'],
      quorum: 1,
      approvalTimeoutSeconds: FAILBACK_APPROVAL_TIMEOUT_SECONDS[0],
      finalTimeoutOutcome: 'expire',
      readiness: {
        checks: 1,
        consecutivePasses: 4,
        intervalSeconds: 30,
        deadlineSeconds: 3600,
        timeoutSeconds: 10,
      },
    });
  });

  it('takes the workload’s failback block over the defaults', () => {
    const workload = parseWorkload(
      workloadInput({
        healthChecks: primary(1),
        contacts: {
          ...(workloadInput().contacts as object),
          'change-board': [
            { name: 'Cy', email: 'cy@example.com' },
            { name: 'Di', email: 'di@example.com' },
          ],
        },
        failback: {
          approverRoles: ['change-board'],
          quorum: 2,
          approvalTimeout: '2h',
          readiness: {
            consecutivePasses: 5,
            interval: '1m',
            deadline: '6h',
            checks: [{ name: 'replication', url: 'https://orders-weu.example.com/replication/caught-up' }],
          },
        },
        rollback: { role: 'approver' },
      }),
    );
    expect(compileFailbackPolicy(workload)).toMatchObject({
      approverRoles: ['change-board'],
      quorum: 2,
      approvalTimeoutSeconds: 7200,
      // The primary's check and the readiness block's own.
      readiness: { checks: 2, consecutivePasses: 5, intervalSeconds: 60, deadlineSeconds: 21600 },
    });
    expect(rollbackRole(workload)).toBe('approver');
    expect(rollbackRole(parseWorkload(workloadInput()))).toBe('operator');
  });

  it('refuses what it does not know, saying where', () => {
    expect(workloadIssues(workloadInput({ failback: { autoApprove: true } }))).toEqual([
      expect.objectContaining({ path: 'failback' }),
    ]);
    expect(workloadIssues(workloadInput({ rollback: { role: 'viewer' } }))).toEqual([
      expect.objectContaining({ path: 'rollback.role' }),
    ]);
    // A failback always asks people: they must exist, enough for its quorum.
    expect(workloadIssues(workloadInput({ failback: { approverRoles: ['cab'] } }))).toEqual([
      expect.objectContaining({ path: 'failback.approverRoles', message: expect.stringContaining('"cab"') }),
    ]);
    expect(workloadIssues(workloadInput({ failback: { quorum: 2 } }))).toEqual([
      expect.objectContaining({
        path: 'failback.quorum',
        message: expect.stringContaining('name 1 distinct person'),
      }),
    ]);
  });
});

describe('catalogWarnings', () => {
  it('warns about tier 0–2 workloads without a failback runbook, not about tier 3 or one that has it', () => {
    const workloads = [
      parseWorkload(workloadInput({ id: 'tier-zero', tier: 0 })),
      parseWorkload(workloadInput({ id: 'tier-two', tier: 2 })),
      parseWorkload(workloadInput({ id: 'tier-three', tier: 3 })),
      parseWorkload(workloadInput({ id: 'has-one', tier: 1, runbooks: { failback: 'has-one-failback' } })),
    ];
    expect(catalogWarnings({ workloads })).toEqual([
      expect.stringContaining('workload tier-zero (tier 0) has no failback runbook'),
      expect.stringContaining('workload tier-two (tier 2) has no failback runbook'),
    ]);
  });
});
