// Merges a workload's tier defaults with its own `approval` and `correlation` overrides.
import { type EffectivePolicy } from './EffectivePolicy';
import { TIER_DEFAULTS } from './tierDefaults';
import { type Workload } from './Workload';

/** Field by field: a field the workload sets replaces the default; lists (roles, escalation) are replaced whole. */
export function compilePolicy(
  workload: Pick<Workload, 'tier' | 'approval' | 'correlation'>,
): EffectivePolicy {
  const defaults = TIER_DEFAULTS[workload.tier].policy;
  const overrides = workload.approval ?? {};
  const escalation = overrides.escalation ?? defaults.escalation;
  return {
    tier: workload.tier,
    approverRoles: [...(overrides.approverRoles ?? defaults.approverRoles)],
    quorum: overrides.quorum ?? defaults.quorum,
    rejectionsToReject: overrides.rejectionsToReject ?? defaults.rejectionsToReject,
    approvalTimeoutSeconds: overrides.approvalTimeoutSeconds ?? defaults.approvalTimeoutSeconds,
    escalation: escalation.map((level) => ({
      roles: [...level.roles],
      timeoutSeconds: level.timeoutSeconds,
    })),
    finalTimeoutOutcome: overrides.finalTimeoutOutcome ?? defaults.finalTimeoutOutcome,
    observationWindowSeconds: overrides.observationWindowSeconds ?? defaults.observationWindowSeconds,
    notificationCadenceSeconds: overrides.notificationCadenceSeconds ?? defaults.notificationCadenceSeconds,
    groupingWindowSeconds: workload.correlation.groupingWindowSeconds ?? defaults.groupingWindowSeconds,
  };
}
