// Decides which intake format a request body claims to be, from its marker fields only (validation comes later).
import { AZURE_COMMON_ALERT_SCHEMA_ID } from './azureMonitor/commonAlertSchema';
import { GENERIC_ALERT_SCHEMA_ID } from './generic/genericAlert';
import { type AlertFormat } from './NormaliseResult';

export type FormatDetection =
  { format: AlertFormat } | { format: undefined; hint?: { path: string; message: string } };

/** Human names of the accepted formats, for error messages. */
export const ACCEPTED_FORMATS_TEXT =
  `Azure Monitor common alert schema ("schemaId": "${AZURE_COMMON_ALERT_SCHEMA_ID}"), ` +
  `Prometheus Alertmanager webhook ("version": "4" with "groupKey" and "alerts"), ` +
  `Lifeboat generic alerts ("schema": "${GENERIC_ALERT_SCHEMA_ID}")`;

/**
 * Marker fields, checked in this order:
 * 1. `schemaId` equal to "azureMonitorCommonAlertSchema" → azure-monitor-common;
 * 2. `schema` equal to "lifeboat.alert/v1" → generic-v1;
 * 3. `groupKey` and an `alerts` array (Alertmanager's webhook shape) → alertmanager-v4, whose
 *    validation then insists on `version` "4".
 */
export function detectAlertFormat(body: unknown): FormatDetection {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { format: undefined, hint: { path: '', message: 'Expected a JSON object' } };
  }
  const record = body as Readonly<Record<string, unknown>>;
  const { schemaId, schema } = record;
  if (schemaId === AZURE_COMMON_ALERT_SCHEMA_ID) {
    return { format: 'azure-monitor-common' };
  }
  if (schema === GENERIC_ALERT_SCHEMA_ID) {
    return { format: 'generic-v1' };
  }
  if ('groupKey' in record && Array.isArray(record.alerts)) {
    return { format: 'alertmanager-v4' };
  }
  if (typeof schemaId === 'string') {
    return {
      format: undefined,
      hint: {
        path: 'schemaId',
        message: `"${schemaId}" is not supported: enable the common alert schema on the action group's webhook`,
      },
    };
  }
  if (typeof schema === 'string') {
    return {
      format: undefined,
      hint: {
        path: 'schema',
        message: `"${schema}" is not supported: expected "${GENERIC_ALERT_SCHEMA_ID}"`,
      },
    };
  }
  return { format: undefined };
}
