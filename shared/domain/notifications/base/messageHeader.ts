// What every message about an incident shows the same way: which incident of which workload, its tier in
// words, and the link to its status (absent links come with `hasStatusUrl` false: adaptivecards-templating
// prints a missing field as `${field}`, so every view field is defined, and optional facts come with a
// `has…` flag for `{{#has…}}` and `$when`).
import { z } from 'zod';
import { TIER_NAMES, tierSchema, type Tier } from '../../catalog/Tier';
import { notificationSafeIdSchema } from './factFields';

/** The facts naming a workload's incident, spread first into a kind's facts schema. */
export const workloadHeaderFields = {
  incidentId: notificationSafeIdSchema,
  workloadId: z.string().min(1),
  workloadName: z.string().min(1),
  tier: tierSchema,
};

export interface IncidentHeaderView {
  readonly incidentId: string;
  readonly workloadName: string;
  readonly hasStatusUrl: boolean;
  readonly statusUrl: string;
}

export interface WorkloadHeaderView extends IncidentHeaderView {
  readonly workloadId: string;
  readonly tier: number;
  /** `0 (mission critical)`. */
  readonly tierText: string;
}

/** The incident, its workload by name and the status link: for messages that do not show the tier. */
export function incidentHeaderView(facts: {
  readonly incidentId: string;
  readonly workloadName: string;
  readonly statusUrl?: string | undefined;
}): IncidentHeaderView {
  return {
    incidentId: facts.incidentId,
    workloadName: facts.workloadName,
    hasStatusUrl: facts.statusUrl !== undefined,
    statusUrl: facts.statusUrl ?? '',
  };
}

export function workloadHeaderView(facts: {
  readonly incidentId: string;
  readonly workloadId: string;
  readonly workloadName: string;
  readonly tier: Tier;
  readonly statusUrl?: string | undefined;
}): WorkloadHeaderView {
  return {
    ...incidentHeaderView(facts),
    workloadId: facts.workloadId,
    tier: facts.tier,
    tierText: `${facts.tier} (${TIER_NAMES[facts.tier]})`,
  };
}
