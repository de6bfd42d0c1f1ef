// One round of health probes for a health gate: the workload's checks of a region (read from the catalog
// now, so a corrected URL applies at once) or a step's inline probe, all at the same time.
import type { Container } from '../../shared/container';
import { findWorkload } from '../../shared/domain/catalog/Catalog';
import type { ProbeSource } from '../../shared/domain/contracts/runbookContracts';
import { NonRetryableError } from '../../shared/errors';
import type { HealthProbeRequest } from '../../shared/ports/HealthProbe';

export interface ProbeRound {
  readonly ok: boolean;
  readonly summary: string;
  readonly checks: number;
}

export async function probeChecks(
  c: Pick<Container, 'catalog' | 'healthProbe'>,
  input: { workloadId: string; source: ProbeSource; timeoutSeconds: number },
): Promise<ProbeRound> {
  const timeoutMs = input.timeoutSeconds * 1000;
  let checks: (HealthProbeRequest & { name: string })[];
  if (input.source.kind === 'probe') {
    checks = [{ name: 'probe', ...input.source.probe, timeoutMs }];
  } else {
    const workload = findWorkload(c.catalog(), input.workloadId);
    if (workload === undefined) {
      throw new NonRetryableError(`Workload '${input.workloadId}' is not in the catalog.`);
    }
    checks = workload.healthChecks[input.source.target].map((check) => ({
      name: check.name,
      url: check.url,
      expectStatus: check.expectStatus,
      ...(check.maxLatencyMs === undefined ? {} : { maxLatencyMs: check.maxLatencyMs }),
      ...(check.bodyContains === undefined ? {} : { bodyContains: check.bodyContains }),
      timeoutMs,
    }));
    if (checks.length === 0) {
      return {
        ok: false,
        checks: 0,
        summary: `workload ${workload.id} has no ${input.source.target} health checks`,
      };
    }
  }
  const probe = c.healthProbe();
  const results = await Promise.all(
    checks.map(async ({ name, ...request }) => ({ name, ...(await probe.probe(request)) })),
  );
  const failing = results.filter((r) => !r.ok);
  const summary = (failing.length > 0 ? failing : results).map((r) => `${r.name}: ${r.reason}`).join('; ');
  return { ok: failing.length === 0, checks: results.length, summary };
}
