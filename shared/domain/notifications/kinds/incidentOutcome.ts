// Incident outcome: what the workload's people are told when a failover ends (recovered, failed or aborted
// by an operator), the final message of a DR activation: what happened, the RTO achieved against the target,
// each step with its status and error, and for a failure what failed. The same email to each recipient and
// one card for the Teams channel; it carries no links to act on.
import { z } from 'zod';
import type { StepStatus } from '../../incident/IncidentStep';
import { secondsText } from '../base/durationWording';
import { audienceFields } from '../base/factFields';
import { workloadHeaderFields, workloadHeaderView, type WorkloadHeaderView } from '../base/messageHeader';
import { defineBroadcastKind, type BroadcastKind, type BuildNotification } from '../base/MessageKind';
import { shorten } from '../base/shorten';
import {
  outcomeStepSchema,
  STEP_TEXT_MAX_CHARS,
  stepView,
  ENDED_STEP_STATUS_TEXTS,
  type OutcomeStep,
  type StepView,
} from '../base/stepView';

/** The terminal statuses a failover that started can end in. */
export const INCIDENT_OUTCOMES = ['recovered', 'failed', 'aborted'] as const;
export type IncidentOutcome = (typeof INCIDENT_OUTCOMES)[number];

export const incidentOutcomeFactsSchema = z.object({
  ...workloadHeaderFields,
  outcome: z.enum(INCIDENT_OUTCOMES),
  /** Why the incident ended this way, in words ("step promote-db failed", the operator's comment...). */
  reason: z.string(),
  /** The stopped RTO clock; `met` is set once recovered (derived from the seconds when absent). */
  rto: z.object({
    targetSeconds: z.number().int().positive(),
    elapsedSeconds: z.number().int().nonnegative(),
    met: z.boolean().optional(),
  }),
  /** `RTO 15m: recovered in 8m 56s, met with 6m 4s to spare` (describeRto), shown as it is. */
  rtoVerdict: z.string(),
  /** The runbook's steps in order; empty when none was recorded (aborted before the runbook started). */
  steps: z.array(outcomeStepSchema),
  /** Display name of the operator who aborted; shown for the `aborted` outcome only. */
  abortedBy: z.string().min(1).optional(),
  ...audienceFields,
});
export type IncidentOutcomeFacts = z.infer<typeof incidentOutcomeFactsSchema>;

export interface IncidentOutcomeView extends WorkloadHeaderView {
  readonly outcome: IncidentOutcome;
  readonly isRecovered: boolean;
  readonly isFailed: boolean;
  readonly isAborted: boolean;
  /** `Recovered`, `Failover FAILED`, `Aborted`: for subjects and titles. */
  readonly outcomeTitle: string;
  /** Completes "The failover for Orders API …": `succeeded: the secondary proved healthy`. */
  readonly outcomeText: string;
  /** Follows the workload name in the subject: `failed over, RTO met (8m 56s of 15m)`. */
  readonly summary: string;
  readonly hasReason: boolean;
  readonly reason: string;
  /** As the facts word it: `RTO 15m: recovered in 8m 56s, met with 6m 4s to spare`. */
  readonly rtoVerdict: string;
  readonly hasSteps: boolean;
  readonly steps: readonly OutcomeStepView[];
  /** The steps that failed, for the "what failed" part of a failed outcome's message. */
  readonly hasFailedSteps: boolean;
  readonly failedSteps: readonly OutcomeStepView[];
  /** Some step ran or was attempted: an aborted failover may have left the secondary partly failed over. */
  readonly hasStartedSteps: boolean;
  /** Only for the `aborted` outcome. */
  readonly hasAbortedBy: boolean;
  readonly abortedBy: string;
}

export interface OutcomeStepView extends StepView {
  readonly status: StepStatus;
  /** Named apart from the view's `isFailed`: mustache looks a name up in the enclosing view too. */
  readonly stepFailed: boolean;
  readonly attempts: number;
  /** `1 attempt`, `3 attempts`, `no attempts`. */
  readonly attemptsText: string;
}

/** Step errors and the reason are cut to this many characters (see STEP_TEXT_MAX_CHARS). */
export const OUTCOME_TEXT_MAX_CHARS = STEP_TEXT_MAX_CHARS;

