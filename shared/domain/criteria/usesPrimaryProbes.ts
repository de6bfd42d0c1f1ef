// Whether activation criteria look at the primary's health probes: only then does assessing an incident
// probe the primary (a probe is a network call, with a timeout, in every assessment).
import type { ActivationCondition } from './ActivationCondition';
import { leafEntry, leafReadsPrimaryProbes } from './leafConditions';

export function usesPrimaryProbes(condition: ActivationCondition): boolean {
  if ('any' in condition) return condition.any.some(usesPrimaryProbes);
  if ('all' in condition) return condition.all.some(usesPrimaryProbes);
  if ('not' in condition) return usesPrimaryProbes(condition.not);
  return leafReadsPrimaryProbes(leafEntry(condition).key);
}
