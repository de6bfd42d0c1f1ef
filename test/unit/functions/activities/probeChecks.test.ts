// A failback's readiness round probes the primary's health checks and the workload's own failback readiness
// checks (e.g. replication caught up) together: all must pass.
import { probeChecks } from '../../../../functions/activities/probeChecks';
import type { HealthCheck } from '../../../../shared/domain/catalog/healthCheckSchema';
import type { HealthProbe, HealthProbeRequest } from '../../../../shared/ports/HealthProbe';

const check = (name: string, url: string): HealthCheck => ({
  name,
  url,
  expectStatus: 200,
  consecutivePasses: 1,
});

/** Answers 200 except for the URLs it is told are down, and remembers what it was asked. */
class FakeProbe implements HealthProbe {
  readonly asked: string[] = [];
  constructor(private readonly down: readonly string[]) {}
  probe(request: HealthProbeRequest) {
    this.asked.push(request.url);
    const ok = !this.down.includes(request.url);
    return Promise.resolve({ ok, status: ok ? 200 : 503, latencyMs: 3, reason: ok ? '200 in 3 ms' : '503' });
  }
}

const workload = {
  id: 'orders-api',
  healthChecks: {
    primary: [check('primary', 'https://weu.example.com/health')],
    secondary: [check('secondary', 'https://neu.example.com/health')],
  },
  failback: { readiness: { checks: [check('replication', 'https://weu.example.com/replication')] } },
};

describe('probeChecks for a failback readiness round', () => {
  it('probes the primary checks and the readiness checks, and passes only when all pass', async () => {
    const healthy = new FakeProbe([]);
    const round = await probeChecks({ healthProbe: () => healthy }, workload, {
      source: { kind: 'failback-readiness' },
      timeoutSeconds: 5,
    });
    expect(round).toMatchObject({ ok: true, checks: 2 });
    expect(healthy.asked.sort()).toEqual([
      'https://weu.example.com/health',
      'https://weu.example.com/replication',
    ]);

    const lagging = new FakeProbe(['https://weu.example.com/replication']);
    expect(
      await probeChecks({ healthProbe: () => lagging }, workload, {
        source: { kind: 'failback-readiness' },
        timeoutSeconds: 5,
      }),
    ).toEqual({ ok: false, checks: 2, summary: 'replication: 503' });
  });

  it('says so when there is nothing to probe', async () => {
    const none = { ...workload, healthChecks: { primary: [], secondary: [] }, failback: {} };
    expect(
      await probeChecks({ healthProbe: () => new FakeProbe([]) }, none, {
        source: { kind: 'failback-readiness' },
        timeoutSeconds: 5,
      }),
    ).toEqual({ ok: false, checks: 0, summary: 'workload orders-api has no primary health checks' });
  });
});
