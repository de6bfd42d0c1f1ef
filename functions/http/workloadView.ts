// What GET /api/workloads shows of a workload: the catalog as loaded, with contacts reduced to names and
// roles (addresses are personal data) and nothing that could carry a secret.
import { compilePolicy } from '../../shared/domain/catalog/compilePolicy';
import type { Workload } from '../../shared/domain/catalog/Workload';

export function workloadView(workload: Workload) {
  return {
    id: workload.id,
    name: workload.name,
    ...(workload.description ? { description: workload.description } : {}),
    ...(workload.owner ? { owner: workload.owner } : {}),
    tier: workload.tier,
    rtoSeconds: workload.rtoSeconds,
    rpoSeconds: workload.rpoSeconds,
    strategy: workload.strategy,
    regions: workload.regions,
    services: workload.services,
    match: workload.match,
    policy: compilePolicy(workload),
    activation: workload.activation,
    contacts: Object.fromEntries(
      Object.entries(workload.contacts).map(([role, people]) => [role, people.map((p) => p.name)]),
    ),
    healthChecks: {
      primary: workload.healthChecks.primary.map((h) => h.name),
      secondary: workload.healthChecks.secondary.map((h) => h.name),
    },
    runbooks: workload.runbooks,
  };
}
