// Progress update: what the workload's people are told, every `notificationCadence`, while a failover runs:
// the phase, the step it is on out of how many, the RTO budget left and each step's status. The same email
// to each recipient and one card for the Teams channel; it carries no links to act on. The final message
// (incidentOutcome) tells how it ended.
import { z } from 'zod';
import type { StepStatus } from '../../incident/IncidentStep';
import { describeRtoBudget, secondsText } from '../base/durationWording';
import { audienceFields } from '../base/factFields';
import { workloadHeaderFields, workloadHeaderView, type WorkloadHeaderView } from '../base/messageHeader';
import { defineBroadcastKind, type BroadcastKind, type BuildNotification } from '../base/MessageKind';
import { outcomeStepSchema, stepView, type OutcomeStep, type StepView } from '../base/stepView';

/** The statuses of a failover under way. */
export const FAILOVER_PHASES = ['failing-over', 'paused', 'validating'] as const;
export type FailoverPhase = (typeof FAILOVER_PHASES)[number];

export const progressUpdateFactsSchema = z.object({
  ...workloadHeaderFields,
  /** Which update of this incident it is, from 1. */
  sequence: z.number().int().positive(),
  phase: z.enum(FAILOVER_PHASES),
  /** The running RTO clock: negative `remainingSeconds` once the target has passed. */
  rto: z.object({
    targetSeconds: z.number().int().positive(),
    elapsedSeconds: z.number().int().nonnegative(),
    remainingSeconds: z.number().int(),
  }),
  /** The runbook's steps in order (none before the runbook has listed them). */
  steps: z.array(outcomeStepSchema),
  /** The step the runbook is on, or paused before; absent between steps and while validating. */
  currentStepId: z.string().min(1).optional(),
  ...audienceFields,
});
export type ProgressUpdateFacts = z.infer<typeof progressUpdateFactsSchema>;

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

export interface ProgressStepView extends StepView {
  readonly current: boolean;
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
  const steps = facts.steps.map((step) => progressStepView(step, step.id === facts.currentStepId));
  return {
    ...workloadHeaderView(facts),
    sequence: facts.sequence,
    phaseTitle: PHASE_TITLES[facts.phase],
    isPaused: facts.phase === 'paused',
    position: describePosition(facts),
    rtoText: `${secondsText(facts.rto.elapsedSeconds)} elapsed, ${describeRtoBudget(facts.rto)}`,
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

function progressStepView(step: OutcomeStep, current: boolean): ProgressStepView {
  return { ...stepView(step, STEP_STATUS_TEXTS), current };
}

/** `progress-update.orders-api-20261122-031205.3`: one per update of a failover under way. */
export function progressUpdateNotificationId(incidentId: string, sequence: number): string {
  return `progress-update.${incidentId}.${sequence}`;
}

export const progressUpdate: BroadcastKind<ProgressUpdateFacts, ProgressUpdateView> = defineBroadcastKind({
  kind: 'progress-update',
  title: 'Progress update',
  factsSchema: progressUpdateFactsSchema,
  view: progressUpdateView,
  notificationId: (facts) => progressUpdateNotificationId(facts.incidentId, facts.sequence),
});

/** Throws ValidationError for facts that do not fit `progressUpdateFactsSchema`. */
export const buildProgressUpdateNotification: BuildNotification<ProgressUpdateFacts> = progressUpdate.build;

/** The email every recipient gets and the card, for facts already valid (previews and tests). */
export const renderProgressUpdate = progressUpdate.render;