export function incidentOutcomeView(facts: IncidentOutcomeFacts): IncidentOutcomeView {
  const steps = facts.steps.map(outcomeStepView);
  const failedSteps = steps.filter((step) => step.stepFailed);
  const abortedBy = facts.outcome === 'aborted' ? facts.abortedBy : undefined;
  return {
    ...workloadHeaderView(facts),
    outcome: facts.outcome,
    isRecovered: facts.outcome === 'recovered',
    isFailed: facts.outcome === 'failed',
    isAborted: facts.outcome === 'aborted',
    outcomeTitle: OUTCOME_TITLES[facts.outcome],
    outcomeText: describeOutcome(facts.outcome, abortedBy),
    summary: summarise(facts.outcome, facts.rto, abortedBy),
    hasReason: facts.reason.trim() !== '',
    reason: shorten(facts.reason, OUTCOME_TEXT_MAX_CHARS),
    rtoVerdict: facts.rtoVerdict,
    hasSteps: steps.length > 0,
    steps,
    hasFailedSteps: failedSteps.length > 0,
    failedSteps,
    hasStartedSteps: facts.steps.some((step) => step.attempts > 0 || STARTED_STATUSES.has(step.status)),
    hasAbortedBy: abortedBy !== undefined,
    abortedBy: abortedBy ?? '',
  };
}

const OUTCOME_TITLES: Readonly<Record<IncidentOutcome, string>> = {
  recovered: 'Recovered',
  failed: 'Failover FAILED',
  aborted: 'Aborted',
};

const STARTED_STATUSES: ReadonlySet<StepStatus> = new Set(['running', 'succeeded', 'failed', 'waiting']);

function describeOutcome(outcome: IncidentOutcome, abortedBy: string | undefined): string {
  switch (outcome) {
    case 'recovered':
      return 'succeeded: the secondary proved healthy';
    case 'failed':
      return 'FAILED: the workload is not recovered';
    case 'aborted':
      return `was aborted by ${abortedBy ?? 'an operator'}`;
  }
}

/** `failed over, RTO met (8m 56s of 15m)`, `not recovered after 17m 2s (RTO 15m missed)`... */
function summarise(
  outcome: IncidentOutcome,
  rto: IncidentOutcomeFacts['rto'],
  abortedBy: string | undefined,
): string {
  const target = secondsText(rto.targetSeconds);
  const elapsed = secondsText(rto.elapsedSeconds);
  if (outcome === 'recovered') {
    const met = rto.met ?? rto.elapsedSeconds <= rto.targetSeconds;
    return `failed over, RTO ${met ? 'met' : 'missed'} (${elapsed} of ${target})`;
  }
  const rtoText = rto.elapsedSeconds > rto.targetSeconds ? `RTO ${target} missed` : `RTO ${target}`;
  if (outcome === 'failed') {
    return `not recovered after ${elapsed} (${rtoText})`;
  }
  const by = abortedBy === undefined ? '' : ` by ${abortedBy}`;
  return `failover stopped${by} after ${elapsed} (${rtoText})`;
}

function outcomeStepView(step: OutcomeStep): OutcomeStepView {
  return {
    ...stepView(step, ENDED_STEP_STATUS_TEXTS),
    status: step.status,
    stepFailed: step.status === 'failed',
    attempts: step.attempts,
    attemptsText:
      step.attempts === 0 ? 'no attempts' : `${step.attempts} attempt${step.attempts === 1 ? '' : 's'}`,
  };
}

/** `incident-outcome.orders-api-20261122-031205`: one per incident, which ends once. */
export function incidentOutcomeNotificationId(incidentId: string): string {
  return `incident-outcome.${incidentId}`;
}

export const incidentOutcome: BroadcastKind<IncidentOutcomeFacts, IncidentOutcomeView> = defineBroadcastKind({
  kind: 'incident-outcome',
  title: 'Incident outcome',
  factsSchema: incidentOutcomeFactsSchema,
  view: incidentOutcomeView,
  notificationId: (facts) => incidentOutcomeNotificationId(facts.incidentId),
});

/** Throws ValidationError for facts that do not fit `incidentOutcomeFactsSchema`. */
export const buildIncidentOutcomeNotification: BuildNotification<IncidentOutcomeFacts> =
  incidentOutcome.build;

/** The email every recipient gets and the card, for facts already valid (previews and tests). */
export const renderIncidentOutcome = incidentOutcome.render;
