// Normalises one Azure Monitor common-alert-schema notification (one alert per request).
import { formatZodIssues } from '../../validation/formatZodIssues';
import { buildAlert } from '../buildAlert';
import { type FormatOutcome } from '../NormaliseResult';
import { findLabel, stringifyLabels } from '../stringifyLabels';
import { readAlertContext } from './alertContexts/readAlertContext';
import { commonAlertSchema } from './commonAlertSchema';

export function normaliseAzureMonitorAlert(body: unknown): FormatOutcome {
  const parsed = commonAlertSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, details: formatZodIssues(parsed.error.issues) };
  }
  const { essentials, alertContext, customProperties } = parsed.data.data;
  const context = readAlertContext(essentials.monitoringService, alertContext);

  // Custom properties are the rule author's own words, so they win over context labels.
  const labels = { ...context.labels, ...stringifyLabels(customProperties) };
  const resolved = essentials.monitorCondition === 'Resolved' || context.resolved !== undefined;
  const alertRule = essentials.alertRule ?? '';

  return {
    ok: true,
    alerts: [
      buildAlert({
        source: 'azure-monitor',
        sourceAlertId: essentials.alertId,
        fingerprint: firstNonBlank(context.fingerprint, essentials.originAlertId) ?? essentials.alertId,
        severity: essentials.severity,
        condition: resolved ? 'resolved' : 'fired',
        signalType: essentials.signalType ?? '',
        monitoringService: essentials.monitoringService ?? '',
        alertRule,
        targetResourceIds: essentials.alertTargetIDs,
        region: findLabel(labels, 'region') ?? context.region,
        labels,
        impactedServices: context.impactedServices ?? [],
        firedAt: essentials.firedDateTime,
        resolvedAt: resolved ? (essentials.resolvedDateTime ?? context.resolved?.at) : undefined,
        summaryCandidates: [
          context.summary,
          essentials.description,
          context.fallbackSummary === undefined
            ? undefined
            : `${firstNonBlank(alertRule) ?? 'Log search'}: ${context.fallbackSummary}`,
          alertRule,
        ],
        raw: body,
      }),
    ],
  };
}

function firstNonBlank(...values: (string | null | undefined)[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '');
}
