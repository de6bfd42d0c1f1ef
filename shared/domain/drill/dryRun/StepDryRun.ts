// What a dry-run records for one step instead of running it: the request it would have sent (secrets masked),
// what an operator would be asked to do, and how long the step is expected to take. Each step type provides
// its own StepDryRun (stepDryRuns.ts); a new step type plugs in there.
import type { HealthChecks } from '../../catalog/healthCheckSchema';
import type { LeafStep } from '../../runbook/runbookStepSchema';

/** A call the step would have made, as it would have gone out, every secret replaced by its setting's name. */
export interface DryRunRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface DryRunDescription {
  /** One line: what the step would have done ("would POST https://…", "would wait 2m"). */
  readonly summary: string;
  /** Every call it would have made (several for a health check of several endpoints); empty for none. */
  readonly requests: readonly DryRunRequest[];
  /** What an operator would be asked to do (manual steps) or told (any step's instructions). */
  readonly instructions?: string;
  /** How long the step is expected to take: the shortest run and the longest, retries and deadlines included. */
  readonly expectedSeconds: { readonly min: number; readonly max: number };
}

/** What describing a step may read besides the step: its idempotency key and the workload's health checks. */
export interface DryRunContext {
  readonly idempotencyKey: string;
  readonly healthChecks: HealthChecks;
}

/** One step type's dry-run description: pure, and it never resolves a secret. */
export type StepDryRun<S extends LeafStep> = (step: S, context: DryRunContext) => DryRunDescription;
