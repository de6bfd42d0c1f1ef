// Test support for activation criteria: builders for criteria, alert notifications, probe results and facts.
import { type Severity } from '../../../../../shared/domain/alerts/Severity';
import { type ActivationConditionInput } from '../../../../../shared/domain/criteria/ActivationCondition';
import {
  type ActivationCriteria,
  activationCriteriaSchema,
} from '../../../../../shared/domain/criteria/ActivationCriteria';
import { type ActivationEvaluation } from '../../../../../shared/domain/criteria/ActivationEvaluation';
import {
  type ActivationFacts,
  type AlertFact,
  type ProbeResult,
  type WorkloadFacts,
} from '../../../../../shared/domain/criteria/ActivationFacts';
import { evaluateActivation } from '../../../../../shared/domain/criteria/evaluateActivation';
import { formatZodIssues } from '../../../../../shared/domain/validation/formatZodIssues';

export const NOW = '2026-11-20T08:20:00.000Z';
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;

/** The instant `ms` before NOW (negative: after it). */
export function ago(ms: number): string {
  return new Date(Date.parse(NOW) - ms).toISOString();
}

export const WORKLOAD: WorkloadFacts = {
  id: 'payments',
  primaryRegion: 'West Europe',
  services: ['App Service', 'Azure SQL Database'],
};

/** Parses criteria the way a catalog file is parsed; fails the test with readable issues otherwise. */
export function criteria(activateWhen: ActivationConditionInput): ActivationCriteria {
  const parsed = activationCriteriaSchema.safeParse({ activateWhen });
  if (!parsed.success) {
    throw new Error(`invalid test criteria: ${JSON.stringify(formatZodIssues(parsed.error.issues))}`);
  }
  return parsed.data;
}

interface AlertOptions {
  severity?: Severity;
  firedAt?: string;
  resolvedAt?: string;
  resources?: string[];
  monitoringService?: string;
  region?: string;
  impactedServices?: AlertFact['impactedServices'];
}

export function fired(fingerprint: string, options: AlertOptions = {}): AlertFact {
  return notification(fingerprint, 'fired', options);
}

export function resolved(fingerprint: string, options: AlertOptions = {}): AlertFact {
  return notification(fingerprint, 'resolved', options);
}

function notification(
  fingerprint: string,
  condition: AlertFact['condition'],
  options: AlertOptions,
): AlertFact {
  const fact: AlertFact = {
    id: `${fingerprint}-${condition}`,
    fingerprint,
    severity: options.severity ?? 'Sev1',
    condition,
    firedAt: options.firedAt ?? ago(10 * MINUTE),
    targetResourceIds: options.resources ?? [`/subscriptions/s/resourcegroups/rg/providers/x/${fingerprint}`],
    monitoringService: options.monitoringService ?? 'Platform',
    impactedServices: options.impactedServices ?? [],
  };
  if (options.resolvedAt !== undefined) {
    fact.resolvedAt = options.resolvedAt;
  }
  if (options.region !== undefined) {
    fact.region = options.region;
  }
  return fact;
}

/** A Service Health alert impacting `service` in `regions`. */
export function serviceHealth(fingerprint: string, service: string, regions: string[]): AlertFact {
  return fired(fingerprint, {
    monitoringService: 'ServiceHealth',
    resources: [],
    impactedServices: [{ service, regions }],
  });
}

export function probe(
  name: string,
  ok: boolean,
  at: string,
  target: ProbeResult['target'] = 'primary',
): ProbeResult {
  return { target, name, ok, at };
}

/** `count` results of one primary probe, one a minute, the oldest first. */
export function probeRun(name: string, oks: readonly boolean[]): ProbeResult[] {
  return oks.map((ok, index) => probe(name, ok, ago((oks.length - index) * MINUTE)));
}

export function facts(parts: Partial<ActivationFacts> = {}): ActivationFacts {
  return { now: NOW, workload: WORKLOAD, alerts: [], probes: [], ...parts };
}

export function evaluate(
  activateWhen: ActivationConditionInput,
  parts: Partial<ActivationFacts> = {},
): ActivationEvaluation {
  return evaluateActivation(criteria(activateWhen), facts(parts));
}

/** The result of the root of activateWhen (conditions[0]). */
export function rootOf(evaluation: ActivationEvaluation): ActivationEvaluation['conditions'][number] {
  const [root] = evaluation.conditions;
  if (root === undefined) {
    throw new Error('expected an activateWhen result');
  }
  return root;
}

/** Met and reason of the root condition of activateWhen. */
export function leaf(
  condition: ActivationConditionInput,
  parts: Partial<ActivationFacts> = {},
): { met: boolean; reason: string } {
  const { met, reason } = rootOf(evaluate(condition, parts));
  return { met, reason };
}
