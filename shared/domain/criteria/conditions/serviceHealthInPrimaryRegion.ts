// serviceHealthInPrimaryRegion: Microsoft says one of the workload's Azure services is impaired in its primary region.
import { z } from 'zod';
import { normaliseRegion } from '../../alerts/normaliseRegion';
import { type FiringAlert } from '../deriveAlertStates';
import { type EvaluationContext, type LeafOutcome } from '../EvaluationContext';
import { listText } from '../reasonText';
import { leafCondition } from './LeafCondition';

export const serviceHealthInPrimaryRegion = leafCondition({
  schema: z.literal(true, {
    error: () => 'Write serviceHealthInPrimaryRegion: true (wrap it in not: to require the opposite)',
  }),
  description:
    "A firing Azure Service Health alert impacts one of the workload's services in its primary region.",
  label: () => 'Service Health alert in the primary region',
  evaluate: (_, ctx) => evaluateServiceHealthInPrimaryRegion(ctx),
});

/**
 * Met when a firing alert from monitoring service "ServiceHealth" lists, among its impacted services, one of the
 * workload's services (case-insensitive) with the primary region among its regions (any spelling). An impacted
 * service without regions is taken to be in the alert's own region, when it has one.
 */
function evaluateServiceHealthInPrimaryRegion(ctx: EvaluationContext): LeafOutcome {
  const primary = normaliseRegion(ctx.workload.primaryRegion) ?? ctx.workload.primaryRegion;
  const where = `in ${primary} (primary region)`;
  if (ctx.workload.services.length === 0) {
    return outcome(false, 'no Service Health match possible: the workload lists no Azure services');
  }
  const workloadServices = new Map(ctx.workload.services.map((name) => [serviceKey(name), name]));
  const inPrimary = new Set<string>();
  const elsewhere = new Map<string, Set<string>>();
  for (const alert of ctx.alerts.firing.filter(isServiceHealth)) {
    for (const impacted of alert.impactedServices) {
      const name = workloadServices.get(serviceKey(impacted.service));
      if (name === undefined) {
        continue;
      }
      for (const region of impactedRegions(impacted.regions, alert)) {
        if (region === primary) {
          inPrimary.add(name);
        } else {
          elsewhere.set(name, (elsewhere.get(name) ?? new Set<string>()).add(region));
        }
      }
    }
  }
  if (inPrimary.size > 0) {
    return outcome(
      true,
      `Azure Service Health alert for ${listText(inWorkloadOrder(ctx, inPrimary))} ${where}`,
    );
  }
  if (elsewhere.size > 0) {
    const services = inWorkloadOrder(ctx, new Set(elsewhere.keys()));
    const regions = [...new Set([...elsewhere.values()].flatMap((set) => [...set]))].sort();
    return outcome(
      false,
      `Azure Service Health alert for ${listText(services)} in ${listText(regions)}, not ${where}`,
    );
  }
  return outcome(false, `no Azure Service Health alert for ${listText(ctx.workload.services)} ${where}`);
}

function outcome(met: boolean, text: string): LeafOutcome {
  return { met, reason: text, fact: text };
}

function isServiceHealth(alert: FiringAlert): boolean {
  return alert.monitoringService.replace(/\s+/g, '').toLowerCase() === 'servicehealth';
}

function impactedRegions(regions: readonly string[], alert: FiringAlert): string[] {
  const normalised = regions.flatMap((region) => normaliseRegion(region) ?? []);
  if (normalised.length > 0) {
    return normalised;
  }
  const own = normaliseRegion(alert.region);
  return own === undefined ? [] : [own];
}

function serviceKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function inWorkloadOrder(ctx: EvaluationContext, names: ReadonlySet<string>): string[] {
  return [...new Set(ctx.workload.services.filter((name) => names.has(name)))];
}
