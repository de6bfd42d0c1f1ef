// Rounds of health probes: the workload's checks of a region (read from the catalog now, so a corrected URL
// applies at once) or a step's inline probe, all at the same time. Health gates (runbook steps, validation)
// and the activation criteria's primary probes both go through here.
import type { Container } from '../../shared/container';
import type { HealthCheck } from '../../shared/domain/catalog/healthCheckSchema';
import type { ProbeSource } from '../../shared/domain/contracts/runbookContracts';
import type { HealthProbe, HealthProbeRequest, HealthProbeResult } from '../../shared/ports/HealthProbe';

export interface ProbeRound {
  readonly ok: boolean;
  readonly summary: string;
  readonly checks: number;
}

type NamedRequest = HealthProbeRequest & { readonly name: string };

/** What a workload health check asks of one probe. */
export function healthCheckRequest(check: HealthCheck, timeoutMs: number): NamedRequest {
  return {
    name: check.name,
    url: check.url,
    expectStatus: check.expectStatus,
    ...(check.maxLatencyMs === undefined ? {} : { maxLatencyMs: check.maxLatencyMs }),
    ...(check.bodyContains === undefined ? {} : { bodyContains: check.bodyContains }),
    timeoutMs,
  };
}

/** Probes every request at once; each result keeps its check's name. */
export function probeEach(
  probe: HealthProbe,
  requests: readonly NamedRequest[],
): Promise<(HealthProbeResult & { readonly name: string })[]> {
  return Promise.all(
    requests.map(async ({ name, ...request }) => ({ name, ...(await probe.probe(request)) })),
  );
}

/** A drill probes the drill environment's checks when the workload names them, its own otherwise. */
function checksOf(
  workload: Parameters<typeof probeChecks>[1],
  source: Extract<ProbeSource, { kind: 'workload' }>,
): readonly HealthCheck[] {
  const drillChecks = source.drill ? workload.drills?.healthChecks : undefined;
  return (drillChecks ?? workload.healthChecks)[source.target];
}

/** One round for a health gate: every check passing, or the failing ones in words. */
export async function probeChecks(
  c: Pick<Container, 'healthProbe'>,
  workload: {
    readonly id: string;
    readonly healthChecks: Record<'primary' | 'secondary', readonly HealthCheck[]>;
    readonly drills?: { readonly healthChecks?: Record<'primary' | 'secondary', readonly HealthCheck[]> };
    readonly failback?: { readonly readiness?: { readonly checks?: readonly HealthCheck[] } };
  },
  input: { source: ProbeSource; timeoutSeconds: number },
): Promise<ProbeRound> {
  const timeoutMs = input.timeoutSeconds * 1000;
  const source = input.source;
  const checks =
    source.kind === 'failback-readiness'
      ? source.drill
        ? checksOf(workload, { kind: 'workload', target: 'primary', drill: true })
        : [...workload.healthChecks.primary, ...(workload.failback?.readiness?.checks ?? [])]
      : source.kind === 'workload'
        ? checksOf(workload, source)
        : [];
  const requests =
    source.kind === 'probe'
      ? [{ name: 'probe', ...source.probe, timeoutMs }]
      : checks.map((check) => healthCheckRequest(check, timeoutMs));
  if (requests.length === 0) {
    const target =
      source.kind === 'workload' ? source.target : source.kind === 'failback-readiness' ? 'primary' : 'probe';
    return { ok: false, checks: 0, summary: `workload ${workload.id} has no ${target} health checks` };
  }
  const results = await probeEach(c.healthProbe(), requests);
  const failing = results.filter((r) => !r.ok);
  const summary = (failing.length > 0 ? failing : results).map((r) => `${r.name}: ${r.reason}`).join('; ');
  return { ok: failing.length === 0, checks: results.length, summary };
}
