// Assembles a normalised alert from the facts a format normaliser read, applying the rules all formats share.
import { type Alert, type AlertCondition, type AlertSource, type ImpactedService } from './Alert';
import { computeAlertId } from './alertId';
import { boundRawPayload } from './boundRawPayload';
import { normaliseRegion } from './normaliseRegion';
import { type Severity } from './Severity';
import { findLabel } from './stringifyLabels';

/** Summaries feed notifications and timelines; longer text stays available in `raw`. */
export const SUMMARY_MAX_LENGTH = 500;

export interface AlertFacts {
  readonly source: AlertSource;
  readonly sourceAlertId: string;
  readonly fingerprint: string;
  readonly severity: Severity;
  readonly condition: AlertCondition;
  readonly signalType: string;
  readonly monitoringService: string;
  readonly alertRule: string;
  readonly targetResourceIds: readonly string[];
  /** Any spelling; normalised here. */
  readonly region?: string | undefined;
  /** Explicit workload (generic format); otherwise the `workload` label is used. */
  readonly workload?: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly impactedServices?: readonly ImpactedService[];
  /** UTC ISO strings, already parsed. */
  readonly firedAt: string;
  readonly resolvedAt?: string | undefined;
  /** Candidates in order of preference; the first non-blank one wins. */
  readonly summaryCandidates: readonly (string | null | undefined)[];
  readonly raw: unknown;
}

export function buildAlert(facts: AlertFacts): Alert {
  const labels = { ...facts.labels };
  const alertRule = nonBlank(facts.alertRule) ?? nonBlank(facts.monitoringService) ?? 'Unknown';
  const workloadHint = nonBlank(facts.workload) ?? findLabel(labels, 'workload');
  const region = normaliseRegion(facts.region);
  const alert: Alert = {
    id: computeAlertId(facts.source, facts.sourceAlertId, facts.condition),
    source: facts.source,
    sourceAlertId: facts.sourceAlertId,
    fingerprint: facts.fingerprint,
    severity: facts.severity,
    condition: facts.condition,
    signalType: nonBlank(facts.signalType) ?? 'Unknown',
    monitoringService: nonBlank(facts.monitoringService) ?? 'Unknown',
    alertRule,
    targetResourceIds: lowercaseUnique(facts.targetResourceIds),
    labels,
    impactedServices: (facts.impactedServices ?? []).map((s) => ({
      service: s.service,
      regions: [...s.regions],
    })),
    firedAt: facts.firedAt,
    summary: truncate(pickSummary(facts.summaryCandidates) ?? alertRule),
    raw: boundRawPayload(facts.raw),
  };
  if (region !== undefined) {
    alert.region = region;
  }
  if (workloadHint !== undefined) {
    alert.workloadHint = workloadHint;
  }
  if (facts.resolvedAt !== undefined) {
    alert.resolvedAt = facts.resolvedAt;
  }
  return alert;
}

function nonBlank(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function pickSummary(candidates: readonly (string | null | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    const text = nonBlank(candidate);
    if (text !== undefined) {
      return text.replace(/\s+/g, ' ');
    }
  }
  return undefined;
}

function truncate(text: string): string {
  const chars = Array.from(text);
  return chars.length <= SUMMARY_MAX_LENGTH ? text : `${chars.slice(0, SUMMARY_MAX_LENGTH - 1).join('')}…`;
}

function lowercaseUnique(ids: readonly string[]): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const value = id.trim().toLowerCase();
    if (value !== '') {
      out.add(value);
    }
  }
  return [...out];
}
