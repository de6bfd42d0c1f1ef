// A runbook step as messages show it: the facts every kind that lists steps validates, and the part of a
// step's view they share (name, status in the kind's words, the error cut to what a message can carry).
import { z } from 'zod';
import { stepStatusSchema, type IncidentStep, type StepStatus } from '../../incident/IncidentStep';
import { shorten } from './shorten';

export const outcomeStepSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  status: stepStatusSchema,
  attempts: z.number().int().nonnegative(),
  /** The last failure, in words: shown literally, never as markup. */
  error: z.string().optional(),
  /** The branch of a parallel group the step is in, by name: messages show it beside the step. */
  branch: z.string().min(1).optional(),
});
export type OutcomeStep = z.infer<typeof outcomeStepSchema>;

/** A step's record on the incident as messages show it. */
export function toOutcomeStep(step: IncidentStep): OutcomeStep {
  return {
    id: step.id,
    name: step.name,
    status: step.status,
    attempts: step.attempts,
    ...(step.error ? { error: step.error } : {}),
    ...(step.group ? { branch: step.group.branchName } : {}),
  };
}

/** A step's name in a message: a step inside a parallel group says its branch first. */
export function outcomeStepName(step: OutcomeStep): string {
  return step.branch === undefined ? step.name : `[${step.branch}] ${step.name}`;
}

/**
 * Step errors (and an outcome's reason) are cut to this many characters (the incident's status page has
 * them in full): a step's error can quote a response, and Teams refuses messages over about 28 KB.
 */
export const STEP_TEXT_MAX_CHARS = 300;

/** What a kind says for each step status: a step still `pending` reads differently during and after a failover. */
export type StepStatusTexts = Readonly<Record<StepStatus, string>>;

/** A step's status once its phase is over: a step still pending never started, one waiting was never confirmed. */
export const ENDED_STEP_STATUS_TEXTS: StepStatusTexts = {
  succeeded: 'succeeded',
  failed: 'FAILED',
  skipped: 'skipped',
  pending: 'not started',
  running: 'still running',
  waiting: 'not confirmed',
};

export interface StepView {
  readonly id: string;
  readonly name: string;
  readonly statusText: string;
  readonly hasError: boolean;
  /** Untrusted text, cut to STEP_TEXT_MAX_CHARS. */
  readonly error: string;
}

export function stepView(step: OutcomeStep, statusTexts: StepStatusTexts): StepView {
  const error = step.error ?? '';
  return {
    id: step.id,
    name: outcomeStepName(step),
    statusText: statusTexts[step.status],
    hasError: error.trim() !== '',
    error: shorten(error, STEP_TEXT_MAX_CHARS),
  };
}
