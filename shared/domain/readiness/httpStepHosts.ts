// The hosts the workload's runbook http steps call, so readiness can check each resolves (a name that no
// longer exists fails the step in the middle of a failover). A URL kept as a secret is read from its app
// setting; one that is not set is left to the secrets check.
import type { Catalog } from '../catalog/Catalog';
import type { Workload } from '../catalog/Workload';
import { flattenSteps } from '../runbook/parallelGroupSchema';
import type { SecretLookup } from '../runbook/resolveHttpRequest';
import type { CheckOutcome } from './ReadinessResult';
import { workloadRunbooks } from './runbookSecretsOutcome';

export function httpStepHosts(
  catalog: Pick<Catalog, 'runbooks'>,
  workload: Workload,
  secret: SecretLookup,
): string[] {
  const hosts = new Set<string>();
  for (const runbook of workloadRunbooks(catalog, workload)) {
    for (const { step } of flattenSteps(runbook.steps)) {
      if (step.type !== 'http') continue;
      const url = typeof step.request.url === 'string' ? step.request.url : secret(step.request.url.secret);
      if (url === undefined) continue;
      try {
        hosts.add(new URL(url).hostname.replace(/^\[|\]$/g, ''));
      } catch {
        // A secret that holds no URL: the step itself will say so; nothing to resolve here.
      }
    }
  }
  return [...hosts].sort();
}

export function hostOutcome(
  host: string,
  resolved: { ok: true } | { ok: false; reason: string },
): CheckOutcome {
  return resolved.ok
    ? { kind: 'http-hosts', name: host, status: 'pass', reason: `${host} resolves` }
    : {
        kind: 'http-hosts',
        name: host,
        status: 'fail',
        reason: `runbook host ${host} does not resolve (${resolved.reason})`,
      };
}
