import type { Incident } from '../../../../../shared/domain/incident/Incident';
import {
  incidentSummarySchema,
  incidentViewSchema,
  toIncidentSummary,
  toIncidentView,
} from '../../../../../shared/domain/incident/incidentView';
import { rtoClock } from '../../../../../shared/domain/incident/rtoClock';
import { afterDetection, failingOverIncident, incident, SECOND, timelineEntry } from './incidentTestSupport';

const TARGET = 3600;

function at(ms: number): Date {
  return new Date(afterDetection(ms));
}

describe('rtoClock', () => {
  it.each([
    [0, 0, TARGET],
    [999, 0, TARGET],
    [1_000, 1, TARGET - 1],
    [(TARGET - 1) * SECOND + 999, TARGET - 1, 1],
    [TARGET * SECOND, TARGET, 0],
    [(TARGET + 1) * SECOND, TARGET + 1, 0],
    // A clock behind the detection instant reads as nothing elapsed.
    [-5 * SECOND, 0, TARGET],
  ])('while running, %p ms after detection: %p s elapsed, %p s remaining', (ms, elapsed, remaining) => {
    expect(rtoClock(incident({ status: 'failing-over' }), at(ms))).toEqual({
      targetSeconds: TARGET,
      elapsedSeconds: elapsed,
      remainingSeconds: remaining,
    });
  });

  it.each([
    [TARGET - 1, true],
    [TARGET, true],
    [TARGET + 1, false],
  ])('once recovered after %p s, stops the clock and says met: %p', (seconds, met) => {
    const recovered = incident({ status: 'recovered', recoveredAt: afterDetection(seconds * SECOND) });

    expect(rtoClock(recovered, at(10 * TARGET * SECOND))).toEqual({
      targetSeconds: TARGET,
      elapsedSeconds: seconds,
      met,
    });
  });

  it('counts whole seconds to recovery even when the end was stamped later', () => {
    const recovered = incident({
      status: 'recovered',
      recoveredAt: afterDetection(100 * SECOND + 999),
      endedAt: afterDetection(200 * SECOND),
    });

    expect(rtoClock(recovered, at(0)).elapsedSeconds).toBe(100);
  });

  it('stops at the end of an incident that ended otherwise, with no verdict and nothing remaining', () => {
    const failed = incident({ status: 'failed', endedAt: afterDetection(42 * SECOND) });

    expect(rtoClock(failed, at(TARGET * SECOND))).toEqual({ targetSeconds: TARGET, elapsedSeconds: 42 });
  });
});

describe('toIncidentView', () => {
  const now = at(400 * SECOND);

  it('shows an incident in the status API shape, timeline oldest first without ids or data', () => {
    const stored: Incident = { ...failingOverIncident(), version: 4 };
    const timeline = [
      timelineEntry('e1', afterDetection(0), { type: 'alert-received', message: 'Alert fired' }),
      timelineEntry('e2', afterDetection(295 * SECOND), {
        type: 'approval-decision',
        actor: 'alice@example.com',
        message: 'Approved',
        data: { channel: 'teams' },
      }),
    ];

    const view = toIncidentView(stored, timeline, now);

    expect(view).toEqual({
      id: stored.id,
      workloadId: 'orders-api',
      status: 'failing-over',
      mode: 'live',
      severity: 'Sev1',
      detectedAt: stored.detectedAt,
      activatedAt: stored.activatedAt,
      rto: { targetSeconds: TARGET, elapsedSeconds: 400, remainingSeconds: TARGET - 400 },
      activation: { decision: 'activate', reasons: ['Sev1 or worse fired', 'sustained for 5m'] },
      approval: stored.approval,
      runbook: null,
      // Revisions are the runbook's bookkeeping and stay out of the view.
      steps: stored.steps.map(({ revision: _revision, ...step }) => step),
      alerts: stored.alerts,
      direction: 'failover',
      // Said before anyone asks for a rollback: the completed step dns has none.
      rollback: {
        undoable: [],
        withoutRollback: ['dns'],
        summary: 'no completed step has a rollback; completed without a rollback, to undo by hand: dns',
      },
      timeline: [
        { at: afterDetection(0), type: 'alert-received', message: 'Alert fired' },
        {
          at: afterDetection(295 * SECOND),
          type: 'approval-decision',
          actor: 'alice@example.com',
          message: 'Approved',
        },
      ],
    });
    expect(incidentViewSchema.parse(view)).toEqual(view);
    expect(Object.keys(view)).not.toContain('recoveredAt');
  });

  it('fills activation, approval and severity with explicit placeholders before they are known', () => {
    const view = toIncidentView(incident({ severity: undefined }), [], now);

    expect(view.activation).toEqual({ decision: 'pending', reasons: [] });
    expect(view.approval).toEqual({
      status: 'not-requested',
      quorum: { required: 0, approvals: 0, rejections: 0 },
      decisions: [],
    });
    expect(view.severity).toBeNull();
    expect(view.steps).toEqual([]);
    expect(view.timeline).toEqual([]);
    expect(incidentViewSchema.parse(view)).toEqual(view);
  });

  it('shows the recovery instant and the RTO verdict once recovered', () => {
    const recovered = {
      ...failingOverIncident({ status: 'recovered', recoveredAt: afterDetection(3000 * SECOND) }),
      version: 9,
    };

    const view = toIncidentView(recovered, [], at(5000 * SECOND));

    expect(view.recoveredAt).toBe(afterDetection(3000 * SECOND));
    expect(view.rto).toEqual({ targetSeconds: TARGET, elapsedSeconds: 3000, met: true });
  });

  it('does not share arrays with the stored incident', () => {
    const stored: Incident = { ...failingOverIncident(), version: 1 };

    const view = toIncidentView(stored, [], now);
    view.steps.pop();
    view.approval.decisions.pop();

    expect(stored.steps).toHaveLength(3);
    expect(stored.approval?.decisions).toHaveLength(1);
  });
});

describe('toIncidentSummary', () => {
  it('lists an incident without steps, approval or timeline', () => {
    const stored: Incident = {
      ...failingOverIncident({ status: 'aborted', endedAt: afterDetection(600 * SECOND), mode: 'drill' }),
      version: 2,
    };

    const summary = toIncidentSummary(stored, at(900 * SECOND));

    expect(summary).toEqual({
      id: stored.id,
      workloadId: 'orders-api',
      workloadName: 'Orders API',
      tier: 1,
      status: 'aborted',
      mode: 'drill',
      severity: 'Sev1',
      detectedAt: stored.detectedAt,
      activatedAt: stored.activatedAt,
      endedAt: afterDetection(600 * SECOND),
      rto: { targetSeconds: TARGET, elapsedSeconds: 600 },
      alerts: { count: 3 },
    });
    expect(incidentSummarySchema.parse(summary)).toEqual(summary);
  });
});
