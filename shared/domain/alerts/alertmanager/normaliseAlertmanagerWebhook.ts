// Normalises an Alertmanager version 4 webhook into one alert per entry of `alerts`.
import { formatZodIssues } from '../../validation/formatZodIssues';
import { type Alert } from '../Alert';
import { buildAlert } from '../buildAlert';
import { type FormatOutcome } from '../NormaliseResult';
import { findLabel, stringifyLabels } from '../stringifyLabels';
import { alertmanagerSeverity } from './alertmanagerSeverity';
import {
  ALERTMANAGER_ZERO_TIME,
  alertmanagerWebhookSchema,
  type AlertmanagerAlert,
  type AlertmanagerWebhook,
} from './alertmanagerWebhook';

/** Labels that may carry Azure resource ids, in the order they are read. */
const RESOURCE_ID_LABELS = ['resource_id', 'azure_resource_id'] as const;

export function normaliseAlertmanagerWebhook(body: unknown): FormatOutcome {
  const parsed = alertmanagerWebhookSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, details: formatZodIssues(parsed.error.issues) };
  }
  const webhook = parsed.data;
  const rawEntries = rawAlertEntries(body);
  return {
    ok: true,
    alerts: webhook.alerts.map((alert, index) => normaliseOne(webhook, alert, rawEntries[index])),
  };
}

function normaliseOne(webhook: AlertmanagerWebhook, alert: AlertmanagerAlert, rawEntry: unknown): Alert {
  const labels = stringifyLabels(alert.labels);
  const annotations = stringifyLabels(alert.annotations);
  const resolved = alert.status === 'resolved';
  const endsAt = alert.endsAt === ALERTMANAGER_ZERO_TIME ? undefined : (alert.endsAt ?? undefined);
  const alertname =
    findLabel(labels, 'alertname') ?? findLabel(stringifyLabels(webhook.groupLabels), 'alertname');
  return buildAlert({
    source: 'alertmanager',
    // startsAt tells apart two firings of the same series; it is repeated unchanged in the resolved notification.
    sourceAlertId: `${alert.fingerprint}@${alert.startsAt}`,
    fingerprint: alert.fingerprint,
    severity: alertmanagerSeverity(findLabel(labels, 'severity')),
    condition: resolved ? 'resolved' : 'fired',
    signalType: 'Prometheus',
    monitoringService: 'Alertmanager',
    alertRule: alertname ?? 'Alertmanager alert',
    targetResourceIds: RESOURCE_ID_LABELS.flatMap((name) => findLabel(labels, name) ?? []),
    region: findLabel(labels, 'region'),
    labels,
    firedAt: alert.startsAt,
    // A firing alert's endsAt is only Alertmanager's resolve timeout, not an end.
    resolvedAt: resolved ? endsAt : undefined,
    summaryCandidates: [annotations.summary, annotations.description, annotations.message, alertname],
    // The entry as received, plus what links it back to its group and to Alertmanager.
    raw: {
      groupKey: webhook.groupKey,
      externalURL: webhook.externalURL ?? null,
      receiver: webhook.receiver ?? null,
      alert: rawEntry ?? null,
    },
  });
}

/** The alert entries exactly as received (the parsed ones carry normalised timestamps). */
function rawAlertEntries(body: unknown): readonly unknown[] {
  if (typeof body === 'object' && body !== null && 'alerts' in body && Array.isArray(body.alerts)) {
    return body.alerts as readonly unknown[];
  }
  return [];
}
