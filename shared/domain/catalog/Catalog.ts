// The loaded catalog: every workload, sorted by id.
import { type Workload } from './Workload';

export interface Catalog {
  readonly workloads: readonly Workload[];
}

/** Workload ids are lowercase slugs; a hint from an alert may arrive in any case. */
export function findWorkload(catalog: Catalog, id: string): Workload | undefined {
  const wanted = id.trim().toLowerCase();
  return catalog.workloads.find((workload) => workload.id === wanted);
}
