// The drill history's record of one drill (achieved RTO against the target, failed and slow steps) and the
// schedule: when the next drill is due by tier, or by the workload's own frequency.
import {
  drillSchedule,
  expectedRunbookSeconds,
  toDrillRecord,
} from '../../../../../shared/domain/drill/drillHistory';
import type { Incident } from '../../../../../shared/domain/incident/Incident';

const DAY = 86_400;

function drillIncident(changes: Partial<Incident> = {}): Incident {
  return {
    id: 'drill-orders-api-20261122-030000',
    workloadId: 'orders-api',
    workloadName: 'Orders API',
    tier: 1,
    mode: 'drill',
    drill: {
      kind: 'drill',
      requestedBy: 'oscar',
      requestedAt: '2026-11-22T03:00:00.000Z',
      scenario: 'WEU lost',
    },
    status: 'recovered',
    detectedAt: '2026-11-22T03:00:00.000Z',
    activatedAt: '2026-11-22T03:01:00.000Z',
    recoveredAt: '2026-11-22T03:10:00.000Z',
    endedAt: '2026-11-22T03:10:00.000Z',
    rtoTargetSeconds: 900,
    steps: [
      {
        id: 'failover-db',
        name: 'Fail over the database',
        type: 'http',
        status: 'succeeded',
        attempts: 1,
        revision: 2,
        startedAt: '2026-11-22T03:01:00.000Z',
        endedAt: '2026-11-22T03:06:00.000Z',
      },
      {
        id: 'switch',
        name: 'Switch traffic',
        type: 'http',
        status: 'succeeded',
        attempts: 1,
        revision: 2,
        startedAt: '2026-11-22T03:06:00.000Z',
        endedAt: '2026-11-22T03:06:01.000Z',
      },
      {
        id: 'flush',
        name: 'Flush caches',
        type: 'http',
        status: 'failed',
        attempts: 3,
        revision: 6,
        error: 'answered 500',
        startedAt: '2026-11-22T03:06:01.000Z',
        endedAt: '2026-11-22T03:06:02.000Z',
      },
    ],
    alerts: { count: 0, latest: [] },
    outcome: { status: 'recovered', reason: 'DRILL recovered: secondary healthy' },
    version: 9,
    ...changes,
  };
}

describe('drill records', () => {
  it('score a drill against the RTO and list the steps that failed or took a quarter of the RTO or more', () => {
    expect(toDrillRecord(drillIncident())).toEqual({
      incidentId: 'drill-orders-api-20261122-030000',
      kind: 'drill',
      status: 'recovered',
      startedAt: '2026-11-22T03:00:00.000Z',
      endedAt: '2026-11-22T03:10:00.000Z',
      requestedBy: 'oscar',
      scenario: 'WEU lost',
      rto: { targetSeconds: 900, achievedSeconds: 600, met: true },
      outcome: 'DRILL recovered: secondary healthy',
      failedSteps: [{ id: 'flush', name: 'Flush caches', error: 'answered 500' }],
      slowSteps: [{ id: 'failover-db', name: 'Fail over the database', seconds: 300 }],
    });
  });

  it('give no achieved RTO to a drill that did not recover, and a missed one when it took too long', () => {
    const aborted = toDrillRecord(
      drillIncident({
        status: 'aborted',
        recoveredAt: undefined,
        outcome: { status: 'aborted', reason: 'x' },
      }),
    );
    expect(aborted.rto).toEqual({ targetSeconds: 900 });
    const slow = toDrillRecord(drillIncident({ rtoTargetSeconds: 300 }));
    expect(slow.rto).toEqual({ targetSeconds: 300, achievedSeconds: 600, met: false });
  });
});

describe('the drill schedule', () => {
  const now = new Date('2026-12-01T00:00:00.000Z');
  const held = toDrillRecord(drillIncident());
  const dryRun = toDrillRecord(
    drillIncident({
      id: 'drill-orders-api-20261130-000000',
      drill: { kind: 'dry-run', requestedBy: 'oscar', requestedAt: '2026-11-30T00:00:00.000Z' },
      endedAt: '2026-11-30T00:00:01.000Z',
    }),
  );

  it.each([
    [0, 30],
    [1, 91],
    [2, 182],
    [3, 365],
  ] as const)('is due every tier default: tier %i every %i days from the last drill held', (tier, days) => {
    const schedule = drillSchedule({ tier, drills: { approval: 'required' } }, [dryRun, held], now);
    expect(schedule).toMatchObject({ everySeconds: days * DAY, lastDrill: dryRun });
    // The dry-run is the latest, but it called no target: the next drill is due from the last one held.
    expect(schedule.nextDueAt).toBe(
      new Date(Date.parse('2026-11-22T03:10:00.000Z') + days * DAY * 1000).toISOString(),
    );
    expect(schedule.overdue).toBe(false);
  });

  it("follows the workload's own frequency, and is due now (overdue) when no drill was ever held", () => {
    const schedule = drillSchedule(
      { tier: 1, drills: { approval: 'required', everySeconds: 7 * DAY } },
      [held],
      now,
    );
    expect(schedule.nextDueAt).toBe('2026-11-29T03:10:00.000Z');
    expect(schedule.overdue).toBe(true);
    expect(drillSchedule({ tier: 1, drills: { approval: 'skip' } }, [dryRun], now)).toMatchObject({
      nextDueAt: now.toISOString(),
      overdue: true,
    });
  });
});

describe("a dry-run's expected duration", () => {
  const described = (id: string, min: number, max: number, group?: { id: string; branch: number }) => ({
    id,
    name: id,
    type: 'wait' as const,
    status: 'succeeded' as const,
    attempts: 0,
    revision: 1,
    ...(group ? { group: { ...group, branchName: `branch ${group.branch}` } } : {}),
    dryRun: { summary: `would ${id}`, requests: [], expectedSeconds: { min, max } },
  });

  it('adds steps up, a parallel group by its longest branch, and says whether the worst case fits', () => {
    const steps = [
      described('a', 10, 60),
      described('b1', 30, 100, { id: 'g', branch: 0 }),
      described('b2', 5, 5, { id: 'g', branch: 0 }),
      described('c1', 50, 50, { id: 'g', branch: 1 }),
      described('d', 0, 600),
    ];
    expect(expectedRunbookSeconds(steps)).toEqual({ minSeconds: 10 + 50 + 0, maxSeconds: 60 + 105 + 600 });
    const record = toDrillRecord(
      drillIncident({
        drill: { kind: 'dry-run', requestedBy: 'oscar', requestedAt: '2026-11-22T03:00:00.000Z' },
        steps,
      }),
    );
    expect(record.rto).toEqual({
      targetSeconds: 900,
      expected: { minSeconds: 60, maxSeconds: 765, fits: true },
    });
    expect(record.slowSteps).toEqual([]);
    expect(expectedRunbookSeconds([])).toBeUndefined();
  });
});
