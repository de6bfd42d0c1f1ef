// The loaded catalog: every workload and every runbook, each sorted by id.
import { type Runbook } from '../runbook/Runbook';
import { type Workload } from './Workload';

export interface Catalog {
  readonly workloads: readonly Workload[];
  readonly runbooks: readonly Runbook[];
}

/** Workload ids are lowercase slugs; a hint from an alert may arrive in any case. */
export function findWorkload(catalog: Catalog, id: string): Workload | undefined {
  const wanted = id.trim().toLowerCase();
  return catalog.workloads.find((workload) => workload.id === wanted);
}

/** The runbook with this id; the catalog has checked that every workload's runbook references resolve. */
export function findRunbook(catalog: Catalog, id: string): Runbook | undefined {
  const wanted = id.trim().toLowerCase();
  return catalog.runbooks.find((runbook) => runbook.id === wanted);
}
