// A workload's routing rules compiled once (RegExps, lowercase sets) and cached per workload object.
import { compileGlob } from '../catalog/globPattern';
import { type Workload } from '../catalog/Workload';

export interface CompiledGlob {
  readonly glob: string;
  readonly regex: RegExp;
}

export interface CompiledLabelRule {
  /** Lowercase: label keys compare case-insensitively. */
  readonly key: string;
  readonly value: CompiledGlob;
}

export interface CompiledWorkloadRules {
  readonly id: string;
  readonly resourceIds: readonly CompiledGlob[];
  readonly resourceGroups: readonly CompiledGlob[];
  readonly labels: readonly CompiledLabelRule[];
  /** Lowercase service names; empty when Service Health routing is off. */
  readonly serviceHealthServices: ReadonlySet<string>;
  readonly primaryRegion: string;
}

// Workloads are immutable once loaded, so their object identity is a safe cache key.
const cache = new WeakMap<Workload, CompiledWorkloadRules>();

export function matchWorkloadRules(workload: Workload): CompiledWorkloadRules {
  let rules = cache.get(workload);
  if (rules === undefined) {
    rules = compile(workload);
    cache.set(workload, rules);
  }
  return rules;
}

function compile(workload: Workload): CompiledWorkloadRules {
  const glob = (pattern: string): CompiledGlob => ({ glob: pattern, regex: compileGlob(pattern) });
  return {
    id: workload.id.toLowerCase(),
    resourceIds: workload.match.resourceIds.map(glob),
    resourceGroups: workload.match.resourceGroups.map(glob),
    labels: Object.entries(workload.match.labels).map(([key, value]) => ({
      key: key.toLowerCase(),
      value: glob(value),
    })),
    serviceHealthServices: new Set(
      workload.match.serviceHealth ? workload.services.map((service) => service.trim().toLowerCase()) : [],
    ),
    primaryRegion: workload.regions.primary,
  };
}
