// What each Azure step type's executor provides: words for messages, one attempt, and a read-only check.
import type { ArmClients } from '../ArmClients';

export interface AzureStepContext {
  readonly clients: ArmClients;
  /** Fires at the attempt's timeout: every SDK call and poller takes it. */
  readonly abortSignal: AbortSignal;
  readonly pollIntervalMs: number;
  readonly idempotencyKey: string;
}

export interface AzureStepResult {
  readonly alreadyInWantedState: boolean;
  readonly detail: string;
}

export interface AzureStepHandler<S> {
  /** "make server sql-b primary of failover group fg-pay": the start of every message about the step. */
  doing(step: S): string;
  /** Reads the current state; changes it only when it is not the wanted one. Throws what the SDK throws. */
  run(step: S, context: AzureStepContext): Promise<AzureStepResult>;
  /** GETs only; resolves with what it found. */
  check(step: S, context: AzureStepContext): Promise<string>;
}
