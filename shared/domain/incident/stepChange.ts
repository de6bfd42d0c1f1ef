// How a runbook step's record moves: the changes the runbook orchestration makes, and the rule that applies
// each at most once and never out of order.
import { z } from 'zod';
import { dryRunDescriptionSchema } from '../drill/dryRun/dryRunDescriptionSchema';
import type { IncidentStep } from './IncidentStep';

const attempt = z.number().int().positive();
const text = z.string().min(1).max(2000);

export const stepChangeSchema = z.discriminatedUnion('kind', [
  /** An attempt began: an http call, a probe round, a confirmation asked for. */
  z.object({ kind: z.literal('started'), attempt }),
  /** A manual step waits for an operator's confirm-step. */
  z.object({ kind: z.literal('waiting'), attempt }),
  /** What an attempt found while the step goes on (a probe round, a failure to retry); the step runs. */
  z.object({ kind: z.literal('progress'), attempt, detail: text, error: text.optional() }),
  z.object({ kind: z.literal('succeeded'), detail: text.optional(), actor: text.optional() }),
  /** The step failed for good: its retries are spent, or the failure cannot be retried. */
  z.object({ kind: z.literal('failed'), error: text, detail: text.optional() }),
  z.object({ kind: z.literal('skipped'), actor: text }),
  /** An operator asked for another round of a failed step. */
  z.object({ kind: z.literal('retry-requested'), actor: text }),
  /** A drill skipped the step as its `drill: { skip: true, reason }` says. */
  z.object({ kind: z.literal('drill-skipped'), reason: text }),
  /** A dry-run described the step instead of running it. */
  z.object({ kind: z.literal('dry-run'), description: dryRunDescriptionSchema }),
]);
export type StepChange = z.infer<typeof stepChangeSchema>;

/**
 * The step with `change` applied, or undefined when the step has already seen this revision (a repeated
 * or late activity): revisions only move forward.
 */
export function applyStepChange(
  step: IncidentStep,
  revision: number,
  at: string,
  change: StepChange,
): IncidentStep | undefined {
  return revision <= step.revision ? undefined : changedStep(step, revision, at, change);
}

function changedStep(step: IncidentStep, revision: number, at: string, change: StepChange): IncidentStep {
  const base = { ...step, revision };
  switch (change.kind) {
    case 'started':
    case 'waiting': {
      const { endedAt: _ended, ...open } = base;
      return {
        ...open,
        status: change.kind === 'started' ? 'running' : 'waiting',
        attempts: Math.max(step.attempts, change.attempt),
        startedAt: step.startedAt ?? at,
      };
    }
    case 'progress': {
      const { endedAt: _ended, ...open } = withoutError(base);
      return {
        ...open,
        status: 'running',
        startedAt: step.startedAt ?? at,
        attempts: Math.max(step.attempts, change.attempt),
        detail: change.detail,
        ...(change.error === undefined ? {} : { error: change.error }),
      };
    }
    case 'succeeded':
      return {
        ...withoutError(base),
        status: 'succeeded',
        endedAt: at,
        ...(change.detail === undefined ? {} : { detail: change.detail }),
        ...(change.actor === undefined ? {} : { actor: change.actor }),
      };
    case 'failed':
      return {
        ...base,
        status: 'failed',
        endedAt: at,
        error: change.error,
        ...(change.detail === undefined ? {} : { detail: change.detail }),
      };
    case 'skipped':
      return { ...base, status: 'skipped', endedAt: at, actor: change.actor };
    case 'drill-skipped':
      return {
        ...withoutError(base),
        status: 'skipped',
        endedAt: at,
        detail: `skipped in drills: ${change.reason}`,
      };
    case 'dry-run':
      return {
        ...withoutError(base),
        status: 'succeeded',
        startedAt: step.startedAt ?? at,
        endedAt: at,
        detail: `dry-run: ${change.description.summary}`,
        dryRun: change.description,
      };
    case 'retry-requested': {
      const { endedAt: _ended, ...open } = base;
      return { ...open, status: 'pending', actor: change.actor };
    }
  }
}

function withoutError(step: IncidentStep): IncidentStep {
  const { error: _error, ...rest } = step;
  return rest;
}
