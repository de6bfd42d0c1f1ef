// What every message about a workload's incident shows the same way: which incident of which workload, its
// tier in words, and the link to its status (absent links come with `hasStatusUrl` false, see
// ApprovalRequestView on why every view field is defined).
import { TIER_NAMES, type Tier } from '../catalog/Tier';

export interface WorkloadHeaderView {
  readonly incidentId: string;
  readonly workloadId: string;
  readonly workloadName: string;
  readonly tier: number;
  /** `0 (mission critical)`. */
  readonly tierText: string;
  readonly hasStatusUrl: boolean;
  readonly statusUrl: string;
}

export function workloadHeaderView(facts: {
  readonly incidentId: string;
  readonly workloadId: string;
  readonly workloadName: string;
  readonly tier: Tier;
  readonly statusUrl?: string | undefined;
}): WorkloadHeaderView {
  return {
    incidentId: facts.incidentId,
    workloadId: facts.workloadId,
    workloadName: facts.workloadName,
    tier: facts.tier,
    tierText: `${facts.tier} (${TIER_NAMES[facts.tier]})`,
    hasStatusUrl: facts.statusUrl !== undefined,
    statusUrl: facts.statusUrl ?? '',
  };
}
