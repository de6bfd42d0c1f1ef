// The readiness block of a workload's card on the console's workloads page: the state, when it was
// evaluated, the RPO exposure and every reason a check did not pass.
import type { Workload } from '../../shared/domain/catalog/Workload';
import type { ReadinessResult } from '../../shared/domain/readiness/ReadinessResult';
import { readinessView } from '../../shared/domain/readiness/readinessView';

const STATE_LABELS = { ready: 'Ready', degraded: 'Degraded', 'not-ready': 'Not ready' } as const;

export function readinessCard(workload: Workload, latest: ReadinessResult | undefined, now: Date) {
  if (latest === undefined) {
    return {
      evaluated: false,
      state: 'unknown',
      label: 'Not evaluated yet',
      evaluatedAt: '',
      reasons: [],
      hasReasons: false,
      hasRpoExposure: false,
      rpoExposure: '',
    };
  }
  const view = readinessView(workload, latest, now);
  return {
    evaluated: true,
    state: view.state,
    label: STATE_LABELS[view.state],
    evaluatedAt: view.evaluatedAt,
    reasons: view.reasons,
    hasReasons: view.reasons.length > 0,
    hasRpoExposure: view.rpoExposure !== undefined,
    rpoExposure: view.rpoExposure?.text ?? '',
  };
}
