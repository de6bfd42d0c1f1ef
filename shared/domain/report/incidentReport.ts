// The post-incident report as data: every figure taken from the recorded incident and its timeline (never
// typed by anyone), so the page, the Markdown and the tests read the same numbers.
import { failoverRecord } from '../incident/followUp';
import { compilePolicy } from '../catalog/compilePolicy';
import { peopleInRoles } from '../catalog/contactsSchema';
import { TIER_NAMES } from '../catalog/Tier';
import type { Workload } from '../catalog/Workload';
import { formatDuration } from '../wording/formatDuration';
import { describeRto } from '../incident/describeRto';
import { drillLabel, modeLabel } from '../incident/IncidentDrill';
import type { Incident } from '../incident/Incident';
import type { ApprovalDecision } from '../incident/IncidentApproval';
import { rtoClock, type RtoClock } from '../incident/rtoClock';
import type { TimelineEntry } from '../incident/TimelineEntry';
import { incidentSpans, runbookPauses, stoppedAt, timeSplit } from './incidentSpans';
import { timelineChart, type TimelineChart } from './timelineChart';

export interface ReportStep {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly status: string;
  readonly attempts: number;
  /** Attempts beyond the first (automatic retries and operator retries). */
  readonly retries: number;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly duration?: string;
  readonly durationSeconds?: number;
  readonly error?: string;
  readonly detail?: string;
  /** What people did to this step: confirmations, retries, skips, with who and when. */
  readonly interventions: readonly string[];
}

export interface EscalationLevelReport {
  readonly level: number;
  readonly at: string;
  readonly roles: readonly string[];
  readonly people: readonly string[];
}

export interface IncidentReport {
  readonly id: string;
  readonly workloadId: string;
  readonly workloadName: string;
  readonly tier: number;
  readonly tierName: string;
  readonly mode: string;
  /** A drill's marker (`DRILL`, `DRILL (dry-run)`): the report says it first. Absent for a live incident. */
  readonly drill?: string;
  readonly status: string;
  readonly severity?: string;
  readonly generatedAt: string;
  readonly summary: {
    /** The alerts that opened it, in their own words (newest first, as recorded). */
    readonly whatFailed: readonly string[];
    readonly alertCount: number;
    readonly detectedAt: string;
    readonly activatedAt?: string;
    readonly recoveredAt?: string;
    readonly endedAt?: string;
    readonly outcome?: { readonly status: string; readonly reason: string };
    readonly rto: RtoClock;
    /** `RTO 15m: recovered in 8m 56s, met with 6m 4s to spare`. */
    readonly rtoVerdict: string;
    /** Seconds under (positive) or over (negative) the target; absent until recovered. */
    readonly rtoMarginSeconds?: number;
  };
  readonly decision: {
    readonly activation: string;
    readonly reasons: readonly string[];
    readonly approvalStatus: string;
    readonly quorum: { readonly required: number; readonly approvals: number; readonly rejections: number };
    readonly decisions: readonly ApprovalDecision[];
    readonly requestedAt?: string;
    readonly decidedAt?: string;
    /** How long approval took, from the request to the decision. */
    readonly approvalDuration?: string;
    readonly approvalSeconds?: number;
    readonly levels: readonly EscalationLevelReport[];
  };
  readonly steps: readonly ReportStep[];
  readonly pauses: readonly {
    readonly at: string;
    readonly duration: string;
    readonly pausedBy?: string;
    readonly resumedBy?: string;
    readonly message: string;
  }[];
  readonly waiting: {
    readonly peopleSeconds: number;
    readonly machineSeconds: number;
    readonly people: string;
    readonly machine: string;
  };
  readonly failedNotifications: readonly { readonly at: string; readonly message: string }[];
  readonly deviations: readonly string[];
  readonly chart: TimelineChart;
  readonly timeline: readonly { readonly at: string; readonly actor?: string; readonly message: string }[];
  /** The debrief the DR guidance asks for: questions the team answers in the wiki copy. */
  readonly openQuestions: readonly string[];
}

