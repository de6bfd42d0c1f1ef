// The console pages' view models: incidents, steps and workloads shaped for the templates (text joined,
// every optional value present so Mustache never falls back to an outer value of the same name).
import { findRunbook, type Catalog } from '../../shared/domain/catalog/Catalog';
import { compilePolicy } from '../../shared/domain/catalog/compilePolicy';
import { TIER_NAMES } from '../../shared/domain/catalog/Tier';
import type { Workload } from '../../shared/domain/catalog/Workload';
import { describeCriteria } from '../../shared/domain/criteria/describeCriteria';
import { formatDuration } from '../../shared/domain/wording/formatDuration';
import type { DrillSchedule } from '../../shared/domain/drill/drillHistory';
import { modeLabel } from '../../shared/domain/incident/IncidentDrill';
import { drillBanner } from '../../shared/domain/notifications/base/markDrill';
import type { Incident } from '../../shared/domain/incident/Incident';
import type { IncidentStatus } from '../../shared/domain/incident/IncidentStatus';
import { toIncidentView } from '../../shared/domain/incident/incidentView';
import { rtoClock } from '../../shared/domain/incident/rtoClock';
import { rtoClockState, rtoClockText } from '../../shared/domain/incident/rtoClockText';
import type { TimelineEntry } from '../../shared/domain/incident/TimelineEntry';
import { incidentSpans } from '../../shared/domain/report/incidentSpans';
import { timelineChart } from '../../shared/domain/report/timelineChart';
import { buildRunbookDocument } from '../../shared/domain/report/runbookDocument';
import type { ConsoleAction } from './consoleActions';
import type { ConsoleUser } from './consoleAuth';
import { followUpStrip, lifecycleStrip } from './lifecycleStrip';

export function userView(user: ConsoleUser) {
  return {
    name: user.identity.name,
    rolesText: user.identity.roles.join(', '),
    session: user.session,
    csrf: user.csrf,
  };
}

/** What the incident waits for, if anything: people, in words. */
export function waitingOn(incident: Incident): string {
  if (incident.status === 'awaiting-approval') return 'approval';
  if (incident.status === 'awaiting-failback-approval') return 'failback approval';
  if (incident.status === 'failback-requested') return 'primary readiness';
  const waiting = incident.steps.find((s) => s.status === 'waiting');
  if (waiting) return `manual step ${waiting.id}`;
  const paused = incident.runbook?.paused;
  if (incident.status === 'paused' && paused) {
    return paused.reason === 'step-failed'
      ? `failed step ${paused.stepId ?? ''}`.trim()
      : `resume (paused by ${paused.actor ?? 'an operator'})`;
  }
  return '';
}

export function boardRow(incident: Incident, now: Date) {
  const rto = rtoClock(incident, now);
  return {
    id: incident.id,
    workloadName: incident.workloadName,
    tier: incident.tier,
    mode: incident.mode,
    modeLabel: modeLabel(incident),
    status: incident.status,
    severity: incident.severity ?? '',
    detectedAt: incident.detectedAt,
    rtoText: rtoClockText(rto),
    rtoState: rtoClockState(rto),
    waitingOn: waitingOn(incident),
  };
}

/** The statuses an incident went through, read from its own record (for the strip of one that ended early). */
function reachedStatuses(incident: Incident): Set<IncidentStatus> {
  const reached = new Set<IncidentStatus>(['detected']);
  if (incident.observingSince) reached.add('observing');
  if (incident.approval) reached.add('awaiting-approval');
  if (incident.activatedAt) reached.add('failing-over');
  return reached;
}

