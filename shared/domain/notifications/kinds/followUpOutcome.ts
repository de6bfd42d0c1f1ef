// Follow-up outcome: what the workload's people are told when a failback or a rollback ends (failed back,
// rolled back, or either failed with what is left): the direction, where the workload runs now, how long the
// phase took, each of its steps. The failover's RTO is not repeated: the phase has its own duration.
import { z } from 'zod';
import { secondsText } from '../base/durationWording';
import { audienceFields } from '../base/factFields';
import { workloadHeaderFields, workloadHeaderView, type WorkloadHeaderView } from '../base/messageHeader';
import { defineBroadcastKind, type BroadcastKind } from '../base/MessageKind';
import { shorten } from '../base/shorten';
import {
  outcomeStepSchema,
  STEP_TEXT_MAX_CHARS,
  stepView,
  ENDED_STEP_STATUS_TEXTS,
  type StepView,
} from '../base/stepView';

export const FOLLOW_UP_OUTCOMES = [
  'failed-back',
  'failback-failed',
  'rolled-back',
  'rollback-failed',
] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

export const followUpOutcomeFactsSchema = z.object({
  ...workloadHeaderFields,
  outcome: z.enum(FOLLOW_UP_OUTCOMES),
  reason: z.string(),
  /** The region the workload runs in now, as far as Lifeboat knows. */
  runsIn: z.string().min(1),
  /** From the request of the phase to its end. */
  durationSeconds: z.number().int().nonnegative(),
  /** The phase's runbook steps in order (the failback runbook's, or the rollback steps). */
  steps: z.array(outcomeStepSchema),
  /** Which failback or rollback of the incident (1 for the first): one message per phase. */
  seq: z.number().int().positive(),
  ...audienceFields,
});
export type FollowUpOutcomeFacts = z.infer<typeof followUpOutcomeFactsSchema>;

export interface FollowUpOutcomeView extends WorkloadHeaderView {
  /** `Failback`, `Rollback`: which direction ran. */
  readonly direction: string;
  /** `Failed back`, `Failback FAILED`, `Rolled back`, `Rollback FAILED`. */
  readonly outcomeTitle: string;
  readonly succeeded: boolean;
  readonly runsIn: string;
  readonly durationText: string;
  readonly hasReason: boolean;
  readonly reason: string;
  readonly hasSteps: boolean;
  readonly steps: readonly (StepView & { readonly attemptsText: string })[];
}

const TITLES: Readonly<Record<FollowUpOutcome, string>> = {
  'failed-back': 'Failed back',
  'failback-failed': 'Failback FAILED',
  'rolled-back': 'Rolled back',
  'rollback-failed': 'Rollback FAILED',
};

export function followUpOutcomeView(facts: FollowUpOutcomeFacts): FollowUpOutcomeView {
  const steps = facts.steps.map((step) => ({
    ...stepView(step, ENDED_STEP_STATUS_TEXTS),
    attemptsText:
      step.attempts === 0 ? 'no attempts' : `${step.attempts} attempt${step.attempts === 1 ? '' : 's'}`,
  }));
  return {
    ...workloadHeaderView(facts),
    direction: facts.outcome.startsWith('roll') ? 'Rollback' : 'Failback',
    outcomeTitle: TITLES[facts.outcome],
    succeeded: facts.outcome === 'failed-back' || facts.outcome === 'rolled-back',
    runsIn: facts.runsIn,
    durationText: secondsText(facts.durationSeconds),
    hasReason: facts.reason.trim() !== '',
    reason: shorten(facts.reason, STEP_TEXT_MAX_CHARS),
    hasSteps: steps.length > 0,
    steps,
  };
}

/** `follow-up-outcome.<incident>.failback-1`: one per phase, which ends once. */
export function followUpOutcomeNotificationId(incidentId: string, phase: string, seq: number): string {
  return `follow-up-outcome.${incidentId}.${phase}-${seq}`;
}

export const followUpOutcome: BroadcastKind<FollowUpOutcomeFacts, FollowUpOutcomeView> = defineBroadcastKind({
  kind: 'follow-up-outcome',
  title: 'Failback or rollback outcome',
  factsSchema: followUpOutcomeFactsSchema,
  view: followUpOutcomeView,
  notificationId: (facts) =>
    followUpOutcomeNotificationId(
      facts.incidentId,
      facts.outcome.startsWith('roll') ? 'rollback' : 'failback',
      facts.seq,
    ),
});
