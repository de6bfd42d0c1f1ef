// How Lifeboat proves the secondary healthy after a failover runbook: every one of the workload's secondary
// health checks passes, round after round, enough rounds in a row, before the deadline.
import { DEFAULT_CONSECUTIVE_PASSES } from './healthCheckSchema';
import type { Workload } from './Workload';

/** A check without its own deadline gets this long to pass. */
export const DEFAULT_VALIDATION_DEADLINE_SECONDS = 5 * 60;
export const VALIDATION_INTERVAL_SECONDS = 10;
export const VALIDATION_PROBE_TIMEOUT_SECONDS = 10;

export interface ValidationPlan {
  readonly checks: number;
  /** The most any check asks for: each round probes every check, so each gets at least its own. */
  readonly passesRequired: number;
  readonly intervalSeconds: number;
  /** The longest any check allows. */
  readonly deadlineSeconds: number;
  readonly timeoutSeconds: number;
}

/** `primary`: the failback's validation of the primary once the workload is back. */
export function validationPlan(
  workload: Pick<Workload, 'healthChecks'>,
  target: 'primary' | 'secondary' = 'secondary',
): ValidationPlan {
  const checks = workload.healthChecks[target];
  return {
    checks: checks.length,
    passesRequired:
      checks.length === 0 ? DEFAULT_CONSECUTIVE_PASSES : Math.max(...checks.map((c) => c.consecutivePasses)),
    intervalSeconds: VALIDATION_INTERVAL_SECONDS,
    deadlineSeconds:
      checks.length === 0
        ? DEFAULT_VALIDATION_DEADLINE_SECONDS
        : Math.max(...checks.map((c) => c.deadlineSeconds ?? DEFAULT_VALIDATION_DEADLINE_SECONDS)),
    timeoutSeconds: VALIDATION_PROBE_TIMEOUT_SECONDS,
  };
}
