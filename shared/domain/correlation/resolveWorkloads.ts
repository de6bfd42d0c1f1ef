// Routes a normalised alert to the catalog workloads it concerns, saying why each one matched.
import { type Alert } from '../alerts/Alert';
import { normaliseRegion } from '../alerts/normaliseRegion';
import { type Workload } from '../catalog/Workload';
import { type CompiledWorkloadRules, matchWorkloadRules } from './matchWorkloadRules';

export interface WorkloadMatch {
  readonly workloadId: string;
  /** Human-readable, e.g. `resource group "rg-orders-weu" matches "rg-orders-*"`. */
  readonly reason: string;
}

/** `monitoringService` of Azure Monitor Service Health alerts (see azureMonitor/alertContexts). */
export const SERVICE_HEALTH_MONITORING_SERVICE = 'servicehealth';

const RESOURCE_GROUP_SEGMENT = /\/resourcegroups\/([^/]+)/i;

/**
 * A workload matches when any rule does, checked in this order: the alert's workload hint names it;
 * a target resource id or its resource group matches a glob; all of its labels match; a Service
 * Health event impacts one of its services in its primary region. Sorted by workload id, one entry each.
 */
export function resolveWorkloads(alert: Alert, workloads: readonly Workload[]): WorkloadMatch[] {
  const facts = new AlertFacts(alert);
  const matches = new Map<string, WorkloadMatch>();
  for (const workload of workloads) {
    if (matches.has(workload.id)) {
      continue;
    }
    const reason = firstReason(matchWorkloadRules(workload), facts);
    if (reason !== undefined) {
      matches.set(workload.id, { workloadId: workload.id, reason });
    }
  }
  return [...matches.values()].sort((a, b) =>
    a.workloadId < b.workloadId ? -1 : a.workloadId > b.workloadId ? 1 : 0,
  );
}

function firstReason(rules: CompiledWorkloadRules, facts: AlertFacts): string | undefined {
  return (
    hintReason(rules, facts) ??
    resourceReason(rules, facts) ??
    labelReason(rules, facts) ??
    serviceHealthReason(rules, facts)
  );
}

function hintReason(rules: CompiledWorkloadRules, facts: AlertFacts): string | undefined {
  return facts.hint === rules.id
    ? `the alert's workload hint is "${facts.alert.workloadHint ?? ''}"`
    : undefined;
}

function resourceReason(rules: CompiledWorkloadRules, facts: AlertFacts): string | undefined {
  if (rules.resourceIds.length === 0 && rules.resourceGroups.length === 0) {
    return undefined;
  }
  for (const resourceId of facts.alert.targetResourceIds) {
    const byId = rules.resourceIds.find(({ regex }) => regex.test(resourceId));
    if (byId !== undefined) {
      return `resource "${resourceId}" matches "${byId.glob}"`;
    }
    const group = RESOURCE_GROUP_SEGMENT.exec(resourceId)?.[1];
    const byGroup =
      group === undefined ? undefined : rules.resourceGroups.find(({ regex }) => regex.test(group));
    if (byGroup !== undefined) {
      return `resource group "${group ?? ''}" matches "${byGroup.glob}"`;
    }
  }
  return undefined;
}

function labelReason(rules: CompiledWorkloadRules, facts: AlertFacts): string | undefined {
  if (rules.labels.length === 0) {
    return undefined;
  }
  const matched: string[] = [];
  for (const { key, value } of rules.labels) {
    const hit = facts.labelValues(key).find((candidate) => value.regex.test(candidate));
    if (hit === undefined) {
      return undefined;
    }
    matched.push(hit === value.glob ? `${key}="${hit}"` : `${key}="${hit}" matches "${value.glob}"`);
  }
  return `labels ${matched.join(', ')}`;
}

function serviceHealthReason(rules: CompiledWorkloadRules, facts: AlertFacts): string | undefined {
  if (!facts.serviceHealth || rules.serviceHealthServices.size === 0) {
    return undefined;
  }
  for (const impacted of facts.alert.impactedServices) {
    if (!rules.serviceHealthServices.has(impacted.service.trim().toLowerCase())) {
      continue;
    }
    if (impacted.regions.some((region) => normaliseRegion(region) === rules.primaryRegion)) {
      return `Service Health: "${impacted.service}" is impacted in primary region ${rules.primaryRegion}`;
    }
  }
  return undefined;
}

/** What every workload is compared against, worked out once per alert. */
class AlertFacts {
  readonly hint: string | undefined;
  readonly serviceHealth: boolean;
  private labelsByKey: Map<string, string[]> | undefined;

  constructor(readonly alert: Alert) {
    this.hint = alert.workloadHint?.trim().toLowerCase();
    this.serviceHealth = alert.monitoringService.toLowerCase() === SERVICE_HEALTH_MONITORING_SERVICE;
  }

  /** Values of the alert's labels whose key equals `key` ignoring case (built on first use). */
  labelValues(key: string): readonly string[] {
    if (this.labelsByKey === undefined) {
      this.labelsByKey = new Map();
      for (const [name, value] of Object.entries(this.alert.labels)) {
        const lower = name.toLowerCase();
        const values = this.labelsByKey.get(lower);
        if (values === undefined) {
          this.labelsByKey.set(lower, [value]);
        } else {
          values.push(value);
        }
      }
    }
    return this.labelsByKey.get(key) ?? [];
  }
}