export const OPEN_QUESTIONS = [
  'Root cause: what failed in the primary region, and why?',
  'Detection: could monitoring have noticed sooner, or with fewer alerts?',
  'Decision: were the activation criteria and the approvers asked the right ones?',
  'Runbook: which steps were slow, failed or needed people, and what changes to the runbook follow?',
  'Communication: did everyone who needed to know hear in time?',
  'Failback: when and how does the workload return to the primary region?',
  'Actions: who owns each follow-up, and by when?',
] as const;

const STEP_ACTION_TYPES: ReadonlySet<string> = new Set([
  'step-confirmed',
  'step-skipped',
  'step-retry-requested',
]);

export function buildIncidentReport(
  current: Incident,
  fullTimeline: readonly TimelineEntry[],
  workload: Workload | undefined,
  now: Date,
): IncidentReport {
  // The report is the failover's; a follow-up (failback, rollback) is one line of it.
  const { incident, timeline } = failoverRecord(current, fullTimeline);
  const followUp = current.followUp;
  const clock = rtoClock(incident, now);
  const spans = incidentSpans(incident, timeline, now);
  const split = timeSplit(spans);
  const requested = timeline.find((e) => e.type === 'approval-requested');
  const decided = timeline.findLast((e) => e.type === 'approval-decided');
  const decidedAt = incident.activatedAt ?? decided?.at;
  const approvalMs =
    requested !== undefined && decidedAt !== undefined
      ? Math.max(0, Date.parse(decidedAt) - Date.parse(requested.at))
      : undefined;
  const stop = stoppedAt(incident, now);
  return {
    id: incident.id,
    workloadId: incident.workloadId,
    workloadName: incident.workloadName,
    tier: incident.tier,
    tierName: TIER_NAMES[incident.tier],
    mode: modeLabel(incident),
    ...(incident.drill ? { drill: drillLabel(incident.drill.kind) } : {}),
    status: incident.status,
    ...(incident.severity ? { severity: incident.severity } : {}),
    generatedAt: now.toISOString(),
    summary: {
      whatFailed: incident.alerts.latest
        .filter((a) => a.condition === 'fired')
        .map((a) => `${a.severity}: ${a.summary}`),
      alertCount: incident.alerts.count,
      detectedAt: incident.detectedAt,
      ...optional('activatedAt', incident.activatedAt),
      ...optional('recoveredAt', incident.recoveredAt),
      ...optional('endedAt', incident.endedAt),
      ...(incident.outcome ? { outcome: { ...incident.outcome } } : {}),
      rto: clock,
      rtoVerdict: describeRto(clock),
      ...(clock.met === undefined ? {} : { rtoMarginSeconds: clock.targetSeconds - clock.elapsedSeconds }),
    },
    decision: {
      activation: incident.activation?.decision ?? 'pending',
      reasons: incident.activation?.reasons ?? [],
      approvalStatus: incident.approval?.status ?? 'not-requested',
      quorum: incident.approval?.quorum ?? { required: 0, approvals: 0, rejections: 0 },
      decisions: incident.approval?.decisions ?? [],
      ...optional('requestedAt', requested?.at),
      ...optional('decidedAt', requested === undefined ? undefined : decidedAt),
      ...(approvalMs === undefined
        ? {}
        : { approvalDuration: formatDuration(approvalMs), approvalSeconds: Math.round(approvalMs / 1000) }),
      levels: escalationLevels(timeline, workload),
    },
    steps: incident.steps.map((step): ReportStep => {
      const seconds =
        step.startedAt !== undefined && step.endedAt !== undefined
          ? Math.round((Date.parse(step.endedAt) - Date.parse(step.startedAt)) / 1000)
          : undefined;
      return {
        id: step.id,
        name: step.name,
        type: step.type,
        status: step.status,
        attempts: step.attempts,
        retries: Math.max(0, step.attempts - 1),
        ...optional('startedAt', step.startedAt),
        ...optional('endedAt', step.endedAt),
        ...(seconds === undefined
          ? {}
          : { durationSeconds: seconds, duration: formatDuration(seconds * 1000) }),
        ...optional('error', step.error),
        ...optional('detail', step.detail),
        interventions: timeline
          .filter(
            (e) =>
              STEP_ACTION_TYPES.has(e.type) &&
              new RegExp(`\\bstep ${escapeRegExp(step.id)}\\b`).test(e.message),
          )
          .map((e) => `${e.at}: ${e.message}`),
      };
    }),
    pauses: runbookPauses(timeline, stop).map((pause) => ({
      at: new Date(pause.startMs).toISOString(),
      duration: `${formatDuration(pause.endMs - pause.startMs)}${pause.open ? ' (still paused)' : ''}`,
      message: pause.message,
      ...optional('pausedBy', pause.pausedBy),
      ...optional('resumedBy', pause.resumedBy),
    })),
    waiting: {
      ...split,
      people: formatDuration(split.peopleSeconds * 1000),
      machine: formatDuration(split.machineSeconds * 1000),
    },
    failedNotifications: timeline
      .filter((e) => e.type === 'notification-failed')
      .map((e) => ({ at: e.at, message: e.message })),
    deviations: [
      ...deviations(incident, timeline, workload),
      ...(followUp
        ? [
            `Followed by a ${followUp.phase} requested by ${followUp.requestedBy} at ${followUp.requestedAt}: ${followUp.outcome ? `${followUp.outcome.status} (${followUp.outcome.reason})` : current.status}.`,
          ]
        : []),
    ],
    chart: timelineChart(spans, Date.parse(incident.detectedAt), incident.rtoTargetSeconds),
    timeline: timeline.map((e) => ({ at: e.at, message: e.message, ...optional('actor', e.actor) })),
    openQuestions: OPEN_QUESTIONS,
  };
}

