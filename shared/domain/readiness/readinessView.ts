// What the API and the console show of a readiness evaluation: the state, why, every check, and the RPO
// exposure in words (the lag against the workload's RPO, as of when it was measured).
import type { Workload } from '../catalog/Workload';
import type { ReadinessResult } from './ReadinessResult';
import { rpoExposure } from './rpoExposure';

export function readinessView(workload: Workload, result: ReadinessResult, now: Date) {
  return {
    state: result.state,
    evaluatedAt: result.evaluatedAt,
    trigger: result.trigger,
    reasons: result.reasons,
    checks: result.checks,
    ...(result.replication
      ? {
          rpoExposure: {
            ...result.replication,
            rpoSeconds: workload.rpoSeconds,
            withinRpo: result.replication.lagSeconds <= workload.rpoSeconds,
            text: rpoExposure(workload.regions.secondary, result.replication, workload.rpoSeconds, now).text,
          },
        }
      : {}),
  };
}
export type ReadinessView = ReturnType<typeof readinessView>;

/** A workload never evaluated yet. */
export const NOT_EVALUATED = { state: 'unknown', reasons: ['not evaluated yet'] } as const;