export function incidentLiveView(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  catalog: Catalog,
  actions: readonly ConsoleAction[],
  user: ConsoleUser,
  now: Date,
) {
  const view = toIncidentView(incident, timeline, now);
  const runbook = incident.runbook ? findRunbook(catalog, incident.runbook.id) : undefined;
  const instructions = new Map(runbook?.steps.map((s) => [s.id, s.instructions ?? '']) ?? []);
  return {
    ...view,
    modeLabel: modeLabel(incident),
    drillBanner: incident.drill ? drillBanner(incident.drill.kind) : '',
    workloadName: incident.workloadName,
    tier: incident.tier,
    severity: view.severity ?? '',
    rtoText: rtoClockText(view.rto),
    rtoState: rtoClockState(view.rto),
    waitingOn: waitingOn(incident),
    phases: incident.followUp
      ? followUpStrip(
          incident.followUp.phase,
          incident.status,
          incident.earlierPhases?.at(-1)?.status ?? 'recovered',
        )
      : lifecycleStrip(incident.status, reachedStatuses(incident)),
    runbookName: incident.runbook?.name ?? '',
    hasDecisions: view.approval.decisions.length > 0,
    decisions: view.approval.decisions.map((d) => ({
      ...d,
      who: d.name ?? d.approver,
      comment: d.comment ?? '',
    })),
    hasSteps: view.steps.length > 0,
    steps: view.steps.map((s, index) => ({
      ...s,
      number: index + 1,
      startedAt: s.startedAt ?? '',
      endedAt: s.endedAt ?? '',
      error: s.error ?? '',
      detail: s.detail ?? '',
      actor: s.actor ?? '',
      instructions: instructions.get(s.id) ?? '',
      took:
        s.startedAt === undefined
          ? ''
          : `${formatDuration((s.endedAt ? Date.parse(s.endedAt) : now.getTime()) - Date.parse(s.startedAt))}${s.endedAt ? '' : ' so far'}`,
    })),
    chart: timelineChart(
      incidentSpans(incident, timeline, now),
      Date.parse(incident.detectedAt),
      incident.rtoTargetSeconds,
    ),
    timeline: view.timeline.map((e) => ({ ...e, actor: e.actor ?? '' })),
    hasActions: actions.length > 0,
    actions: actions.map((a) => ({ ...a, stepId: a.stepId ?? '', incidentId: incident.id })),
    csrf: user.csrf,
    asOf: now.toISOString(),
  };
}

export function workloadCard(workload: Workload, catalog: Catalog) {
  const policy = compilePolicy(workload);
  const doc = buildRunbookDocument(workload, catalog);
  return {
    id: workload.id,
    name: workload.name,
    description: workload.description ?? '',
    owner: workload.owner ?? '',
    tier: workload.tier,
    tierName: TIER_NAMES[workload.tier],
    rto: doc.rto,
    rpo: doc.rpo,
    strategy: workload.strategy,
    primary: workload.regions.primary,
    secondary: workload.regions.secondary,
    contacts: Object.entries(workload.contacts).map(([role, people]) => ({
      role,
      people: people.map((p) => p.name).join(', '),
    })),
    criteria: describeCriteria(workload.activation).activateWhen.map((l) => ({
      ...l,
      indent: l.depth * 1.5,
    })),
    dismissWhen: describeCriteria(workload.activation).dismissWhen,
    approval: doc.approval,
    quorum: policy.quorum,
    runbooks: doc.runbooks.map((r) => ({
      title: r.title,
      runbookId: r.runbookId,
      name: r.name,
      steps: r.steps.map((s) => ({
        number: s.number,
        id: s.id,
        name: s.name,
        type: s.type,
        action: s.action,
      })),
    })),
    healthChecks: doc.healthChecks,
    hasHealthChecks: doc.healthChecks.length > 0,
  };
}

/** The workload card's drill line: the last drill scored against the RTO, and when the next is due. */
export function drillCard(schedule: DrillSchedule) {
  const last = schedule.lastDrill;
  const expected = last?.rto.expected;
  const score =
    last === null
      ? ''
      : expected !== undefined
        ? `the plan is expected to take ${formatDuration(expected.minSeconds * 1000)} to ${formatDuration(expected.maxSeconds * 1000)} against an RTO of ${formatDuration(last.rto.targetSeconds * 1000)} (${expected.fits ? 'fits' : 'may not fit'})`
        : last.rto.achievedSeconds === undefined
          ? `${last.status}${last.outcome ? `: ${last.outcome}` : ''}`
          : `recovered in ${formatDuration(last.rto.achievedSeconds * 1000)} against an RTO of ${formatDuration(last.rto.targetSeconds * 1000)} (${last.rto.met ? 'met' : 'missed'})`;
  return {
    drillEvery: formatDuration(schedule.everySeconds * 1000),
    hasLastDrill: last !== null,
    lastDrill:
      last === null
        ? ''
        : `${last.kind === 'dry-run' ? 'dry-run' : 'drill'} ${last.incidentId} on ${last.startedAt}: ${score}`,
    lastDrillId: last?.incidentId ?? '',
    nextDrillDue: schedule.nextDueAt,
    drillOverdue: schedule.overdue,
  };
}
