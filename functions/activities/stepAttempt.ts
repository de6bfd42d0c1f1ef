// The records around one attempt of a step that calls a target (http, Azure): its start, refused in the same
// write once an abort was asked (no target is called after an operator asked to stop), and its result, with
// what the runbook does next. Safe to run twice: step records move forward by revision only, and timeline
// entries are idempotent by id.
import type { z } from 'zod';
import type { Container } from '../../shared/container';
import type { runHttpStepActivity } from '../../shared/domain/contracts/runbookContracts';
import { stepEntryId } from '../../shared/domain/runbook/runbookRecordIds';
import { recordStep } from './recordStep';

export type StepAttemptInput = z.output<typeof runHttpStepActivity.input>;
export type StepAttemptResult = z.input<typeof runHttpStepActivity.output>;

/** How the attempt went, in the words its step records keep. */
export type AttemptOutcome =
  | { readonly kind: 'succeeded'; readonly detail: string }
  | {
      readonly kind: 'failed';
      readonly reason: string;
      readonly retryable: boolean;
      readonly retryAfterMs?: number | undefined;
    };

/** Records the start; resolves with the answer to give when the attempt must not call (an abort), else undefined. */
export async function startAttempt(
  c: Pick<Container, 'incidentStore' | 'now'>,
  { incidentId, step, attempt, revision, entryPrefix }: StepAttemptInput,
): Promise<StepAttemptResult | undefined> {
  const started = await recordStep(
    c.incidentStore(),
    incidentId,
    { stepId: step.id, revision, at: c.now().toISOString(), change: { kind: 'started', attempt } },
    {
      id: stepEntryId(entryPrefix, step.id, revision),
      type: 'step-started',
      message: `Step ${step.id} started (attempt ${attempt}): ${step.name}`,
    },
    (current) => current.abortRequested?.actor,
  );
  if (started.refused === undefined) return undefined;
  return {
    ok: false,
    retryable: false,
    abortedBy: started.refused,
    summary: `${step.id} not called: ${started.refused} is aborting the incident`,
  };
}

/** Records the result (revision + 1) and says whether the runbook may try again. */
export async function finishAttempt(
  c: Pick<Container, 'incidentStore' | 'now'>,
  { incidentId, step, attempt, revision, entryPrefix }: StepAttemptInput,
  outcome: AttemptOutcome,
): Promise<StepAttemptResult> {
  const store = c.incidentStore();
  const result = { stepId: step.id, revision: revision + 1, at: c.now().toISOString() };
  const entryId = stepEntryId(entryPrefix, step.id, revision + 1);
  if (outcome.kind === 'succeeded') {
    await recordStep(
      store,
      incidentId,
      { ...result, change: { kind: 'succeeded', detail: outcome.detail } },
      { id: entryId, type: 'step-succeeded', message: `Step ${step.id} succeeded: ${outcome.detail}` },
    );
    return { ok: true, retryable: false, summary: outcome.detail };
  }
  await recordStep(
    store,
    incidentId,
    {
      ...result,
      change: { kind: 'progress', attempt, detail: `attempt ${attempt} failed`, error: outcome.reason },
    },
    {
      id: entryId,
      type: 'step-attempt-failed',
      message: `Step ${step.id} attempt ${attempt} failed: ${outcome.reason}`,
    },
  );
  return {
    ok: false,
    retryable: outcome.retryable,
    summary: outcome.reason,
    ...(outcome.retryAfterMs === undefined
      ? {}
      : { retryAfterSeconds: Math.ceil(outcome.retryAfterMs / 1000) }),
  };
}
