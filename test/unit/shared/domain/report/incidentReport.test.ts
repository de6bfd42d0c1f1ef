import path from 'node:path';
import { findWorkload } from '../../../../../shared/domain/catalog/Catalog';
import { loadCatalog } from '../../../../../shared/domain/catalog/loadCatalog';
import type { Incident } from '../../../../../shared/domain/incident/Incident';
import type { TimelineEntry } from '../../../../../shared/domain/incident/TimelineEntry';
import { buildIncidentReport, OPEN_QUESTIONS } from '../../../../../shared/domain/report/incidentReport';
import { renderReportMarkdown } from '../../../../../shared/domain/report/renderReportMarkdown';

const catalog = loadCatalog(path.join(__dirname, '../../../../../catalog'));
const workload = findWorkload(catalog, 'orders-api');

const T0 = Date.parse('2026-11-22T03:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function entry(seconds: number, type: string, message: string, actor?: string): TimelineEntry {
  return { id: `${type}-${seconds}`, at: at(seconds), type, message, ...(actor ? { actor } : {}) };
}

/** A recovered live failover: observed 5m, approved after 2m by Alice, one failed step continued past,
 *  a wait, a manual smoke test confirmed 3m later, an operator pause of 1m, validation, recovered at 14m. */
function recoveredIncident(): { incident: Incident; timeline: TimelineEntry[] } {
  const incident: Incident = {
    id: 'orders-api-20261122-030000',
    workloadId: 'orders-api',
    workloadName: 'Orders API',
    tier: 1,
    mode: 'live',
    status: 'recovered',
    severity: 'Sev0',
    detectedAt: at(0),
    activatedAt: at(420),
    recoveredAt: at(840),
    endedAt: at(840),
    rtoTargetSeconds: 900,
    activation: { decision: 'activate', reasons: ['Sev1 or worse: highest is Sev0'], evaluatedAt: at(300) },
    approval: {
      round: 1,
      status: 'approved',
      quorum: { required: 1, approvals: 1, rejections: 0 },
      decisions: [
        {
          approver: 'alice.jansen@example.com',
          name: 'Alice Jansen',
          decision: 'approve',
          channel: 'email',
          at: at(420),
          comment: 'go | <b>now</b>',
        },
      ],
    },
    runbook: { id: 'orders-api-failover', name: 'Orders API failover', purpose: 'failover' },
    steps: [
      {
        id: 'freeze-writes',
        name: 'Freeze',
        type: 'http',
        status: 'failed',
        attempts: 3,
        startedAt: at(421),
        endedAt: at(451),
        error: 'answered 503',
        revision: 5,
      },
      {
        id: 'failover-cosmos',
        name: 'Cosmos',
        type: 'http',
        status: 'succeeded',
        attempts: 1,
        startedAt: at(451),
        endedAt: at(461),
        detail: '202 in 40 ms',
        revision: 3,
      },
      {
        id: 'wait',
        name: 'Wait',
        type: 'wait',
        status: 'succeeded',
        attempts: 1,
        startedAt: at(461),
        endedAt: at(491),
        revision: 3,
      },
      {
        id: 'smoke-test',
        name: 'Smoke test',
        type: 'manual',
        status: 'succeeded',
        attempts: 1,
        startedAt: at(551),
        endedAt: at(731),
        actor: 'oscar',
        revision: 4,
      },
    ],
    alerts: {
      count: 2,
      latest: [
        {
          id: 'a2',
          fingerprint: 'f2',
          severity: 'Sev0',
          condition: 'fired',
          at: at(0),
          summary: 'Cosmos DB unavailable',
        },
        { id: 'a1', fingerprint: 'f1', severity: 'Sev1', condition: 'resolved', at: at(0), summary: 'old' },
      ],
    },
    outcome: { status: 'recovered', reason: 'secondary healthy' },
    version: 20,
  };
  const timeline = [
    entry(0, 'status-changed', 'Incident detected'),
    entry(300, 'approval-requested', 'Approval requested from approver'),
    entry(400, 'notification-failed', 'The teams approval request could not be sent: 500'),
    entry(420, 'approval-decision', 'Alice Jansen approved via email', 'alice.jansen@example.com'),
    entry(420, 'approval-decided', 'Approved'),
    entry(491, 'runbook-paused', 'oscar paused the runbook before smoke-test', 'oscar'),
    entry(551, 'runbook-resumed', 'oscar resumed the runbook', 'oscar'),
    entry(731, 'step-confirmed', 'oscar confirmed step smoke-test: order placed', 'oscar'),
    entry(840, 'status-changed', 'Recovered. RTO 15m: recovered in 14m, met with 1m to spare'),
  ];
  return { incident, timeline };
}

