// The approval and activation policy a workload runs under: its tier's defaults merged with its own overrides.
import { type Tier } from './Tier';

export const FINAL_TIMEOUT_OUTCOMES = ['expire', 'auto-activate'] as const;
export type FinalTimeoutOutcome = (typeof FINAL_TIMEOUT_OUTCOMES)[number];

/** After the previous level's wait ran out without a quorum, these roles are asked too. */
export interface EscalationLevel {
  readonly roles: readonly string[];
  /** How long this level waits before the next level (or the final outcome). */
  readonly timeoutSeconds: number;
}

export interface EffectivePolicy {
  readonly tier: Tier;
  /** Contact roles asked for approval as soon as activation criteria hold. */
  readonly approverRoles: readonly string[];
  /** Approvals from distinct people needed to activate; anyone asked so far counts. */
  readonly quorum: number;
  /**
   * Rejections from distinct people that reject the activation. 1 by default in every tier: one informed
   * "no" from someone asked stops a failover; a larger number lets a board outvote a single doubter.
   */
  readonly rejectionsToReject: number;
  /** How long the approver roles have before the first escalation (or the final outcome). */
  readonly approvalTimeoutSeconds: number;
  /** Later levels, in order; empty when nobody else is asked. */
  readonly escalation: readonly EscalationLevel[];
  /** What happens when the last level's wait runs out without a quorum. */
  readonly finalTimeoutOutcome: FinalTimeoutOutcome;
  /** How long an incident is observed before approval is asked (blip or disaster). */
  readonly observationWindowSeconds: number;
  /** How often stakeholders get a progress update while an incident is open. */
  readonly notificationCadenceSeconds: number;
  /** How long after an incident's first alert further alerts join it. */
  readonly groupingWindowSeconds: number;
}

/** Seconds from the approval request to the final outcome when nobody decides. */
export function approvalDeadlineSeconds(policy: EffectivePolicy): number {
  return policy.escalation.reduce(
    (total, level) => total + level.timeoutSeconds,
    policy.approvalTimeoutSeconds,
  );
}

/** Every role the policy may ask, in the order it asks them, without repeats. */
export function policyRoles(policy: EffectivePolicy): string[] {
  return [...new Set([...policy.approverRoles, ...policy.escalation.flatMap((level) => level.roles)])];
}
