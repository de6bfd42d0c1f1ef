// What the host remembers about an orchestration between episodes: the actions it has scheduled and the
// task ids it handed out, so replayed actions are recognised and new ones get the ids the library expects.
import type { ActionSignature, RetryOptionsWire } from './orchestratorActions';

export interface RetryGroup {
  readonly kind: 'activity' | 'subOrchestration';
  readonly name: string;
  readonly input: unknown;
  readonly options: RetryOptionsWire;
  readonly firstAttemptAt: number;
  /** Set for sub-orchestrations: the child instance id every attempt reuses. */
  readonly childInstanceId?: string;
  attempt: number;
  /** Task id of the attempt in flight, and of the backoff timer once it failed. */
  attemptTaskId: number;
  backoffTimerId?: number;
  /** No further real attempt will run (retry timeout passed); remaining attempts fail at once. */
  exhausted: boolean;
  lastFailure?: { reason: string; details: string };
}

export type TaskRecord =
  | { readonly kind: 'activity'; readonly name: string; readonly retryGroup?: number }
  | {
      readonly kind: 'subOrchestration';
      readonly name: string;
      readonly childInstanceId: string;
      readonly retryGroup?: number;
    }
  | { readonly kind: 'timer'; readonly retryGroup?: number };

/** An action the host has scheduled, with the task id it was given (none for external events). */
export interface KnownAction extends ActionSignature {
  readonly taskId?: number;
}

export interface InstanceState {
  nextSequence: number;
  actions: KnownAction[];
  /** Timers already cancelled by the orchestrator (WhenAny losers), by task id. */
  cancelledTimers: number[];
  tasks: Record<string, TaskRecord>;
  /** Keyed by the task id of the first attempt. */
  retryGroups: Record<string, RetryGroup>;
}

export function emptyInstanceState(): InstanceState {
  return { nextSequence: 0, actions: [], cancelledTimers: [], tasks: {}, retryGroups: {} };
}
