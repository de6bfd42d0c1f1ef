// The regions' health checks as readiness checks: the secondary must pass them to take over (not ready
// otherwise); the primary must pass them for a failback to be possible (only a warning: it is the DR side
// that readiness is about, and a primary that is down is an incident of its own).
import type { HealthCheck } from '../catalog/healthCheckSchema';
import type { CheckOutcome } from './ReadinessResult';

export interface ProbeOutcome {
  readonly ok: boolean;
  readonly reason: string;
}

export function healthOutcomes(
  region: 'primary' | 'secondary',
  checks: readonly HealthCheck[],
  probes: ReadonlyMap<string, ProbeOutcome>,
): CheckOutcome[] {
  const kind = region === 'secondary' ? 'secondary-health' : 'primary-health';
  if (checks.length === 0) {
    return region === 'secondary'
      ? [
          {
            kind,
            name: 'none',
            status: 'warn',
            reason: 'the secondary has no health checks: its readiness cannot be proven',
          },
        ]
      : [];
  }
  return checks.map((check): CheckOutcome => {
    const probe = probes.get(check.name);
    if (probe === undefined) {
      return {
        kind,
        name: check.name,
        status: 'warn',
        reason: `${region} health check ${check.name} was not probed`,
      };
    }
    if (probe.ok) {
      return {
        kind,
        name: check.name,
        status: 'pass',
        reason: `${region} health check ${check.name}: ${probe.reason}`,
      };
    }
    return region === 'secondary'
      ? {
          kind,
          name: check.name,
          status: 'fail',
          reason: `secondary health check ${check.name} fails: ${probe.reason}`,
        }
      : {
          kind,
          name: check.name,
          status: 'warn',
          reason: `failback not possible now: primary health check ${check.name} fails: ${probe.reason}`,
        };
  });
}