describe('buildIncidentReport', () => {
  const { incident, timeline } = recoveredIncident();
  const report = buildIncidentReport(incident, timeline, workload, new Date(T0 + 3_600_000));

  it('states the RTO target against the achieved time and the margin', () => {
    expect(report.summary.rto).toEqual({ targetSeconds: 900, elapsedSeconds: 840, met: true });
    expect(report.summary.rtoMarginSeconds).toBe(60);
    expect(report.summary.rtoVerdict).toBe('RTO 15m: recovered in 14m, met with 1m to spare');
    expect(report.summary.whatFailed).toEqual(['Sev0: Cosmos DB unavailable']);
  });

  it('times the approval and names who was asked at each level', () => {
    expect(report.decision).toMatchObject({
      activation: 'activate',
      approvalStatus: 'approved',
      requestedAt: at(300),
      decidedAt: at(420),
      approvalDuration: '2m',
      approvalSeconds: 120,
      levels: [{ level: 1, at: at(300), roles: ['approver'], people: ['Alice Jansen', 'Bram de Vries'] }],
    });
  });

  it('splits the time into waiting for people and machine time without counting overlaps twice', () => {
    // people: approval 300→420 (120 s), pause 491→551 (60 s), manual step 551→731 (180 s) = 360 s
    // machine: observation 0→300, steps 421→491, validation 731→840 = 300 + 70 + 109 = 479 s (+1 s gap 420→421 uncovered)
    expect(report.waiting).toMatchObject({ peopleSeconds: 360, machineSeconds: 479 });
  });

  it('lists each step with durations and retries, and who intervened', () => {
    expect(report.steps.map((s) => [s.id, s.durationSeconds, s.retries])).toEqual([
      ['freeze-writes', 30, 2],
      ['failover-cosmos', 10, 0],
      ['wait', 30, 0],
      ['smoke-test', 180, 0],
    ]);
    expect(report.steps[3]?.interventions).toEqual([
      `${at(731)}: oscar confirmed step smoke-test: order placed`,
    ]);
    expect(report.pauses).toEqual([
      {
        at: at(491),
        duration: '1m',
        message: 'oscar paused the runbook before smoke-test',
        pausedBy: 'oscar',
        resumedBy: 'oscar',
      },
    ]);
  });

  it('names failed notifications and deviations from the runbook', () => {
    expect(report.failedNotifications).toEqual([
      { at: at(400), message: 'The teams approval request could not be sent: 500' },
    ]);
    expect(report.deviations).toEqual([
      'Step freeze-writes failed and the runbook continued past it (its on-failure policy): answered 503.',
      'Step freeze-writes took 3 attempts.',
      'oscar paused the runbook before smoke-test.',
    ]);
  });

  it('draws the chart against the RTO budget with people apart from machines', () => {
    const { chart } = report;
    expect(chart.bars.map((b) => [b.label, b.kind])).toEqual([
      ['Observation', 'machine'],
      ['Approval', 'people'],
      ['Freeze', 'machine'],
      ['Cosmos', 'machine'],
      ['Wait', 'machine'],
      ['Smoke test', 'people'],
      ['Paused by oscar', 'people'],
      ['Validation', 'machine'],
    ]);
    // The axis reaches past the 15 minute target (× 1.05): the RTO line sits at 1/1.05 of the plot.
    const plot = chart.plotRight - chart.plotLeft;
    expect(chart.rto.x).toBeCloseTo(chart.plotLeft + plot / 1.05, 0);
    expect(chart.rto.label).toBe('RTO 15m');
  });

  it('is rendered as Markdown with every recorded value inert and the open questions last', () => {
    const md = renderReportMarkdown(report);
    expect(md).toContain('- **RTO**: RTO 15m: recovered in 14m, met with 1m to spare');
    expect(md).toContain(
      '| Alice Jansen | approve | email | 2026-11-22T03:07:00.000Z | go \\| \\<b\\>now\\</b\\> |',
    );
    expect(md).toContain('- Waiting for people: 6m');
    expect(md).toMatch(/~~~text\nObservation +#+/);
    expect(md.trimEnd().endsWith('_Answer:_')).toBe(true);
    for (const question of OPEN_QUESTIONS) expect(md).toContain(`### ${question}`);
  });

  it('keeps the clock running for an open incident and counts the open wait up to now', () => {
    const open: Incident = {
      ...incident,
      status: 'awaiting-approval',
      activatedAt: undefined,
      recoveredAt: undefined,
      endedAt: undefined,
      outcome: undefined,
      approval: {
        round: 1,
        status: 'pending',
        quorum: { required: 1, approvals: 0, rejections: 0 },
        decisions: [],
      },
      steps: [],
    };
    const now = new Date(T0 + 1000 * 1000);
    const openReport = buildIncidentReport(open, timeline.slice(0, 2), workload, now);
    expect(openReport.summary.rto).toEqual({ targetSeconds: 900, elapsedSeconds: 1000, remainingSeconds: 0 });
    expect(openReport.summary.rtoVerdict).toBe('RTO 15m: not recovered; 16m 40s since detection');
    expect(openReport.waiting).toMatchObject({ peopleSeconds: 700, machineSeconds: 300 });
    expect(openReport.chart.bars.at(-1)).toMatchObject({ label: 'Approval', open: true });
  });
});