/** Level 1 is the first request; each `approval-escalated` entry is one more level, with the policy's roles. */
function escalationLevels(
  timeline: readonly TimelineEntry[],
  workload: Workload | undefined,
): EscalationLevelReport[] {
  const policy = workload === undefined ? undefined : compilePolicy(workload);
  const asked = timeline.filter((e) => e.type === 'approval-requested' || e.type === 'approval-escalated');
  return asked.map((entry, index) => {
    const roles =
      policy === undefined
        ? []
        : index === 0
          ? policy.approverRoles
          : (policy.escalation[index - 1]?.roles ?? []);
    const people = workload === undefined ? [] : peopleInRoles(workload.contacts, roles).map((p) => p.name);
    return { level: index + 1, at: entry.at, roles: [...roles], people };
  });
}

/** Where the run left the runbook as written: skipped, failed-and-continued, retried, never reached. */
function deviations(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  workload: Workload | undefined,
): string[] {
  const out: string[] = [];
  const ended = incident.endedAt !== undefined || incident.recoveredAt !== undefined;
  for (const step of incident.steps) {
    if (step.status === 'skipped') {
      out.push(`Step ${step.id} was skipped${step.actor ? ` by ${step.actor}` : ''}.`);
    } else if (step.status === 'failed') {
      const later = incident.steps.slice(incident.steps.indexOf(step) + 1).some((s) => s.startedAt);
      out.push(
        later
          ? `Step ${step.id} failed and the runbook continued past it (its on-failure policy): ${step.error ?? 'no error recorded'}.`
          : `Step ${step.id} failed: ${step.error ?? 'no error recorded'}.`,
      );
    } else if (step.status === 'pending' && ended) {
      out.push(`Step ${step.id} never ran.`);
    }
    if (step.attempts > 1 && step.type !== 'healthCheck') {
      out.push(`Step ${step.id} took ${step.attempts} attempts.`);
    }
  }
  for (const entry of timeline) {
    if (entry.type === 'step-retry-requested') out.push(`${entry.message}.`);
    if (entry.type === 'runbook-paused' && entry.actor) out.push(`${entry.message}.`);
  }
  if (incident.abortRequested) {
    out.push(`${incident.abortRequested.actor} asked to abort at ${incident.abortRequested.at}.`);
  }
  const runbookId = incident.runbook?.id;
  const purpose = incident.runbook?.purpose ?? 'failover';
  // A rollback's runbook is made from the failover's, not named in the catalog.
  if (workload !== undefined && runbookId !== undefined && purpose !== 'rollback') {
    const current = workload.runbooks[purpose];
    if (current !== undefined && current !== runbookId) {
      out.push(`The incident ran runbook ${runbookId}; the catalog now names ${current}.`);
    }
  }
  return out.map((line) => line.replace(/\.\.$/, '.'));
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
