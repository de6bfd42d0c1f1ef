// Picks the alertContext reader for an alert's monitoringService (shape decides where one service has two shapes).
import { type AlertContextFacts } from './AlertContextFacts';
import { readActivityLogAlertContext } from './activityLogAlertContext';
import { readConditionAlertContext } from './conditionAlertContext';
import { isLegacyLogAlertContext, readLegacyLogAlertContext } from './legacyLogAlertContext';
import { readPrometheusAlertContext } from './prometheusAlertContext';
import { readServiceHealthAlertContext } from './serviceHealthAlertContext';

export function readAlertContext(
  monitoringService: string | null | undefined,
  context: Readonly<Record<string, unknown>> | null | undefined,
): AlertContextFacts {
  if (context === null || context === undefined) {
    return {};
  }
  const service = (monitoringService ?? '').trim().toLowerCase();
  if (service === 'servicehealth' || service === 'service health') {
    return readServiceHealthAlertContext(context);
  }
  if (service.startsWith('activity log') || service === 'resource health' || service === 'resourcehealth') {
    return readActivityLogAlertContext(context);
  }
  if (service === 'prometheus') {
    return readPrometheusAlertContext(context);
  }
  if (service === 'platform' || service === 'log analytics' || service === 'application insights') {
    // "Platform" covers metric rules and older log rules; Microsoft's samples show both shapes under it.
    return isLegacyLogAlertContext(context)
      ? readLegacyLogAlertContext(context)
      : readConditionAlertContext(context);
  }
  if (service === 'log alerts v2') {
    return readConditionAlertContext(context);
  }
  // Smart detectors, cost alerts and services added later: essentials are enough.
  return {};
}
