// The facts as condition evaluators read them: times in milliseconds, alerts folded by fingerprint.
import { type ProbeResult, type WorkloadFacts } from './ActivationFacts';
import { type AlertStates } from './deriveAlertStates';

export interface EvaluationContext {
  readonly nowMs: number;
  readonly alerts: AlertStates;
  readonly workload: WorkloadFacts;
  readonly probes: readonly ProbeResult[];
}

/** What one leaf condition found. */
export interface LeafOutcome {
  readonly met: boolean;
  /** The reason approvers read: what was observed and what is needed. */
  readonly reason: string;
  /** What was observed, on its own; `not` shows this, since the child's "needs" no longer applies. */
  readonly fact: string;
}
