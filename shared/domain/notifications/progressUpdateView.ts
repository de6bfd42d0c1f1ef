// A failover under way, in words, once for every template (email and card) of a progress update: the
// phase, the step it is on out of how many, the RTO budget left, and each step's status.
import { formatDuration } from '../criteria/formatDuration';
import type { StepStatus } from '../incident/IncidentStep';
import { describeRtoBudget } from './describeRtoBudget';
import { outcomeStepName, type OutcomeStep } from './IncidentOutcomeFacts';
import { OUTCOME_TEXT_MAX_CHARS } from './incidentOutcomeView';
import type { FailoverPhase, ProgressUpdateFacts } from './ProgressUpdateFacts';
import { shorten } from './shorten';
import { workloadHeaderView, type WorkloadHeaderView } from './workloadHeaderView';

/** Every field defined, for the same reason as ApprovalRequestView. */
export interface ProgressUpdateView extends WorkloadHeaderView {
  readonly sequence: number;
  /** `Failing over`, `Failover PAUSED`, `Validating the secondary`. */
  readonly phaseTitle: string;
  readonly isPaused: boolean;
  /** `step 3 of 6: Switch traffic (running)`, or what the failover does between steps. */
  readonly position: string;
  /** `4m 10s elapsed, 10m 50s of 15m left`: for the subject and the facts. */
  readonly rtoText: string;
  readonly rtoOverrun: boolean;
  readonly hasSteps: boolean;
  readonly steps: readonly ProgressStepView[];
}

export interface ProgressStepView {
  readonly id: string;
  readonly name: string;
  readonly statusText: string;
  readonly current: boolean;
  readonly hasError: boolean;
  /** Untrusted text, cut to OUTCOME_TEXT_MAX_CHARS. */
  readonly error: string;
}

const PHASE_TITLES: Readonly<Record<FailoverPhase, string>> = {
  'failing-over': 'Failing over',
  paused: 'Failover PAUSED',
  validating: 'Validating the secondary',
};

const STEP_STATUS_TEXTS: Readonly<Record<StepStatus, string>> = {
  succeeded: 'done',
  failed: 'FAILED',
  skipped: 'skipped',
  pending: 'to do',
  running: 'running',
  waiting: 'waiting for an operator',
};

export function progressUpdateView(facts: ProgressUpdateFacts): ProgressUpdateView {
  const steps = facts.steps.map((step) => stepView(step, step.id === facts.currentStepId));
  const elapsed = formatDuration(facts.rto.elapsedSeconds * 1000);
  return {
    ...workloadHeaderView(facts),
    sequence: facts.sequence,
    phaseTitle: PHASE_TITLES[facts.phase],
    isPaused: facts.phase === 'paused',
    position: describePosition(facts),
    rtoText: `${elapsed} elapsed, ${describeRtoBudget(facts.rto)}`,
    rtoOverrun: facts.rto.remainingSeconds <= -1,
    hasSteps: steps.length > 0,
    steps,
  };
}

function describePosition(facts: ProgressUpdateFacts): string {
  if (facts.phase === 'validating') {
    return 'every runbook step has run; probing the secondary';
  }
  const index = facts.steps.findIndex((step) => step.id === facts.currentStepId);
  const step = facts.steps[index];
  if (step === undefined) {
    return facts.steps.length === 0 ? 'starting the runbook' : 'between steps';
  }
  const where = facts.phase === 'paused' ? 'paused at step' : 'step';
  return `${where} ${index + 1} of ${facts.steps.length}: ${step.name} (${STEP_STATUS_TEXTS[step.status]})`;
}

function stepView(step: OutcomeStep, current: boolean): ProgressStepView {
  const error = step.error ?? '';
  return {
    id: step.id,
    name: outcomeStepName(step),
    statusText: STEP_STATUS_TEXTS[step.status],
    current,
    hasError: error.trim() !== '',
    error: shorten(error, OUTCOME_TEXT_MAX_CHARS),
  };
}
