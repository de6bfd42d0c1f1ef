// How a failover ended, in words, once for every template (email and card) of the final message: what
// happened, the RTO achieved, each step with its status and error, and for a failure what failed.
import { formatDuration } from '../criteria/formatDuration';
import type { StepStatus } from '../incident/IncidentStep';
import {
  outcomeStepName,
  type IncidentOutcome,
  type IncidentOutcomeFacts,
  type OutcomeStep,
} from './IncidentOutcomeFacts';
import { shorten } from './shorten';
import { workloadHeaderView, type WorkloadHeaderView } from './workloadHeaderView';

/** Every field defined, for the same reason as ApprovalRequestView. */
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

export interface OutcomeStepView {
  readonly id: string;
  readonly name: string;
  readonly status: StepStatus;
  /** `succeeded`, `FAILED`, `not started`...: what the status means once the failover has ended. */
  readonly statusText: string;
  /** Named apart from the view's `isFailed`: mustache looks a name up in the enclosing view too. */
  readonly stepFailed: boolean;
  readonly attempts: number;
  /** `1 attempt`, `3 attempts`, `no attempts`. */
  readonly attemptsText: string;
  readonly hasError: boolean;
  /** Untrusted text, cut to OUTCOME_TEXT_MAX_CHARS. */
  readonly error: string;
}

/**
 * Step errors and the reason are cut to this many characters (the incident's status page has them in
 * full): a step's error can quote a response, and Teams refuses messages over about 28 KB.
 */
export const OUTCOME_TEXT_MAX_CHARS = 300;

export function incidentOutcomeView(facts: IncidentOutcomeFacts): IncidentOutcomeView {
  const steps = facts.steps.map(stepView);
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

const STEP_STATUS_TEXTS: Readonly<Record<StepStatus, string>> = {
  succeeded: 'succeeded',
  failed: 'FAILED',
  skipped: 'skipped',
  // The failover is over: a step still pending never started, one still waiting was never confirmed.
  pending: 'not started',
  running: 'still running',
  waiting: 'not confirmed',
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
  const target = formatDuration(rto.targetSeconds * 1000);
  const elapsed = formatDuration(rto.elapsedSeconds * 1000);
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

function stepView(step: OutcomeStep): OutcomeStepView {
  const error = step.error ?? '';
  return {
    id: step.id,
    name: outcomeStepName(step),
    status: step.status,
    statusText: STEP_STATUS_TEXTS[step.status],
    stepFailed: step.status === 'failed',
    attempts: step.attempts,
    attemptsText:
      step.attempts === 0 ? 'no attempts' : `${step.attempts} attempt${step.attempts === 1 ? '' : 's'}`,
    hasError: error.trim() !== '',
    error: shorten(error, OUTCOME_TEXT_MAX_CHARS),
  };
}
