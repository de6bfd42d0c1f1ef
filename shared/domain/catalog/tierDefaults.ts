// Per-tier defaults following the Azure DR guidance; docs/catalog.md explains the choices.
import { type EffectivePolicy } from './EffectivePolicy';
import { TIER_NAMES, type Tier } from './Tier';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface TierDefaults {
  readonly name: (typeof TIER_NAMES)[Tier];
  /** The recovery targets the guidance expects of the tier (descriptive; workloads state their own). */
  readonly rtoGuidance: string;
  readonly rpoGuidance: string;
  readonly policy: EffectivePolicy;
  /** How often a workload of the tier should be drilled (a workload's `drills.every` overrides it). */
  readonly drillEverySeconds: number;
}

export const TIER_DEFAULTS: Readonly<Record<Tier, TierDefaults>> = {
  0: {
    name: TIER_NAMES[0],
    drillEverySeconds: 30 * DAY, // monthly
    rtoGuidance: 'seconds',
    rpoGuidance: 'near zero',
    policy: {
      tier: 0,
      approverRoles: ['approver'],
      quorum: 1,
      rejectionsToReject: 1,
      approvalTimeoutSeconds: 3 * MINUTE,
      escalation: [
        { roles: ['deputy'], timeoutSeconds: 3 * MINUTE },
        { roles: ['executive'], timeoutSeconds: 4 * MINUTE },
      ],
      // An unanswered mission-critical outage costs more than an unneeded failover.
      finalTimeoutOutcome: 'auto-activate',
      observationWindowSeconds: 2 * MINUTE,
      notificationCadenceSeconds: 5 * MINUTE,
      groupingWindowSeconds: 5 * MINUTE,
    },
  },
  1: {
    name: TIER_NAMES[1],
    drillEverySeconds: 91 * DAY, // quarterly
    rtoGuidance: 'minutes',
    rpoGuidance: 'minutes',
    policy: {
      tier: 1,
      approverRoles: ['approver'],
      quorum: 1,
      rejectionsToReject: 1,
      approvalTimeoutSeconds: 10 * MINUTE,
      escalation: [
        { roles: ['deputy'], timeoutSeconds: 10 * MINUTE },
        { roles: ['executive'], timeoutSeconds: 10 * MINUTE },
      ],
      finalTimeoutOutcome: 'expire',
      observationWindowSeconds: 5 * MINUTE,
      notificationCadenceSeconds: 15 * MINUTE,
      groupingWindowSeconds: 10 * MINUTE,
    },
  },
  2: {
    name: TIER_NAMES[2],
    drillEverySeconds: 182 * DAY, // twice a year
    rtoGuidance: 'hours',
    rpoGuidance: 'hours',
    policy: {
      tier: 2,
      approverRoles: ['approver'],
      // Hours of RTO leave time for a second pair of eyes before an expensive failover.
      quorum: 2,
      rejectionsToReject: 1,
      approvalTimeoutSeconds: 30 * MINUTE,
      escalation: [
        { roles: ['deputy'], timeoutSeconds: 30 * MINUTE },
        { roles: ['executive'], timeoutSeconds: 1 * HOUR },
      ],
      finalTimeoutOutcome: 'expire',
      observationWindowSeconds: 15 * MINUTE,
      notificationCadenceSeconds: 30 * MINUTE,
      groupingWindowSeconds: 15 * MINUTE,
    },
  },
  3: {
    name: TIER_NAMES[3],
    drillEverySeconds: 365 * DAY, // yearly
    rtoGuidance: 'hours to days',
    rpoGuidance: 'hours to days',
    policy: {
      tier: 3,
      approverRoles: ['approver'],
      quorum: 1,
      rejectionsToReject: 1,
      approvalTimeoutSeconds: 4 * HOUR,
      escalation: [],
      finalTimeoutOutcome: 'expire',
      observationWindowSeconds: 30 * MINUTE,
      notificationCadenceSeconds: 2 * HOUR,
      groupingWindowSeconds: 30 * MINUTE,
    },
  },
};
