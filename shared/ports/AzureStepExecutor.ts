// Port: the I/O of the Azure step types (shared/domain/runbook/azure/): Azure Resource Manager calls made with
// the @azure/arm-* SDKs. Like the http executor, one call is one attempt and returns an outcome; the
// activity records it and the orchestration applies the step's retry and on-failure policies.
import type { AzureStep } from '../domain/runbook/runbookStepSchema';

export interface AzureStepAttempt {
  /** The whole attempt, long-running operation polling included. */
  readonly timeoutMs: number;
  /** Stable across the attempts of one step round (names an Automation job, so a repeat finds it). */
  readonly idempotencyKey: string;
}

export interface AzureStepSucceeded {
  readonly kind: 'succeeded';
  /** True when the first read found the wanted state and nothing was changed. */
  readonly alreadyInWantedState: boolean;
  /** For the timeline: what changed (or what was found), e.g. "server sql-b is now primary of fg-pay". */
  readonly detail: string;
  readonly latencyMs: number;
}

export interface AzureStepFailed {
  readonly kind: 'failed';
  readonly retryable: boolean;
  /** What went wrong and what to fix (a 403 names the role and the scope); no tokens, no bodies. */
  readonly reason: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly latencyMs: number;
}

export type AzureStepOutcome = AzureStepSucceeded | AzureStepFailed;

/** A read-only check: the target exists and the identity may read it (for readiness). */
export interface AzureTargetCheck {
  readonly ok: boolean;
  /** "server sql-b of fg-pay is Secondary", or why the check failed. */
  readonly detail: string;
}

export interface AzureStepExecutor {
  /** One attempt: reads the current state, changes it when needed, polls long-running operations. */
  execute(step: AzureStep, attempt: AzureStepAttempt): Promise<AzureStepOutcome>;
  /** GET requests only: nothing is changed. */
  checkTarget(step: AzureStep, timeoutMs: number): Promise<AzureTargetCheck>;
}
