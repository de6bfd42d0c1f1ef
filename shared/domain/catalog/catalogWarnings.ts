// What the catalog lacks without being invalid, said at start-up so it is fixed before a disaster needs it.
import type { Catalog } from './Catalog';

/** Tiers 0–2 cannot stay on the secondary for good: their way back must be written down before it is needed. */
export const FAILBACK_EXPECTED_UP_TO_TIER = 2;

export function catalogWarnings(catalog: Pick<Catalog, 'workloads'>): string[] {
  return catalog.workloads
    .filter((w) => w.tier <= FAILBACK_EXPECTED_UP_TO_TIER && w.runbooks.failback === undefined)
    .map(
      (w) =>
        `warning: workload ${w.id} (tier ${w.tier}) has no failback runbook (runbooks.failback): actions/failback will be refused until it has one`,
    );
}
