// Normalises a "lifeboat.alert/v1" payload into one alert per entry of `alerts`.
import { formatZodIssues } from '../../validation/formatZodIssues';
import { type Alert } from '../Alert';
import { buildAlert } from '../buildAlert';
import { type FormatOutcome } from '../NormaliseResult';
import { parseIsoTimestamp } from '../parseIsoTimestamp';
import { genericAlertPayloadSchema, type GenericAlert } from './genericAlert';

export function normaliseGenericAlert(body: unknown): FormatOutcome {
  const parsed = genericAlertPayloadSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, details: formatZodIssues(parsed.error.issues) };
  }
  const alerts: Alert[] = [];
  for (const [index, alert] of parsed.data.alerts.entries()) {
    // The schema checked the shape; this yields the UTC form (and cannot fail for a schema-valid date).
    const firedAt = parseIsoTimestamp(alert.firedAt);
    if (firedAt === undefined) {
      return { ok: false, details: [{ path: `alerts[${index}].firedAt`, message: 'Invalid ISO datetime' }] };
    }
    alerts.push(normaliseOne(alert, firedAt, rawEntry(body, index)));
  }
  return { ok: true, alerts };
}

function normaliseOne(alert: GenericAlert, firedAt: string, raw: unknown): Alert {
  const resolved = alert.status === 'resolved';
  return buildAlert({
    source: 'generic',
    sourceAlertId: `${alert.source}:${alert.id}`,
    fingerprint: alert.id,
    severity: alert.severity,
    condition: resolved ? 'resolved' : 'fired',
    signalType: alert.signalType ?? 'Generic',
    monitoringService: alert.source,
    alertRule: alert.rule ?? alert.source,
    targetResourceIds: alert.resources ?? [],
    region: alert.region,
    workload: alert.workload,
    labels: alert.labels ?? {},
    firedAt,
    resolvedAt: resolved && alert.resolvedAt !== undefined ? parseIsoTimestamp(alert.resolvedAt) : undefined,
    summaryCandidates: [alert.summary],
    raw,
  });
}

function rawEntry(body: unknown, index: number): unknown {
  if (typeof body === 'object' && body !== null && 'alerts' in body && Array.isArray(body.alerts)) {
    return (body.alerts as readonly unknown[])[index] ?? null;
  }
  return null;
}
