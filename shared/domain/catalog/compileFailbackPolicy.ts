// The failback policy a workload gets: its `failback` block over the tier's defaults and its failover policy.
import type { Role } from '../auth/Role';
import type { FailbackPolicyOverrides } from './failbackPolicySchema';
import { compilePolicy } from './compilePolicy';
import { DEFAULT_CONSECUTIVE_PASSES } from './healthCheckSchema';
import type { Tier } from './Tier';
import type { Workload } from './Workload';

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** A failback is planned work, not an outage: approvers get longer than for a failover, the most critical least. */
export const FAILBACK_APPROVAL_TIMEOUT_SECONDS: Readonly<Record<Tier, number>> = {
  0: 1 * HOUR,
  1: 4 * HOUR,
  2: 8 * HOUR,
  3: 24 * HOUR,
};
export const DEFAULT_READINESS_INTERVAL_SECONDS = 30;
export const DEFAULT_READINESS_DEADLINE_SECONDS = 1 * HOUR;
export const READINESS_PROBE_TIMEOUT_SECONDS = 10;

export interface FailbackPolicy {
  readonly approverRoles: readonly string[];
  readonly quorum: number;
  readonly approvalTimeoutSeconds: number;
  /** Always `expire`: a failback is never approved by a timeout. */
  readonly finalTimeoutOutcome: 'expire';
  readonly readiness: {
    /** The workload's primary health checks and the readiness block's own: none means readiness cannot be proven. */
    readonly checks: number;
    readonly consecutivePasses: number;
    readonly intervalSeconds: number;
    readonly deadlineSeconds: number;
    readonly timeoutSeconds: number;
  };
}

/** The workload fields the policy is made of (spelled out: the catalog's check of a workload uses it too). */
export type FailbackPolicySource = Pick<Workload, 'tier' | 'approval' | 'correlation'> & {
  readonly failback?: FailbackPolicyOverrides | undefined;
  readonly healthChecks: { readonly primary: readonly { readonly consecutivePasses: number }[] };
};

export function compileFailbackPolicy(workload: FailbackPolicySource): FailbackPolicy {
  const failover = compilePolicy(workload);
  const block = workload.failback ?? {};
  const checks = [...workload.healthChecks.primary, ...(block.readiness?.checks ?? [])];
  const checksAsk = checks.length === 0 ? 0 : Math.max(...checks.map((c) => c.consecutivePasses));
  return {
    approverRoles: [...(block.approverRoles ?? failover.approverRoles)],
    quorum: block.quorum ?? failover.quorum,
    approvalTimeoutSeconds: block.approvalTimeoutSeconds ?? FAILBACK_APPROVAL_TIMEOUT_SECONDS[workload.tier],
    finalTimeoutOutcome: 'expire',
    readiness: {
      checks: checks.length,
      consecutivePasses:
        block.readiness?.consecutivePasses ?? Math.max(checksAsk, DEFAULT_CONSECUTIVE_PASSES),
      intervalSeconds: block.readiness?.intervalSeconds ?? DEFAULT_READINESS_INTERVAL_SECONDS,
      deadlineSeconds: block.readiness?.deadlineSeconds ?? DEFAULT_READINESS_DEADLINE_SECONDS,
      timeoutSeconds: READINESS_PROBE_TIMEOUT_SECONDS,
    },
  };
}

/** The role actions/rollback needs for this workload. */
export function rollbackRole(
  workload: { readonly rollback?: { readonly role?: Role | undefined } | undefined } | undefined,
): Role {
  return workload?.rollback?.role ?? 'operator';
}
