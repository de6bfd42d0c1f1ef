// Every app setting the workload's runbooks refer to ({ secret: NAME }) is set: a missing credential is
// found now, not halfway through a failover.
import type { Catalog } from '../catalog/Catalog';
import type { Workload } from '../catalog/Workload';
import { missingSecrets } from '../runbook/missingSecrets';
import type { SecretLookup } from '../runbook/resolveHttpRequest';
import type { CheckOutcome } from './ReadinessResult';

export function workloadRunbooks(
  catalog: Pick<Catalog, 'runbooks'>,
  workload: Workload,
): Catalog['runbooks'] {
  const ids = new Set(
    [workload.runbooks.failover, workload.runbooks.failback].filter((id) => id !== undefined),
  );
  return catalog.runbooks.filter((runbook) => ids.has(runbook.id));
}

export function runbookSecretsOutcome(
  catalog: Pick<Catalog, 'runbooks'>,
  workload: Workload,
  secret: SecretLookup,
): CheckOutcome[] {
  const missing = missingSecrets({ runbooks: workloadRunbooks(catalog, workload) }, secret);
  if (missing.length === 0) {
    return [
      {
        kind: 'runbook-secrets',
        name: 'all',
        status: 'pass',
        reason: 'every secret the runbooks refer to is set',
      },
    ];
  }
  return missing.map(({ name, neededBy }) => ({
    kind: 'runbook-secrets',
    name,
    status: 'fail',
    reason: `app setting ${name} is not set (needed by ${neededBy.join(', ')})`,
  }));
}
